"""The voucher desk area as a state machine, without Qt or a database: the four ways to find,
the pages they lead to, refusals worded as notices, the actions allowed on a voucher, the
action sub-flow held in `sub`, and Back through the pages."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.domain.desk import (
    DeskFind,
    DeskRefusal,
    DeskRefused,
    DeskVoucher,
    HistoryEvent,
    HistoryKind,
    StaffActor,
)
from kiosk.domain.journal import (
    AccountRole,
    LossReportKind,
    ReissueProgress,
    TransactionKind,
    VoucherKind,
)
from kiosk.domain.staff import StaffSession
from kiosk.flows.staff_voucher_actions import ActionKind
from kiosk.flows.staff_vouchers import (
    CheckVoucherCode,
    DeskNotice,
    FindBy,
    FindHolderVouchers,
    FindVoucherNumber,
    FindVouchersIssued,
    VoucherDeskArea,
    VPage,
)
from kiosk.services.voucher_codes import CodeProblem, VoucherContent
from kiosk.services.voucher_desk import DeskCheck, DeskOffline

AT = dt.datetime(2026, 12, 5, 2, 0, tzinfo=dt.UTC)
SESSION = StaffSession(1, "clerk1", "Clerk One", AccountRole.CLERK, AT)
ACTOR = StaffActor("clerk1", AccountRole.CLERK)


def voucher(
    number: str = "BJCY01-20261205-000001-X",
    *,
    kind: VoucherKind = VoucherKind.CARD_RECEIPT,
    transaction: TransactionKind = TransactionKind.REISSUE,
    progress: ReissueProgress | None = ReissueProgress.APPLIED,
) -> DeskVoucher:
    return DeskVoucher(
        number=number,
        kind=kind,
        transaction_kind=transaction,
        loss_kind=LossReportKind.FINAL if transaction is TransactionKind.REISSUE else None,
        kiosk_id="BJCY01",
        issued_at=AT,
        masked_name="张*",
        masked_id_number="1101**********0173",
        masked_card_number="A1*****3X",
        progress=progress,
        pickup_date=dt.date(2026, 12, 26),
        outlet_code="BJCY-01",
        prints=1,
        reimbursement=None,
        history=(HistoryEvent(AT, HistoryKind.ISSUED, "BJCY01"),),
    )


@pytest.fixture
def area() -> VoucherDeskArea:
    a = VoucherDeskArea(SESSION)
    assert a.start() == []
    return a


def test_starts_at_find_and_back_leaves_the_area(area: VoucherDeskArea) -> None:
    assert area.page == VPage.FIND.value and not area.view.busy
    assert area.back() is False


def test_a_scanned_genuine_voucher_opens_with_its_check(area: VoucherDeskArea) -> None:
    commands = area.find_by_code("SSK2:ABC")
    assert commands == [CheckVoucherCode(ACTOR, "SSK2:ABC")]
    assert "SSK2:ABC" not in repr(commands[0])  # a code is never in a log line
    assert area.view.busy and area.find_by_number("x") == []  # one search at a time
    v = voucher()
    check = DeskCheck(None, v.number, "SSK2", "00ff", VoucherContent(v.number), v)
    area.checked(check)
    assert area.page == VPage.VOUCHER.value
    assert area.view.voucher == v and area.view.check == check and not area.view.busy
    assert area.back() is True and area.page == VPage.FIND.value  # not from a list


@pytest.mark.parametrize(
    "check",
    [
        DeskCheck(CodeProblem.BAD_SIGNATURE),
        DeskCheck(None, "DEMO02-20261205-000017-5", "SSK2", "00ff", None, None),
    ],
    ids=["tampered", "genuine-foreign"],
)
def test_a_scan_not_genuine_or_not_known_shows_the_check(
    area: VoucherDeskArea, check: DeskCheck
) -> None:
    area.find_by_code("SSK2:X")
    area.checked(check)
    assert area.page == VPage.CHECK.value and area.view.check == check
    area.show_find()
    assert area.page == VPage.FIND.value and area.view.check is None


def test_by_number_opens_the_voucher_and_refusals_become_notices(area: VoucherDeskArea) -> None:
    assert area.find_by_number("  ") == []  # nothing typed: nothing asked
    assert area.find_by_number("bjcy01") == [FindVoucherNumber(ACTOR, "bjcy01")]
    area.failed(DeskRefused(DeskRefusal.VOUCHER_NOT_FOUND))
    assert area.page == VPage.FIND.value and area.view.notice is DeskNotice.NOT_FOUND
    assert area.view.searching is FindBy.NUMBER and not area.view.busy
    area.find_by_number("x")
    area.failed(DeskOffline())
    assert area.view.notice is DeskNotice.OFFLINE
    area.find_by_number("x")
    area.failed(RuntimeError("secret detail"))
    assert area.view.notice is DeskNotice.FAILED
    area.find_by_number("x")
    area.found_one(voucher())
    assert area.page == VPage.VOUCHER.value and area.view.notice is None


def test_lists_open_a_voucher_and_back_returns_to_the_list(area: VoucherDeskArea) -> None:
    first, last = dt.date(2026, 11, 29), dt.date(2026, 12, 5)
    assert area.find_by_dates(first, last) == [FindVouchersIssued(ACTOR, first, last)]
    a, b = voucher(), voucher("BJCY01-20261205-000002-8", progress=None)
    area.found(DeskFind((a, b), truncated=True))
    assert area.page == VPage.FOUND.value and area.view.dates == (first, last)
    assert area.view.found is not None and area.view.found.truncated
    assert area.open_voucher("NOT-LISTED") == [] and area.page == VPage.FOUND.value
    area.open_voucher(b.number)
    assert area.page == VPage.VOUCHER.value and area.view.voucher == b
    assert area.back() is True and area.page == VPage.FOUND.value
    assert area.back() is True and area.page == VPage.FIND.value
    assert area.find_by_holder("110105198506120173") == [
        FindHolderVouchers(ACTOR, "110105198506120173")
    ]
    area.found(DeskFind(()))
    assert area.page == VPage.FOUND.value and area.view.found == DeskFind(())


def test_a_late_result_of_another_search_is_ignored(area: VoucherDeskArea) -> None:
    area.find_by_number("x")
    area.found(DeskFind((voucher(),)))  # a list, while a number was asked
    area.checked(DeskCheck(CodeProblem.MALFORMED))
    assert area.view.busy and area.page == VPage.FIND.value


def test_actions_follow_the_rules_and_open_the_sub_flow(area: VoucherDeskArea) -> None:
    loss = voucher(kind=VoucherKind.LOSS_RECEIPT, transaction=TransactionKind.LOSS_REPORT)
    area.find_by_number("x")
    area.found_one(loss)
    actions = dict(area.view.actions)
    assert actions[ActionKind.REPRINT] is None
    assert actions[ActionKind.HAND_OVER] is DeskRefusal.NOT_A_REISSUE
    assert area.act(ActionKind.HAND_OVER) == [] and area.sub is None  # refused: nothing opens
    area.show_find()
    area.find_by_number("x")
    ready = voucher(progress=ReissueProgress.READY)
    area.found_one(ready)
    assert dict(area.view.actions)[ActionKind.HAND_OVER] is None
    opened: list[object] = []

    class Sub:  # the sub-flow as the area sees it: a page, a view, Back
        page = "staff-action"
        view = "the action's view"

        def back(self) -> bool:
            opened.append("back")
            return False

    area.sub = Sub()  # type: ignore[assignment]
    assert area.page == "staff-action" and area.view == "the action's view"
    assert area.find_by_number("x") == [] and area.act(ActionKind.REPRINT) == []
    assert area.back() is True and area.sub is None and opened == ["back"]
    assert area.page == VPage.VOUCHER.value


def test_an_action_done_shows_the_voucher_as_it_is_now(area: VoucherDeskArea) -> None:
    a = voucher()
    area.find_by_dates(dt.date(2026, 12, 5), dt.date(2026, 12, 5))
    area.found(DeskFind((a,)))
    area.open_voucher(a.number)
    area.act(ActionKind.PROGRESS)
    assert area.sub is not None and area.page == "staff-progress"
    moved = voucher(progress=ReissueProgress.IN_PRODUCTION)
    area.sub.on_done(moved, "progress_moved")  # what the action calls once it succeeded
    assert area.sub is None and area.page == VPage.VOUCHER.value
    assert area.view.voucher == moved and area.view.note == "progress_moved"
    assert area.view.found is not None and area.view.found.vouchers == (moved,)  # list too
    area.back()
    assert area.page == VPage.FOUND.value and area.view.note == ""

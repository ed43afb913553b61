"""One action on one voucher, as a flow with no Qt and no services: which actions a voucher
allows (the desk's rules), what each page takes, what it asks the services, and how their
answers and refusals come back."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from desk_helpers import desk_voucher

from kiosk.domain.business import PrintOutcome
from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.desk import (
    DeskRefusal,
    DeskRefused,
    DeskVoucher,
    Reimbursement,
    ReprintReason,
)
from kiosk.domain.journal import (
    AccountRole,
    LossReportKind,
    ReissueProgress,
    TransactionKind,
    VoucherKind,
)
from kiosk.domain.staff import StaffSession
from kiosk.flows.staff_voucher_actions import (
    ActionKind,
    ActionNotice,
    FindToday,
    HandOver,
    MoveProgress,
    RecordReimbursement,
    Reprint,
    VoucherAction,
    action_refusals,
)
from kiosk.services.voucher_desk import DeskOffline, DeskReprint

ISSUED = dt.datetime(2026, 12, 1, 9, 30, tzinfo=CHINA_TZ)
TODAY = dt.date(2026, 12, 5)
SESSION = StaffSession(7, "clerk1", "Wang Fang", AccountRole.CLERK, ISSUED)

REISSUE = desk_voucher()
LOSS_RECEIPT = dataclasses.replace(
    REISSUE,
    kind=VoucherKind.LOSS_RECEIPT,
    transaction_kind=TransactionKind.LOSS_REPORT,
    loss_kind=LossReportKind.TEMPORARY,
    progress=None,
)
REPLACEMENT = dataclasses.replace(
    REISSUE, transaction_kind=TransactionKind.REPLACEMENT, loss_kind=None
)


class Desk:
    """The desk's side of the contract: what on_done was told."""

    def __init__(self) -> None:
        self.done: list[tuple[DeskVoucher, str]] = []

    def on_done(self, voucher: DeskVoucher, note: str) -> list[object]:
        self.done.append((voucher, note))
        return ["back to the voucher"]


def opened(voucher: DeskVoucher, kind: ActionKind) -> tuple[VoucherAction, Desk, list[object]]:
    desk = Desk()
    action = VoucherAction(SESSION, voucher, kind, desk.on_done)
    return action, desk, action.start()


def with_progress(progress: ReissueProgress) -> DeskVoucher:
    return dataclasses.replace(REISSUE, progress=progress)


# --- what a voucher allows -----------------------------------------------------------------------


def test_action_refusals_follow_the_desk_rules() -> None:
    K, R = ActionKind, DeskRefusal
    assert action_refusals(REISSUE) == {
        K.REPRINT: None,
        K.PROGRESS: None,
        K.HAND_OVER: R.NOT_READY,
        K.REIMBURSE: None,
    }
    assert action_refusals(with_progress(ReissueProgress.IN_PRODUCTION))[K.PROGRESS] is None
    ready = action_refusals(with_progress(ReissueProgress.READY))
    assert (ready[K.PROGRESS], ready[K.HAND_OVER]) == (R.USE_HAND_OVER, None)
    collected = action_refusals(with_progress(ReissueProgress.COLLECTED))
    assert (collected[K.PROGRESS], collected[K.HAND_OVER]) == (
        R.ALREADY_COLLECTED,
        R.ALREADY_COLLECTED,
    )
    assert action_refusals(LOSS_RECEIPT) == {
        K.REPRINT: None,
        K.PROGRESS: R.NOT_A_REISSUE,
        K.HAND_OVER: R.NOT_A_REISSUE,
        K.REIMBURSE: R.NOT_REIMBURSABLE,
    }
    # A damaged card's new card is handed over, but there was no loss period to reimburse.
    assert action_refusals(REPLACEMENT)[K.REIMBURSE] is R.NOT_REIMBURSABLE
    paid = Reimbursement(100, "Wang Fang", TODAY, ISSUED, "clerk1")
    assert action_refusals(dataclasses.replace(REISSUE, reimbursement=paid))[K.REIMBURSE] is (
        R.ALREADY_REIMBURSED
    )


def test_a_refused_action_opens_on_its_refusal_and_takes_no_input() -> None:
    action, desk, commands = opened(LOSS_RECEIPT, ActionKind.HAND_OVER)
    assert commands == [] and action.page == "staff-hand-over"
    assert action.view.refusal is DeskRefusal.NOT_A_REISSUE
    assert action.set_id_checked(True) == [] and not action.view.id_checked
    assert action.hand_over() == [] and not desk.done
    assert action.back() is False  # back to the voucher


# --- reprint -------------------------------------------------------------------------------------


def test_a_reprint_needs_a_reason_then_prints_once() -> None:
    action, desk, commands = opened(REISSUE, ActionKind.REPRINT)
    assert commands == [] and action.page == "staff-reprint" and action.view.refusal is None
    assert action.reprint() == [] and action.view.notice is ActionNotice.REASON_REQUIRED
    action.choose_reason(ReprintReason.OTHER)
    assert action.view.notice is None
    assert action.reprint("   ") == [] and action.view.notice is ActionNotice.REASON_REQUIRED
    action.choose_reason(ReprintReason.LOST)
    (command,) = action.reprint("ignored for a preset")
    assert command == Reprint(
        action, REISSUE.number, "市民遗失凭证 / The citizen lost the voucher", seen_prints=1
    )
    assert action.view.busy and action.back() is True  # stays while printing
    # A double tap, or a change of mind while printing, counts for nothing.
    assert action.reprint() == [] and action.choose_reason(ReprintReason.OTHER) == []
    assert action.view.reason is ReprintReason.LOST
    after = dataclasses.replace(REISSUE, prints=2)
    assert action.reprinted(DeskReprint(PrintOutcome.PRINTED, 1, after)) == ["back to the voucher"]
    assert desk.done == [(after, "reprinted")]


def test_other_reason_is_the_typed_text_and_printer_trouble_records_nothing() -> None:
    action, desk, _ = opened(REISSUE, ActionKind.REPRINT)
    action.choose_reason(ReprintReason.OTHER)
    (command,) = action.reprint("  Citizen asked for a\tsecond copy ")
    assert isinstance(command, Reprint) and command.reason == "Citizen asked for a second copy"
    assert action.reprinted(DeskReprint(PrintOutcome.OUT_OF_PAPER, None)) == []
    assert (action.view.busy, action.view.notice) == (False, ActionNotice.OUT_OF_PAPER)
    assert not desk.done
    (again,) = action.reprint("Citizen asked for a second copy")  # paper in: print again
    assert action.reprinted(DeskReprint(PrintOutcome.PRINTER_OFFLINE, None)) == []
    assert action.view.notice is ActionNotice.PRINTER_OFFLINE and isinstance(again, Reprint)


def test_printed_since_is_a_refusal_and_the_database_a_plain_notice() -> None:
    action, _, _ = opened(REISSUE, ActionKind.REPRINT)
    action.choose_reason(ReprintReason.PRINTER)
    action.reprint()
    action.failed(DeskRefused(DeskRefusal.PRINTED_SINCE))
    assert (action.view.busy, action.view.refusal) == (False, DeskRefusal.PRINTED_SINCE)
    assert action.reprint() == []  # look at the voucher again first

    action, _, _ = opened(REISSUE, ActionKind.REPRINT)
    action.choose_reason(ReprintReason.DAMAGED)
    action.reprint()
    action.failed(DeskOffline())
    assert (action.view.notice, action.view.refusal) == (ActionNotice.DATABASE, None)
    action.reprint()
    action.failed(RuntimeError("a bug, never shown"))
    assert action.view.notice is ActionNotice.FAILED and not action.view.busy


# --- progress and hand-over ----------------------------------------------------------------------


def test_progress_offers_the_steps_forward_only() -> None:
    action, desk, _ = opened(REISSUE, ActionKind.PROGRESS)
    assert action.view.steps == (ReissueProgress.IN_PRODUCTION, ReissueProgress.READY)
    assert action.move_to(ReissueProgress.APPLIED) == []
    assert action.move_to(ReissueProgress.COLLECTED) == []
    (command,) = action.move_to(ReissueProgress.READY)
    assert command == MoveProgress(action, REISSUE.number, ReissueProgress.READY)
    assert action.move_to(ReissueProgress.READY) == []  # busy
    moved = with_progress(ReissueProgress.READY)
    action.done(moved)
    assert desk.done == [(moved, "progress_moved")]
    later, _, _ = opened(with_progress(ReissueProgress.IN_PRODUCTION), ActionKind.PROGRESS)
    assert later.view.steps == (ReissueProgress.READY,)


def test_the_hand_over_waits_for_the_id_check() -> None:
    action, desk, _ = opened(with_progress(ReissueProgress.READY), ActionKind.HAND_OVER)
    assert action.view.refusal is None and not action.view.id_checked
    assert action.hand_over() == []
    action.set_id_checked(True)
    (command,) = action.hand_over()
    assert command == HandOver(action, REISSUE.number)
    action.failed(DeskRefused(DeskRefusal.ALREADY_COLLECTED))  # another desk was quicker
    assert action.view.refusal is DeskRefusal.ALREADY_COLLECTED and not desk.done


# --- reimbursement -------------------------------------------------------------------------------


def reimbursing() -> tuple[VoucherAction, Desk]:
    action, desk, commands = opened(REISSUE, ActionKind.REIMBURSE)
    assert commands == [FindToday(action)] and action.view.busy
    action.today_found(TODAY)
    assert (action.view.reviewed_on, action.view.reviewer) == (TODAY, "Wang Fang")
    return action, desk


def test_the_review_date_steps_between_the_voucher_and_today() -> None:
    action, _ = reimbursing()
    action.step_review_date(+1)
    assert action.view.reviewed_on == TODAY  # never in the future
    for _ in range(10):
        action.step_review_date(-1)
    assert action.view.reviewed_on == dt.date(2026, 12, 1)  # never before the voucher
    action.step_review_date(+2)
    assert action.view.reviewed_on == dt.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("amount", "fen"),
    [("1234.5", 123450), ("80", 8000), ("0.05", 5), ("1000000", 100_000_000), ("12.", 1200)],
)
def test_an_amount_in_yuan_is_recorded_in_fen(amount: str, fen: int) -> None:
    action, _ = reimbursing()
    (command,) = action.record_reimbursement(amount, " Li Lei ")
    assert command == RecordReimbursement(action, REISSUE.number, fen, " Li Lei ", TODAY)


@pytest.mark.parametrize(
    ("amount", "reviewer", "notice"),
    [
        ("", "Wang Fang", ActionNotice.AMOUNT_INVALID),
        ("0", "Wang Fang", ActionNotice.AMOUNT_INVALID),
        ("1.234", "Wang Fang", ActionNotice.AMOUNT_INVALID),
        ("1000000.01", "Wang Fang", ActionNotice.AMOUNT_INVALID),
        (".5.", "Wang Fang", ActionNotice.AMOUNT_INVALID),
        ("12", "   ", ActionNotice.REVIEWER_REQUIRED),
    ],
)
def test_a_wrong_amount_or_no_reviewer_is_said_and_kept(
    amount: str, reviewer: str, notice: ActionNotice
) -> None:
    action, _ = reimbursing()
    assert action.record_reimbursement(amount, reviewer) == []
    assert (action.view.notice, action.view.busy, action.view.reviewer) == (
        notice,
        False,
        reviewer,
    )


def test_a_recorded_reimbursement_goes_back_to_the_desk_and_a_late_second_is_refused() -> None:
    action, desk = reimbursing()
    action.record_reimbursement("99", "Wang Fang")
    assert action.record_reimbursement("99", "Wang Fang") == []  # a double tap
    paid = dataclasses.replace(
        REISSUE, reimbursement=Reimbursement(9900, "Wang Fang", TODAY, ISSUED, "clerk1")
    )
    action.done(paid)
    assert desk.done == [(paid, "reimbursed")]
    # Opened on the voucher as it was before, refused by the service: said plainly.
    stale, stale_desk = reimbursing()
    stale.record_reimbursement("99", "Wang Fang")
    stale.failed(DeskRefused(DeskRefusal.ALREADY_REIMBURSED))
    assert stale.view.refusal is DeskRefusal.ALREADY_REIMBURSED and not stale_desk.done
    stale.failed(DeskRefused(DeskRefusal.REVIEW_DATE_INVALID))  # an input's: a notice
    assert stale.view.notice is ActionNotice.REVIEW_DATE_INVALID

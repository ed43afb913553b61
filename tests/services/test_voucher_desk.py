"""The voucher desk on SQLite and PostgreSQL: find with history, reprint with a reason, progress,
hand-over and reimbursement; each audited with the staff user as actor, each refusal too, and
nothing repeated by a double tap."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from drivers.printers.fake import FakePrinter, Fault
from kiosk.domain.business import PrintOutcome, ReissueRequest
from kiosk.domain.desk import DeskRefusal, DeskRefused, DeskVoucher, HistoryKind, StaffActor
from kiosk.domain.journal import (
    AccountRole,
    ActorKind,
    AuditEntry,
    LossReportKind,
    LossReportRequest,
    Outcome,
    ReissueProgress,
    ReissueReason,
)
from kiosk.domain.voucher_data import KioskInfo
from kiosk.domain.vouchers import format_voucher_number
from kiosk.services.business import BusinessService
from kiosk.services.context import KioskContext
from kiosk.services.voucher_desk import DeskOffline, VoucherDesk
from kiosk.services.vouchers import Vouchers
from kiosk.store import models as m
from kiosk.store.audit import AuditRepository
from kiosk.store.check import check_database
from kiosk.store.db import create_engine, read_session
from kiosk.store.seal import AuditSeal
from kiosk.store.unitofwork import UnitOfWork

KEY = b"desk-test-key"
START = dt.datetime(2026, 12, 5, 2, 0, tzinfo=dt.UTC)
NORMAL_SSN, NORMAL_CARD = "110105198506120173", "A1052103X"
NO_PHOTO_SSN = "440106197811230350"
CLERK = StaffActor("clerk1", AccountRole.STAFF)
TECH = StaffActor("tech1", AccountRole.TECHNICIAN)
GONE = StaffActor("gone1", AccountRole.STAFF)  # disabled
NOBODY = StaffActor("nobody", AccountRole.STAFF)


class Clock:
    def __init__(self, start: dt.datetime = START) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@dataclass
class Desk:
    engine: Engine
    seal: AuditSeal
    clock: Clock
    printer: FakePrinter
    kiosk: BusinessService
    desk: VoucherDesk

    def reissue(self, ssn: str = NORMAL_SSN, card: str = NORMAL_CARD) -> tuple[str, str]:
        """A reissue after a loss, printed: (voucher number, QR code)."""
        request = ReissueRequest(
            uuid.uuid4().hex, "BJCY01", ssn, card, ReissueReason.LOST, "BJCY-01"
        )
        receipt = self.kiosk.apply_reissue(request)
        assert self.kiosk.print_voucher(receipt.qr_payload, "zh_CN") is PrintOutcome.PRINTED
        return receipt.voucher_number, receipt.qr_payload

    def loss_report(self, ssn: str = NO_PHOTO_SSN) -> str:
        """A temporary loss report's voucher (no new card behind it)."""
        request = LossReportRequest(uuid.uuid4().hex, "BJCY01", ssn, LossReportKind.TEMPORARY)
        return self.kiosk.report_loss(request).voucher_number

    def entries(self) -> list[AuditEntry]:
        """The kiosk's audit entries, oldest first."""
        with read_session(self.engine) as s:
            return list(reversed(AuditRepository(s).entries(chain="BJCY01")))

    def refused(self, call: Callable[..., object], *args: object, **kw: object) -> DeskRefusal:
        before = len(self.entries())
        with pytest.raises(DeskRefused) as caught:
            call(*args, **kw)
        # A refusal is audited, in its own transaction, and is the only thing written.
        new = self.entries()[before:]
        assert [(e.action, e.outcome, e.actor_kind) for e in new] == [
            ("desk.refused", Outcome.REFUSED, ActorKind.STAFF)
        ]
        assert new[0].detail["refusal"] == caught.value.refusal.value
        return caught.value.refusal

    def check(self) -> None:
        report = check_database(self.engine, seal=self.seal)
        assert report.ok, "\n".join(report.lines())


def make_desk(engine: Engine, seal: AuditSeal) -> Desk:
    clock, printer = Clock(), FakePrinter()
    kiosk = BusinessService(
        engine,
        KioskInfo("BJCY01", "朝阳区社保服务大厅"),
        signing_key=KEY,
        audit_seal=seal,
        printer=printer,
        clock=clock,
    )
    with UnitOfWork(engine) as uow:
        for login, role in (("clerk1", AccountRole.STAFF), ("tech1", AccountRole.TECHNICIAN)):
            uow.staff.add(login=login, display_name=login, role=role, password_hash="x", at=START)
        uow.staff.add(
            login="gone1", display_name="g", role=AccountRole.STAFF, password_hash="x", at=START
        )
        uow.session.execute(
            sa.update(m.StaffAccount).where(m.StaffAccount.login == "gone1").values(active=False)
        )
        uow.commit()
    desk = VoucherDesk(kiosk.context, Vouchers(kiosk.context, kiosk.proofs))
    return Desk(engine, seal, clock, printer, kiosk, desk)


@pytest.fixture
def desk(demo_engine: Engine, audit_seal: AuditSeal) -> Desk:
    return make_desk(demo_engine, audit_seal)


def kinds(voucher: DeskVoucher) -> list[HistoryKind]:
    return [event.kind for event in voucher.history]


# --- finding -------------------------------------------------------------------------------------


def test_find_by_code_number_holder_and_dates_with_history(desk: Desk) -> None:
    number, code = desk.reissue()
    other = desk.loss_report()

    by_code = desk.desk.find_by_code(CLERK, code)
    assert by_code.number == number and by_code.progress is ReissueProgress.APPLIED
    assert kinds(by_code) == [HistoryKind.ISSUED, HistoryKind.PRINTED]
    assert by_code.masked_id_number == "1101**********0173" and NORMAL_SSN not in repr(by_code)
    assert by_code.masked_card_number == "A1*****3X" and by_code.outlet_code == "BJCY-01"
    assert by_code.prints == 1 and by_code.reimbursement is None

    typed = number.replace("-", "").lower()
    assert desk.desk.find_by_number(CLERK, f" {typed} ") == by_code
    by_holder = desk.desk.find_by_holder(CLERK, NORMAL_SSN.lower())
    assert [v.number for v in by_holder.vouchers] == [number] and not by_holder.truncated
    today = dt.date(2026, 12, 5)
    by_day = desk.desk.find_by_dates(CLERK, today, today)
    assert {v.number for v in by_day.vouchers} == {number, other}
    assert desk.desk.find_by_dates(CLERK, today, today, limit=1).truncated
    before = desk.desk.find_by_dates(CLERK, today - dt.timedelta(3), today - dt.timedelta(1))
    after = desk.desk.find_by_dates(CLERK, today + dt.timedelta(1), today + dt.timedelta(2))
    assert before.vouchers == after.vouchers == ()

    found = [e for e in desk.entries() if e.action == "desk.vouchers_found"]
    assert [(e.actor_kind, e.actor) for e in found] == [(ActorKind.STAFF, "clerk1")] * 7
    assert [e.detail["by"] for e in found] == ["code", "number", "id_number"] + ["dates"] * 4
    assert found[2].detail["query"] == "1101**********0173"  # never the whole ID number
    assert set(found[3].detail["vouchers"]) == {number, other}
    desk.check()


def test_finding_refuses_what_is_not_a_voucher_and_who_is_not_a_clerk(desk: Desk) -> None:
    number, code = desk.reissue()
    find = desk.desk
    tampered = code[:-1] + ("A" if code[-1] != "A" else "B")
    assert desk.refused(find.find_by_code, CLERK, tampered) is DeskRefusal.CODE_INVALID
    assert desk.refused(find.find_by_code, CLERK, "x" * 10_000) is DeskRefusal.CODE_INVALID
    assert desk.refused(find.find_by_number, CLERK, number[:-1] + "?") is (
        DeskRefusal.NUMBER_INVALID
    )
    unknown = number[:-8] + "000999-" + "X"
    assert desk.refused(find.find_by_number, CLERK, unknown) is DeskRefusal.NUMBER_INVALID
    never = format_voucher_number("BJCY01", dt.date(2026, 12, 5), 999)
    assert desk.refused(find.find_by_number, CLERK, never) is DeskRefusal.VOUCHER_NOT_FOUND
    for bad in ("", "11010519850612017", "110105198506120174", "Ｘ" * 18, "1" * 5000):
        assert desk.refused(find.find_by_holder, CLERK, bad) is DeskRefusal.ID_NUMBER_INVALID
    day = dt.date(2026, 12, 5)
    assert desk.refused(find.find_by_dates, CLERK, day, day - dt.timedelta(1)) is (
        DeskRefusal.DATES_INVALID
    )
    assert desk.refused(find.find_by_dates, CLERK, day - dt.timedelta(400), day) is (
        DeskRefusal.DATES_INVALID
    )
    assert desk.refused(find.find_by_dates, CLERK, day, day, limit=0) is DeskRefusal.LIMIT_INVALID
    assert desk.refused(find.find_by_dates, CLERK, day, day, limit=101) is (
        DeskRefusal.LIMIT_INVALID
    )
    assert desk.refused(find.find_by_holder, CLERK, NORMAL_SSN, limit=1000) is (
        DeskRefusal.LIMIT_INVALID
    )
    for who in (TECH, GONE, NOBODY):
        assert desk.refused(find.find_by_code, who, code) is DeskRefusal.STAFF_NOT_ALLOWED
        assert desk.refused(find.find_by_dates, who, day, day) is DeskRefusal.STAFF_NOT_ALLOWED
    assert not [e for e in desk.entries() if e.action == "desk.vouchers_found"]
    desk.check()


# --- reprint -------------------------------------------------------------------------------------


def test_a_reprint_needs_a_reason_and_is_numbered_recorded_and_audited(desk: Desk) -> None:
    number, _ = desk.reissue()
    jobs = len(desk.printer.jobs)
    first = desk.desk.reprint(CLERK, number, "  paper\tjammed\n ")
    second = desk.desk.reprint(CLERK, number, "citizen lost the first one", "en")
    assert (first.outcome, first.reprint_no) == (PrintOutcome.PRINTED, 1)
    assert (second.outcome, second.reprint_no) == (PrintOutcome.PRINTED, 2)
    assert len(desk.printer.jobs) == jobs + 2

    with read_session(desk.engine) as s:
        rows = s.execute(
            sa.select(m.VoucherPrint.reprint_no, m.VoucherPrint.reason, m.StaffAccount.login)
            .outerjoin(m.StaffAccount, m.StaffAccount.id == m.VoucherPrint.staff_account_id)
            .order_by(m.VoucherPrint.reprint_no)
        ).all()
    assert rows == [
        (0, None, None),
        (1, "paper jammed", "clerk1"),
        (2, "citizen lost the first one", "clerk1"),
    ]
    reprints = [e for e in desk.entries() if e.action == "voucher.reprinted"]
    assert [(e.actor_kind, e.actor, e.detail["reason"]) for e in reprints] == [
        (ActorKind.STAFF, "clerk1", "paper jammed"),
        (ActorKind.STAFF, "clerk1", "citizen lost the first one"),
    ]
    view = desk.desk.find_by_number(CLERK, number)
    assert kinds(view) == [HistoryKind.ISSUED, HistoryKind.PRINTED] + [HistoryKind.REPRINTED] * 2
    assert [(e.by, e.reprint_no, e.reason) for e in view.history[2:]] == [
        ("clerk1", 1, "paper jammed"),
        ("clerk1", 2, "citizen lost the first one"),
    ]
    # Staff reprints leave the citizen's one self-service reprint unused.
    found = desk.kiosk.lookup_person(NORMAL_SSN, "13810245678")
    assert found.vouchers[0].self_reprint_available
    desk.check()


def test_a_reprint_without_a_good_reason_or_printer_prints_and_records_nothing(
    desk: Desk,
) -> None:
    number, _ = desk.reissue()
    jobs = len(desk.printer.jobs)
    for reason in ("", "   ", "\n\t\x00", "\u200b"):
        assert desk.refused(desk.desk.reprint, CLERK, number, reason) is (
            DeskRefusal.REASON_REQUIRED
        ), repr(reason)
    assert desk.refused(desk.desk.reprint, CLERK, number, "x" * 201) is DeskRefusal.REASON_TOO_LONG
    assert desk.refused(desk.desk.reprint, TECH, number, "ok") is DeskRefusal.STAFF_NOT_ALLOWED
    assert desk.refused(desk.desk.reprint, CLERK, "nonsense", "ok") is (
        DeskRefusal.VOUCHER_NOT_FOUND
    )
    desk.printer.fault = Fault.OFFLINE
    offline = desk.desk.reprint(CLERK, number, "x" * 200)
    assert (offline.outcome, offline.reprint_no) == (PrintOutcome.PRINTER_OFFLINE, None)
    assert len(desk.printer.jobs) == jobs
    assert desk.desk.find_by_number(CLERK, number).prints == 1
    desk.check()


def test_a_double_tap_on_reprint_prints_one_paper(desk: Desk) -> None:
    number, _ = desk.reissue()
    seen = desk.desk.find_by_number(CLERK, number).prints
    jobs = len(desk.printer.jobs)
    assert desk.desk.reprint(CLERK, number, "torn", seen_prints=seen).reprint_no == 1
    assert desk.refused(desk.desk.reprint, CLERK, number, "torn", seen_prints=seen) is (
        DeskRefusal.PRINTED_SINCE
    )
    assert len(desk.printer.jobs) == jobs + 1
    assert desk.desk.find_by_number(CLERK, number).prints == 2
    desk.check()


# --- progress and hand-over ----------------------------------------------------------------------


def test_progress_moves_forward_only_and_the_citizen_lookup_shows_it(desk: Desk) -> None:
    number, code = desk.reissue()
    desk.clock.advance(days=3)
    view = desk.desk.move_progress(CLERK, number, ReissueProgress.IN_PRODUCTION)
    assert view.progress is ReissueProgress.IN_PRODUCTION
    entries = len(desk.entries())
    again = desk.desk.move_progress(CLERK, number, ReissueProgress.IN_PRODUCTION)  # double tap
    assert again == view and len(desk.entries()) == entries
    assert desk.kiosk.lookup_code(code).vouchers[0].progress is ReissueProgress.IN_PRODUCTION

    desk.clock.advance(days=10)
    view = desk.desk.move_progress(CLERK, number, ReissueProgress.READY)
    assert desk.kiosk.lookup_code(code).vouchers[0].progress is ReissueProgress.READY
    progress = [e for e in view.history if e.kind is HistoryKind.PROGRESS]
    assert [(e.progress, e.by) for e in progress] == [
        (ReissueProgress.IN_PRODUCTION, "clerk1"),
        (ReissueProgress.READY, "clerk1"),
    ]
    assert progress[0].at == START + dt.timedelta(days=3)
    moved = [e for e in desk.entries() if e.action == "reissue.progress_moved"]
    assert [(e.actor_kind, e.actor, e.detail["from"], e.detail["to"]) for e in moved] == [
        (ActorKind.STAFF, "clerk1", "applied", "in_production"),
        (ActorKind.STAFF, "clerk1", "in_production", "ready"),
    ]
    assert moved[0].transaction_key is not None

    move = desk.desk.move_progress
    assert desk.refused(move, CLERK, number, ReissueProgress.APPLIED) is (
        DeskRefusal.PROGRESS_BACKWARD
    )
    assert desk.refused(move, CLERK, number, ReissueProgress.COLLECTED) is (
        DeskRefusal.USE_HAND_OVER
    )
    loss = desk.loss_report()
    assert desk.refused(move, CLERK, loss, ReissueProgress.READY) is DeskRefusal.NOT_A_REISSUE
    assert desk.refused(move, GONE, number, ReissueProgress.READY) is (
        DeskRefusal.STAFF_NOT_ALLOWED
    )
    desk.check()


def test_the_new_card_is_handed_over_once_when_ready_and_the_id_was_checked(desk: Desk) -> None:
    number, code = desk.reissue()
    hand_over = desk.desk.hand_over
    assert desk.refused(hand_over, CLERK, number, id_checked=True) is DeskRefusal.NOT_READY
    desk.desk.move_progress(CLERK, number, ReissueProgress.READY)  # forward, skipping a step
    assert desk.refused(hand_over, CLERK, number, id_checked=False) is DeskRefusal.ID_NOT_CHECKED
    loss = desk.loss_report()
    assert desk.refused(hand_over, CLERK, loss, id_checked=True) is DeskRefusal.NOT_A_REISSUE
    assert desk.refused(hand_over, TECH, number, id_checked=True) is (DeskRefusal.STAFF_NOT_ALLOWED)

    desk.clock.advance(hours=1)
    view = hand_over(CLERK, number, id_checked=True)
    assert view.progress is ReissueProgress.COLLECTED
    assert kinds(view)[-1] is HistoryKind.COLLECTED and view.history[-1].by == "clerk1"
    (entry,) = [e for e in desk.entries() if e.action == "reissue.collected"]
    assert (entry.actor_kind, entry.actor, entry.detail) == (
        ActorKind.STAFF,
        "clerk1",
        {"voucher": number, "id_checked": True},
    )
    assert desk.kiosk.lookup_code(code).vouchers[0].progress is ReissueProgress.COLLECTED
    # A double tap, or a second citizen with the same voucher: refused, nothing changes.
    assert desk.refused(hand_over, CLERK, number, id_checked=True) is (
        DeskRefusal.ALREADY_COLLECTED
    )
    assert desk.refused(desk.desk.move_progress, CLERK, number, ReissueProgress.READY) is (
        DeskRefusal.ALREADY_COLLECTED
    )
    desk.check()


def test_two_desks_handing_over_at_once_hand_over_one_card(desk: Desk) -> None:
    number, _ = desk.reissue()
    desk.desk.move_progress(CLERK, number, ReissueProgress.READY)
    results = at_once(2, lambda: desk.desk.hand_over(CLERK, number, id_checked=True))
    assert sorted(results) == sorted(["ok", DeskRefusal.ALREADY_COLLECTED.value])
    assert len([e for e in desk.entries() if e.action == "reissue.collected"]) == 1
    desk.check()


def at_once(n: int, call: Callable[[], object]) -> list[str]:
    """Run `call` on `n` threads released together: "ok" or the refusal's value for each."""
    results: list[str] = []
    start = threading.Barrier(n)

    def run() -> None:
        start.wait()
        try:
            call()
            results.append("ok")
        except DeskRefused as exc:
            results.append(exc.refusal.value)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


# --- reimbursement -------------------------------------------------------------------------------


def test_medical_expenses_are_reimbursed_once_after_review(desk: Desk) -> None:
    number, _ = desk.reissue()
    desk.clock.advance(days=20)
    reviewed = dt.date(2026, 12, 24)
    record = desk.desk.record_reimbursement
    view = record(CLERK, number, amount_fen=123_456, reviewer=" 李审核 ", reviewed_on=reviewed)
    assert view.reimbursement is not None
    assert (view.reimbursement.amount_fen, view.reimbursement.reviewer) == (123_456, "李审核")
    assert (view.reimbursement.reviewed_on, view.reimbursement.recorded_by) == (reviewed, "clerk1")
    assert kinds(view)[-1] is HistoryKind.REIMBURSED and view.history[-1].amount_fen == 123_456
    (entry,) = [e for e in desk.entries() if e.action == "reimbursement.recorded"]
    assert (entry.actor_kind, entry.actor) == (ActorKind.STAFF, "clerk1")
    assert entry.detail == {
        "voucher": number,
        "amount_fen": 123_456,
        "reviewer": "李审核",
        "reviewed_on": "2026-12-24",
    }
    assert desk.refused(
        record, CLERK, number, amount_fen=1, reviewer="x", reviewed_on=reviewed
    ) is (DeskRefusal.ALREADY_REIMBURSED)
    with read_session(desk.engine) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(m.MedicalReimbursement)) == 1
    desk.check()


@pytest.mark.parametrize(
    ("amount", "reviewer", "reviewed", "refusal"),
    [
        (0, "r", dt.date(2026, 12, 5), DeskRefusal.AMOUNT_INVALID),
        (-5, "r", dt.date(2026, 12, 5), DeskRefusal.AMOUNT_INVALID),
        (100_000_001, "r", dt.date(2026, 12, 5), DeskRefusal.AMOUNT_INVALID),
        (True, "r", dt.date(2026, 12, 5), DeskRefusal.AMOUNT_INVALID),
        (100, "  ", dt.date(2026, 12, 5), DeskRefusal.REVIEWER_REQUIRED),
        (100, "r" * 61, dt.date(2026, 12, 5), DeskRefusal.REVIEWER_REQUIRED),
        (100, "r", dt.date(2026, 12, 6), DeskRefusal.REVIEW_DATE_INVALID),  # the future
        (100, "r", dt.date(2026, 12, 4), DeskRefusal.REVIEW_DATE_INVALID),  # before the voucher
    ],
)
def test_a_reimbursement_needs_an_amount_a_reviewer_and_a_plausible_date(
    desk: Desk, amount: int, reviewer: str, reviewed: dt.date, refusal: DeskRefusal
) -> None:
    number, _ = desk.reissue()
    got = desk.refused(
        desk.desk.record_reimbursement,
        CLERK,
        number,
        amount_fen=amount,
        reviewer=reviewer,
        reviewed_on=reviewed,
    )
    assert got is refusal
    assert desk.desk.find_by_number(CLERK, number).reimbursement is None


def test_only_a_loss_period_is_reimbursed(desk: Desk) -> None:
    loss = desk.loss_report()
    assert (
        desk.refused(
            desk.desk.record_reimbursement,
            CLERK,
            loss,
            amount_fen=100,
            reviewer="r",
            reviewed_on=dt.date(2026, 12, 5),
        )
        is DeskRefusal.NOT_REIMBURSABLE
    )


def test_the_database_itself_refuses_a_second_reimbursement(desk: Desk) -> None:
    number, _ = desk.reissue()
    with UnitOfWork(desk.engine) as uow:
        ids = uow.desk.voucher_ids(number)
        staff = uow.desk.staff("clerk1")
        assert ids is not None and staff is not None
        row = {
            "voucher_id": ids[0],
            "amount_fen": 1,
            "reviewer": "r",
            "reviewed_on": dt.date(2026, 12, 5),
            "at": START,
            "staff_account_id": staff.id,
        }
        uow.desk.add_reimbursement(**row)  # type: ignore[arg-type]
        with pytest.raises(IntegrityError):
            uow.desk.add_reimbursement(**row)  # type: ignore[arg-type]


def test_two_desks_reimbursing_at_once_record_one(desk: Desk) -> None:
    number, _ = desk.reissue()
    reviewed = dt.date(2026, 12, 5)
    results = at_once(
        2,
        lambda: desk.desk.record_reimbursement(
            CLERK, number, amount_fen=500, reviewer="r", reviewed_on=reviewed
        ),
    )
    assert sorted(results) == sorted(["ok", DeskRefusal.ALREADY_REIMBURSED.value])
    with read_session(desk.engine) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(m.MedicalReimbursement)) == 1
    desk.check()


# --- the database away ---------------------------------------------------------------------------


def test_a_database_out_of_reach_is_desk_offline(tmp_path: Path, audit_seal: AuditSeal) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'missing' / 'kiosk.db'}")
    desk = VoucherDesk(
        make_context(engine, audit_seal), Vouchers.__new__(Vouchers)
    )  # printing is never reached
    with pytest.raises(DeskOffline):
        desk.find_by_dates(CLERK, dt.date(2026, 12, 5), dt.date(2026, 12, 5))
    engine.dispose()


def make_context(engine: Engine, seal: AuditSeal) -> KioskContext:
    return KioskContext(
        engine=engine,
        kiosk=KioskInfo("BJCY01", "x"),
        signing_key=KEY,
        audit_seal=seal,
        printer=FakePrinter(),
        clock=Clock(),
    )

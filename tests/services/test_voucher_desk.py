"""The voucher desk on SQLite and PostgreSQL, finding and reprinting: a voucher found by its
code, number, holder or dates with its history; a reprint with a reason, numbered and audited
with the staff user as actor; every refusal audited; a double tap prints one paper."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from desk_helpers import (
    CLERK,
    GONE,
    NOBODY,
    NORMAL_SSN,
    TECH,
    Desk,
    kinds,
    make_context,
    make_desk,
)
from sqlalchemy.engine import Engine

from drivers.printers.fake import Fault
from kiosk.domain.business import PrintOutcome
from kiosk.domain.desk import DeskRefusal, HistoryKind
from kiosk.domain.journal import (
    ActorKind,
    ReissueProgress,
)
from kiosk.domain.vouchers import format_voucher_number
from kiosk.services.voucher_desk import DeskOffline, VoucherDesk
from kiosk.services.vouchers import Vouchers
from kiosk.store import models as m
from kiosk.store.db import create_engine, read_session
from kiosk.store.seal import AuditSeal


@pytest.fixture
def desk(demo_engine: Engine, audit_seal: AuditSeal) -> Desk:
    return make_desk(demo_engine, audit_seal)


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


# --- the database away ---------------------------------------------------------------------------


def test_a_database_out_of_reach_is_desk_offline(tmp_path: Path, audit_seal: AuditSeal) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'missing' / 'kiosk.db'}")
    desk = VoucherDesk(
        make_context(engine, audit_seal), Vouchers.__new__(Vouchers)
    )  # printing is never reached
    with pytest.raises(DeskOffline):
        desk.find_by_dates(CLERK, dt.date(2026, 12, 5), dt.date(2026, 12, 5))
    engine.dispose()

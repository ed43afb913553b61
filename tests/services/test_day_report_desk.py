"""The day report counts what the desk does too: the new cards handed over and the medical
reimbursements (lines, totals, CSV rows, slip), the vouchers printed and reprinted; an export
refused says why in a word; the queue of messages waiting for the central back end."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa
from desk_helpers import CLERK, NORMAL_SSN, Desk, make_desk
from sqlalchemy.engine import Engine

from kiosk.domain.calendar import local_date
from kiosk.domain.day_report import DayKind, OutboxQueue
from kiosk.domain.journal import ActorKind, ReissueProgress
from kiosk.reports.day_end import render_day_end
from kiosk.services.day_report import DayReports, ExportProblem, ExportRefused
from kiosk.store import models as m
from kiosk.store.seal import AuditSeal
from kiosk.store.unitofwork import UnitOfWork


@pytest.fixture
def desk(demo_engine: Engine, audit_seal: AuditSeal) -> Desk:
    return make_desk(demo_engine, audit_seal)


def _busy_day(desk: Desk) -> tuple[DayReports, str]:
    """A reissue printed and reprinted, its new card handed over, its expenses reimbursed, and
    a temporary loss report: all today."""
    number, _ = desk.reissue()
    desk.desk.reprint(CLERK, number, "paper jammed")
    desk.clock.advance(minutes=30)
    desk.desk.move_progress(CLERK, number, ReissueProgress.READY)
    desk.desk.hand_over(CLERK, number, id_checked=True)
    desk.clock.advance(minutes=5)
    desk.desk.record_reimbursement(
        CLERK,
        number,
        amount_fen=123_405,
        reviewer="李审核",
        reviewed_on=local_date(desk.clock.now),
    )
    desk.clock.advance(minutes=5)
    desk.loss_report()
    return DayReports(desk.kiosk.context), number


def test_hand_overs_reimbursements_and_prints_are_in_the_day(desk: Desk) -> None:
    days, number = _busy_day(desk)
    report = days.report()
    assert [line.kind for line in report.lines] == [
        DayKind.REISSUE,
        DayKind.HAND_OVER,
        DayKind.REIMBURSEMENT,
        DayKind.LOSS_TEMPORARY,
    ]
    hand_over, reimbursement = report.lines[1:3]
    assert hand_over.voucher_number == reimbursement.voucher_number == number
    assert hand_over.holder_id == "1101**********0173" and NORMAL_SSN not in repr(report)
    assert reimbursement.detail == "1234.05"
    assert report.by_kind[DayKind.HAND_OVER] == report.by_kind[DayKind.REIMBURSEMENT] == 1
    assert report.by_kind[DayKind.LOSS_FINAL] == 0
    assert report.total == 4
    # The original print of the reissue's voucher, and the desk's reprint (the loss report's
    # voucher was not printed).
    assert (report.printed, report.reprinted) == (1, 1)
    tomorrow = days.report(report.day + dt.timedelta(days=1))
    assert (tomorrow.total, tomorrow.printed, tomorrow.reprinted) == (0, 0, 0)


def test_csv_and_slip_carry_hand_overs_and_reimbursements(desk: Desk, tmp_path: Path) -> None:
    days, number = _busy_day(desk)
    done = days.export_csv(tmp_path, actor="clerk1")
    rows = list(csv.reader(io.StringIO(done.path.read_bytes().decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == ["补卡申请", "新卡领取", "医疗费用报销", "临时挂失"]
    assert rows[3][2:4] == [number, "1234.05"]
    assert NORMAL_SSN not in done.path.read_text(encoding="utf-8-sig")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = tmp_path / "slip.pdf"
    pdf.write_bytes(render_day_end(days.report(), "en", "a4"))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for words in ("New cards handed over", "Medical reimbursements", "Vouchers reprinted"):
        assert words in text


def test_the_queue_counts_this_kiosks_unsent_messages(desk: Desk) -> None:
    days = DayReports(desk.kiosk.context)
    assert days.queue() == OutboxQueue(0, None)
    first_at = desk.clock.now
    desk.reissue()
    desk.clock.advance(minutes=10)
    desk.loss_report()
    assert days.queue() == OutboxQueue(2, first_at)
    with UnitOfWork(desk.engine) as uow:
        oldest = uow.session.scalar(sa.select(sa.func.min(m.OutboxMessage.id)))
        uow.outbox.mark_sent(oldest, desk.clock.now)
        uow.commit()
    queue = days.queue()
    assert queue.waiting == 1 and queue.oldest == first_at + dt.timedelta(minutes=10)


def test_an_export_refused_says_why_in_a_word(desk: Desk, tmp_path: Path) -> None:
    days = DayReports(desk.kiosk.context)
    with pytest.raises(ExportRefused) as pulled:
        days.export_csv(tmp_path / "pulled-stick", actor="clerk1")
    assert pulled.value.problem is ExportProblem.GONE
    if not Path("/sys/kernel").is_dir():
        pytest.skip("no /sys to try a folder nobody may write into")
    with pytest.raises(ExportRefused) as locked:  # EACCES, even for root
        days.export_csv(Path("/sys/kernel"), actor="clerk1")
    assert locked.value.problem is ExportProblem.READ_ONLY
    # Nothing was exported, so nothing was recorded as exported.
    assert [e for e in desk.entries() if e.action == "day_report.exported"] == []
    assert all(e.actor_kind is not ActorKind.STAFF for e in desk.entries())

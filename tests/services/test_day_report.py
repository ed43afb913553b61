"""Staff's day: the transactions of a day on this kiosk with their totals, the CSV export (UTF-8
with a BOM, masked, private, atomic, refused plainly where it cannot go), the day-end slip with
the audit chain head, and the audit log browsed under filters and checked."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import stat
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from drivers.printers.fake import FakePrinter, Fault
from kiosk.domain.business import PrintOutcome, ReissueRequest
from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.day_report import DayKind
from kiosk.domain.journal import (
    ActorKind,
    LossReportKind,
    LossReportRequest,
    Outcome,
    ReissueReason,
)
from kiosk.domain.voucher_data import KioskInfo
from kiosk.reports.day_end import render_day_end
from kiosk.services.audit_browse import AuditBrowser, AuditFilter, BadAuditFilter
from kiosk.services.business import BusinessService
from kiosk.services.day_report import DayReports, ExportProblem, ExportRefused
from kiosk.store import models as m
from kiosk.store.audit import AuditRepository
from kiosk.store.db import read_session
from kiosk.store.unitofwork import UnitOfWork

KIOSK = KioskInfo("BJCY01", "朝阳区社会保障服务中心一楼大厅")
NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TZ).astimezone(dt.UTC)
NORMAL_SSN, NORMAL_CARD, NORMAL_NAME = "110105198506120173", "A1052103X", "王晓明"
NO_PHOTO_SSN, NO_PHOTO_CARD = "440106197811230350", "G44010629"
FULL_IDS = (NORMAL_SSN, NO_PHOTO_SSN)


@pytest.fixture
def engine(demo_sqlite: Callable[[dt.date], Engine]) -> Engine:
    return demo_sqlite(NOW.date())


@pytest.fixture
def clock() -> list[dt.datetime]:
    return [NOW]


@pytest.fixture
def service(
    engine: Engine, business_service: Callable[..., BusinessService], clock: list[dt.datetime]
) -> BusinessService:
    return business_service(engine, kiosk=KIOSK, clock=lambda: clock[0])


@pytest.fixture
def day(service: BusinessService, clock: list[dt.datetime]) -> DayReports:
    """Two transactions today (a temporary loss report, a reissue), one yesterday."""
    clock[0] = NOW - dt.timedelta(days=1)
    service.report_loss(
        LossReportRequest(uuid.uuid4().hex, "BJCY01", NO_PHOTO_SSN, LossReportKind.TEMPORARY)
    )
    clock[0] = NOW
    reissue = ReissueRequest(
        uuid.uuid4().hex, "BJCY01", NORMAL_SSN, NORMAL_CARD, ReissueReason.LOST, "BJCY-02", None
    )
    service.apply_reissue(reissue)
    clock[0] = NOW + dt.timedelta(minutes=5)
    return DayReports(service.context)


def test_the_day_has_its_transactions_and_totals(day: DayReports) -> None:
    report = day.report()
    assert report.day == dt.date(2026, 11, 23)
    assert [line.kind for line in report.lines] == [DayKind.REISSUE]
    assert report.by_kind[DayKind.REISSUE] == 1
    assert report.by_kind[DayKind.LOSS_TEMPORARY] == 0  # yesterday's is not today's
    assert report.total == 1
    yesterday = day.report(dt.date(2026, 11, 22))
    assert yesterday.by_kind[DayKind.LOSS_TEMPORARY] == 1
    assert yesterday.by_kind[DayKind.LOSS_FINAL] == 0
    [line] = report.lines
    assert line.holder_id == "1101**********0173"
    assert line.holder_name == "王*明"
    assert line.card_number == "A1*****3X"
    assert (line.detail, line.outlet, line.agent) == ("lost", "BJCY-02", False)
    assert line.voucher_number.startswith("BJCY01")
    # Today's one audit entry is the reissue's (it was not printed).
    assert report.by_outcome == {Outcome.OK: 1, Outcome.REFUSED: 0, Outcome.FAILED: 0}
    assert report.head is not None and report.head.chain == "BJCY01"


def test_another_kiosks_transactions_are_not_counted(
    day: DayReports, service: BusinessService
) -> None:
    other = DayReports(
        type(service.context)(**{**service.context.__dict__, "kiosk": KioskInfo("BJCY02", "x")})
    )
    assert other.report().total == 0


def test_csv_export_reads_back_with_bom_chinese_and_no_full_id(
    day: DayReports, tmp_path: Path
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    done = day.export_csv(stick, actor="clerk01")
    assert done.path == stick / "kiosk-BJCY01-2026-11-23.csv" and done.rows == 1
    raw = done.path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM a spreadsheet needs to read UTF-8
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["办理时间", "业务类型", "凭证号"]
    assert rows[1][1] == "补卡申请" and rows[1][5] == "王*明"
    assert rows[1][4] == "1101**********0173"
    for full in (*FULL_IDS, NORMAL_NAME, NORMAL_CARD):
        assert full not in text
    assert stat.S_IMODE(done.path.stat().st_mode) == 0o600
    assert [p.name for p in stick.iterdir()] == [done.path.name]  # no temporary file left
    again = day.export_csv(stick, actor="clerk01", language="en")  # replaces it atomically
    assert again.path.read_bytes().decode("utf-8-sig").startswith("time,business,voucher")
    with read_session(day.context.engine) as s:
        entries = [
            e
            for e in AuditRepository(s).entries(chain="BJCY01")
            if e.action == "day_report.exported"
        ]
    assert len(entries) == 2
    assert {(e.actor_kind, e.actor) for e in entries} == {(ActorKind.STAFF, "clerk01")}
    assert entries[0].detail == {"day": "2026-11-23", "rows": 1}


def test_csv_export_to_an_unusable_folder_is_refused_plainly(
    day: DayReports, tmp_path: Path
) -> None:
    with pytest.raises(ExportRefused, match="is not a folder") as pulled:
        day.export_csv(tmp_path / "no-stick", actor="clerk01")
    assert pulled.value.problem is ExportProblem.GONE
    a_file = tmp_path / "file"
    a_file.write_text("x")
    with pytest.raises(ExportRefused, match="is not a folder"):
        day.export_csv(a_file, actor="clerk01")
    if not Path("/proc/self").is_dir():  # /proc: a folder nobody can write into, root neither
        pytest.skip("no /proc to try a folder that cannot be written")
    with pytest.raises(ExportRefused, match=r"^cannot write to /proc: ") as refused:
        day.export_csv(Path("/proc"), actor="clerk01")
    assert refused.value.problem is ExportProblem.WRITE_FAILED


def test_csv_cells_cannot_become_formulas(day: DayReports) -> None:
    from kiosk.services.day_report import csv_text

    report = day.report()
    line = report.lines[0]
    evil = type(line)(**{**{f: getattr(line, f) for f in line.__slots__}, "holder_name": "=1+1"})
    text = csv_text(type(report)(**{**report.__dict__, "lines": (evil,)}))
    assert ",'=1+1," in text


def test_day_end_slip_prints_totals_and_the_chain_head(day: DayReports, tmp_path: Path) -> None:
    printer = day.context.printer
    assert isinstance(printer, FakePrinter)
    before = len(printer.jobs)
    head = day.report().head
    assert head is not None
    assert day.print_slip(actor="clerk01") is PrintOutcome.PRINTED
    [job] = printer.jobs[before:]
    assert job.name.startswith("day-end-BJCY01-")
    text = _pdf_text(job.pdf, tmp_path)
    assert "日结单" in text and "BJCY01" in text and "2026-11-23" in text
    assert head.hash[:8] in text and head.hash[-8:] in text
    with read_session(day.context.engine) as s:
        [entry] = [e for e in AuditRepository(s).entries() if e.action == "day_end.printed"]
    assert (entry.actor_kind, entry.actor, entry.outcome) == (
        ActorKind.STAFF,
        "clerk01",
        Outcome.OK,
    )
    assert (entry.detail["head_seq"], entry.detail["head_hash"]) == (head.seq, head.hash)

    printer.fault = Fault.OFFLINE
    assert day.print_slip(actor="clerk01") is PrintOutcome.PRINTER_OFFLINE


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("layout", ["receipt80", "a4"])
def test_day_end_slip_renders_in_both_languages_and_layouts(
    day: DayReports, tmp_path: Path, language: str, layout: str
) -> None:
    pdf = render_day_end(day.report(), language, layout)  # type: ignore[arg-type]
    text = _pdf_text(pdf, tmp_path)
    expected = "Day-end slip" if language == "en" else "日结单"
    assert expected in text and "BJCY01" in text
    assert "\ufffd" not in text


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / f"slip-{uuid.uuid4().hex}.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


# --- the audit log ---------------------------------------------------------------------------


def test_audit_pages_are_bounded_and_filtered(day: DayReports, tmp_path: Path) -> None:
    browser = AuditBrowser(day.context)
    first = browser.page(size=1)
    assert len(first.entries) == 1 and first.next_cursor is not None
    second = browser.page(cursor=first.next_cursor, size=1)
    assert second.entries[0].seq < first.entries[0].seq
    everything = browser.page(size=10_000)  # held to the maximum page size
    assert len(everything.entries) <= 200
    yesterday = browser.page(AuditFilter(dt.date(2026, 11, 22), dt.date(2026, 11, 22)))
    assert yesterday.entries and all(
        e.at.astimezone(CHINA_TZ).date() == dt.date(2026, 11, 22) for e in yesterday.entries
    )
    assert browser.page(AuditFilter(actor_kind=ActorKind.STAFF)).entries == ()
    day.export_csv(tmp_path, actor="clerk01")
    [staff] = browser.page(AuditFilter(actor_kind=ActorKind.STAFF)).entries
    assert staff.action == "day_report.exported"
    assert browser.page(AuditFilter(action="day_report.exported")).entries == (staff,)
    assert browser.page(AuditFilter(outcome=Outcome.REFUSED)).entries == ()
    assert "day_report.exported" in browser.actions()
    with pytest.raises(BadAuditFilter):
        browser.page(AuditFilter(dt.date(2026, 11, 23), dt.date(2026, 11, 22)))
    with pytest.raises(BadAuditFilter):
        browser.page(AuditFilter(dt.date(2020, 1, 1), dt.date(2026, 1, 1)))


def test_integrity_check_is_data_and_finds_an_edited_entry(day: DayReports) -> None:
    browser = AuditBrowser(day.context)
    good = browser.check(actor="tech01")
    assert good.ok and good.problems == ()
    [chain] = good.chains
    assert chain.chain == "BJCY01" and chain.verified == chain.entries > 0
    with UnitOfWork(day.context.engine) as uow:
        uow.session.execute(
            sa.update(m.AuditLogEntry)
            .where(m.AuditLogEntry.seq == 1)
            .values(detail=json.dumps({"forged": True}))
        )
        uow.commit()
    bad = browser.check(actor="tech01")
    assert not bad.ok and any("entry 1" in p for p in bad.problems)
    checked = browser.page(AuditFilter(action="audit.checked")).entries
    assert [(e.actor, e.outcome) for e in checked] == [
        ("tech01", Outcome.FAILED),
        ("tech01", Outcome.OK),
    ]

"""The printer as a technician sees it (kiosk.services.printer_diag) with the real PDF folder
printer, the demo's fault switch and the fault-injecting fake: the report's stable shape, the
last files, and the test page printed or not, recorded in the audit log with the technician as
actor either way. (The CUPS queue's half is tests/printers/test_cups_queue.py.)"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from drivers.printers.base import Printer, PrinterStatus, PrintResult
from drivers.printers.cups import CupsPrinter
from drivers.printers.fake import FakePrinter, Fault
from drivers.printers.faultable import FaultablePrinter
from drivers.printers.pdf import PdfPrinter
from kiosk.domain.business import PrintOutcome
from kiosk.domain.journal import ActorKind, Outcome
from kiosk.reports.test_page import TestPage
from kiosk.services.printer_diag import (
    TEST_PAGE_PRINTED,
    print_test_page,
    printer_label,
    printer_report,
)
from kiosk.services.technician_audit import Actor, AuditTarget
from kiosk.store import models as m
from kiosk.store.audit_verify import verify_audit_chains
from kiosk.store.db import read_session
from kiosk.store.seal import AuditSeal

NOW = dt.datetime(2026, 11, 22, 2, 0, tzinfo=dt.UTC)
PAGE = TestPage("BJCY01", "朝阳区社保服务大厅", NOW, "test printer", technician="tech1")
KEYS = {"kind", "printer", "state", "ready", "detail", "cups", "pdf"}


def audit_rows(engine: Engine) -> list[sa.Row]:
    e = m.AuditLogEntry
    with read_session(engine) as session:
        query = sa.select(e.action, e.outcome, e.actor_kind, e.actor, e.detail).order_by(e.seq)
        return list(session.execute(query))


def test_the_pdf_printer_shows_its_folder_and_newest_files(tmp_path: Path) -> None:
    printer = PdfPrinter(tmp_path)
    for n in range(3):
        path = Path(printer.print(b"%PDF-1.4 x", f"voucher-{n}").location or "")
        os.utime(path, (1_800_000_000 + n, 1_800_000_000 + n))  # distinct times, in order
    (tmp_path / ".probe-leftover.part").write_bytes(b"x")  # a temporary: not a job
    (tmp_path / "notes.txt").write_text("not a job")

    report = printer_report(printer, jobs=2)
    assert set(report) == KEYS
    assert report["kind"] == "pdf" and report["ready"] and report["state"] == "ready"
    assert report["printer"] == f"PDF files in {tmp_path}" and report["cups"] is None
    files = report["pdf"]["files"]
    assert [f["name"].split("-")[1] for f in files] == ["2", "1"]  # newest first, two asked
    assert files[0]["bytes"] == len(b"%PDF-1.4 x")
    assert files[0]["written"] == "2027-01-15T08:00:02+00:00"
    assert printer_report(printer, jobs=0)["pdf"]["files"] == []


def test_a_missing_folder_is_offline_with_no_files(tmp_path: Path) -> None:
    report = printer_report(PdfPrinter(tmp_path / "gone"))
    assert report["state"] == "offline" and not report["ready"]
    assert "does not exist" in report["detail"]
    assert report["pdf"] == {"folder": str(tmp_path / "gone"), "files": []}


def test_the_demo_fault_switch_shows_through_to_the_folder(tmp_path: Path) -> None:
    printer = FaultablePrinter(PdfPrinter(tmp_path), Fault.NO_PAPER)
    report = printer_report(printer)
    assert report["kind"] == "pdf" and report["state"] == "no_paper"
    assert report["pdf"]["folder"] == str(tmp_path)  # the folder behind the switch
    assert printer_label(printer) == f"PDF files in {tmp_path}"


def test_a_printer_that_cannot_say_is_in_error() -> None:
    class Broken(FakePrinter):
        def status(self) -> PrinterStatus:
            raise RuntimeError("driver bug")

    report = printer_report(Broken())
    assert report["state"] == "error" and report["kind"] == "fake"
    assert report["cups"] is None and report["pdf"] is None


def test_cups_that_does_not_answer_is_reported_not_raised(tmp_path: Path) -> None:
    printer = CupsPrinter("receipt", server=str(tmp_path / "no-cups.sock"), probe_device=False)
    report = printer_report(printer)
    assert report["state"] == "offline" and "does not answer" in report["detail"]
    cups = report["cups"]
    assert cups["described"] is False and "does not answer" in cups["problem"]
    assert cups["jobs"] == [] and cups["reasons"] == [] and cups["queue"] == "receipt"


@pytest.fixture
def target(engine: Engine, audit_seal: AuditSeal) -> AuditTarget:
    return AuditTarget(engine, audit_seal, "BJCY01", Actor("tech1"))


def test_a_test_page_printed_is_audited_with_the_technician(
    tmp_path: Path, target: AuditTarget, engine: Engine, audit_seal: AuditSeal
) -> None:
    printer = PdfPrinter(tmp_path)
    result = print_test_page(printer, PAGE, "a4", target)
    assert result.printed and result.audit_problem is None
    assert result.location and Path(result.location).read_bytes().startswith(b"%PDF-")
    assert result.as_dict()["audited"] is True
    (row,) = audit_rows(engine)
    assert row.action == TEST_PAGE_PRINTED and row.outcome is Outcome.OK
    assert row.actor_kind is ActorKind.TECHNICIAN and row.actor == "tech1"
    assert json.loads(row.detail) == {"printer": "pdf", "layout": "a4", "print": "printed"}
    with read_session(engine) as session:
        assert not verify_audit_chains(session, seal=audit_seal).problems


@pytest.mark.parametrize(
    ("fault", "outcome"),
    [
        (Fault.NO_PAPER, PrintOutcome.OUT_OF_PAPER),
        (Fault.OFFLINE, PrintOutcome.PRINTER_OFFLINE),
        (Fault.FAIL_MID_JOB, PrintOutcome.FAILED),
    ],
)
def test_a_test_page_that_fails_says_why_and_is_audited_as_failed(
    fault: Fault, outcome: PrintOutcome, target: AuditTarget, engine: Engine
) -> None:
    result = print_test_page(FakePrinter(fault), PAGE, "receipt80", target)
    assert result.outcome is outcome and not result.printed
    assert result.problem  # the printer's own words
    (row,) = audit_rows(engine)
    assert row.outcome is Outcome.FAILED and json.loads(row.detail)["print"] == outcome.value


def test_without_a_database_the_page_prints_and_says_it_is_not_recorded() -> None:
    printer = FakePrinter()
    result = print_test_page(printer, PAGE, "receipt80", None, audit_problem="no database")
    assert result.printed and len(printer.jobs) == 1
    assert result.as_dict()["audited"] is False and result.audit_problem == "no database"
    assert print_test_page(printer, PAGE, "receipt80", None).audit_problem  # never "audited"


def test_an_audit_log_that_fails_leaves_the_printout_and_says_so(
    target: AuditTarget, engine: Engine
) -> None:
    with engine.begin() as connection:
        connection.execute(sa.text("DROP TABLE audit_log"))
    printer = FakePrinter()
    result = print_test_page(printer, PAGE, "receipt80", target)
    assert result.printed and len(printer.jobs) == 1
    assert result.audit_problem and "could not record" in result.audit_problem


def test_a_driver_surprise_is_a_failed_page_not_a_crash() -> None:
    class Surprising(Printer):
        name = "odd"

        def status(self) -> PrinterStatus:
            raise AssertionError

        def print(self, pdf: bytes, job_name: str) -> PrintResult:
            raise KeyError("bug")

    result = print_test_page(Surprising(), PAGE, "receipt80", None)
    assert result.outcome is PrintOutcome.FAILED and result.problem == "KeyError"

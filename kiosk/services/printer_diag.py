"""The printer as a technician looks at it (`kiosk diag printer`, later the diagnostics screen):
its state in the kiosk's words, what the printer behind it says (a CUPS queue: state, accepting
jobs, state reasons in plain words, its last jobs and their outcome; the demo's PDF printer: its
folder and last files), and the test page, printed and recorded in the audit log.

Everything is a plain dictionary ready for JSON (a stable shape: keys are never left out, an
unknown is None) and nothing raises for a printer in trouble: that is what it reports.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from drivers.printers.base import Printer, PrinterStatus
from drivers.printers.cups import CupsPrinter
from drivers.printers.cups_queue import QueueDetails, describe_queue, reason_words, shown_device_uri
from drivers.printers.faultable import FaultablePrinter
from drivers.printers.pdf import PdfPrinter
from kiosk.domain.business import PrintOutcome
from kiosk.domain.journal import Outcome
from kiosk.reports.layout import Layout
from kiosk.reports.test_page import TestPage, render_test_page
from kiosk.services.devices import driver_words
from kiosk.services.printing import printer_status, send_job
from kiosk.services.technician_audit import AuditTarget, record_technician_action

log = logging.getLogger(__name__)

TEST_PAGE_PRINTED = "diag.test_page"  # the audit action of a test page (printed or not)
DEFAULT_JOBS = 10  # the last jobs or files shown


def _inner(printer: Printer) -> Printer:
    """The printer doing the work: the demo's fault switch wraps its PDF folder."""
    return printer.inner if isinstance(printer, FaultablePrinter) else printer


def printer_label(printer: Printer) -> str:
    """The printer in a technician's words: "CUPS queue receipt (on /run/cups/cups.sock)",
    "PDF files in /var/lib/...": printed on the test page and at the top of the report."""
    inner = _inner(printer)
    if isinstance(inner, CupsPrinter):
        return f"CUPS queue {inner.queue} (on {inner.server})"
    if isinstance(inner, PdfPrinter):
        return f"PDF files in {inner.folder}"
    return f"{inner.name} printer"


def _epoch(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    try:
        return dt.datetime.fromtimestamp(seconds, dt.UTC).isoformat(timespec="seconds")
    except (OverflowError, OSError, ValueError):
        return None


def printer_report(printer: Printer, *, jobs: int = DEFAULT_JOBS) -> dict[str, Any]:
    """The printer's state and, as far as its kind tells, its queue and last jobs or files.

    Shape: {"kind", "printer", "state", "ready", "detail", "cups": {...} or None, "pdf": {...}
    or None}. `state` is the kiosk's (ready / no_paper / offline / error), as the attract
    screen's status strip shows it."""
    status = printer_status(printer)
    inner = _inner(printer)
    report: dict[str, Any] = {
        "kind": inner.name,
        "printer": printer_label(printer),
        "state": status.state.value,
        "ready": status.ready,
        "detail": driver_words(status.detail),
        "cups": None,
        "pdf": None,
    }
    if isinstance(inner, CupsPrinter):
        report["cups"] = _cups_section(inner, jobs)
    elif isinstance(inner, PdfPrinter):
        report["pdf"] = {
            "folder": str(inner.folder),
            "files": [
                {"name": f.name, "bytes": f.size, "written": _epoch(f.modified)}
                for f in inner.recent_files(jobs)
            ],
        }
    return report


def _cups_section(printer: CupsPrinter, jobs: int) -> dict[str, Any]:
    details: QueueDetails | PrinterStatus | str
    try:
        details = describe_queue(printer, jobs=jobs)
    except Exception as exc:  # a driver's surprise: reported, never a traceback
        log.warning("diag.printer.describe_failed error=%s", type(exc).__name__)
        details = f"the queue could not be described ({type(exc).__name__})"
    section: dict[str, Any] = {
        "queue": printer.queue,
        "server": printer.server,
        "described": isinstance(details, QueueDetails),
        "problem": None,
        "printer_state": None,
        "accepting_jobs": None,
        "reasons": [],
        "message": None,
        "device_uri": None,
        "make_and_model": None,
        "cups_version": None,
        "state_changed": None,
        "queued_jobs": None,
        "jobs": [],
        "jobs_problem": None,
    }
    if isinstance(details, str):
        section["problem"] = details
    elif isinstance(details, PrinterStatus):
        section["problem"] = details.detail
    else:
        facts = details.facts
        section.update(
            printer_state=details.state_words,
            accepting_jobs=facts.accepting,
            reasons=[{"reason": r, "words": reason_words(r)} for r in facts.reasons if r != "none"],
            message=facts.message or None,
            device_uri=shown_device_uri(facts.device_uri) or None,
            make_and_model=details.make_and_model or None,
            cups_version=details.cups_version or None,
            state_changed=_epoch(details.state_changed),
            queued_jobs=details.queued,
            jobs=[
                {
                    "id": job.job_id,
                    "name": job.name,
                    "state": job.state_words,
                    "reasons": list(job.reasons),
                    "created": _epoch(job.created),
                    "completed": _epoch(job.completed),
                    "message": job.message or None,
                }
                for job in details.jobs
            ],
            jobs_problem=details.jobs_error or None,
        )
    return section


# The test page --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TestPageResult:
    """A test page's fate: printed or not (the outcome and the printer's words), and whether it
    is in the audit log (`audit_problem`: why not; None: recorded)."""

    __test__ = False

    outcome: PrintOutcome
    layout: Layout
    pdf_bytes: int
    job_id: str = ""
    location: str | None = None
    problem: str = ""
    audit_problem: str | None = None

    @property
    def printed(self) -> bool:
        return self.outcome is PrintOutcome.PRINTED

    def as_dict(self) -> dict[str, Any]:
        return {
            "printed": self.printed,
            "outcome": self.outcome.value,
            "layout": self.layout,
            "pdf_bytes": self.pdf_bytes,
            "job_id": self.job_id or None,
            "location": self.location,
            "problem": self.problem or None,
            "audited": self.audit_problem is None,
            "audit_problem": self.audit_problem,
        }


def print_test_page(
    printer: Printer,
    page: TestPage,
    layout: Layout,
    audit: AuditTarget | None,
    *,
    audit_problem: str | None = None,
) -> TestPageResult:
    """Render and print the test page, then record it (printed or not) as "diag.test_page" in
    the audit log when `audit` is given; `audit_problem` says why it is not (no database).
    Never raises for the printer or the audit log: both end up in the result."""
    pdf = render_test_page(page, layout)
    sent = send_job(printer, pdf, f"test-page-{page.kiosk_id}", "diag.test_page.error")
    log.info("diag.test_page outcome=%s layout=%s", sent.outcome.value, layout)
    if audit is None:
        audit_problem = audit_problem or "there is no audit log to record it in"
    else:
        detail: dict[str, object] = {
            "printer": _inner(printer).name,
            "layout": layout,
            "print": sent.outcome.value,
        }
        ok = Outcome.OK if sent.outcome is PrintOutcome.PRINTED else Outcome.FAILED
        try:
            record_technician_action(audit, TEST_PAGE_PRINTED, ok, detail, page.printed_at)
            audit_problem = None
        except Exception as exc:  # the page is printed or not all the same: say so
            log.warning("diag.test_page.audit_failed error=%s", type(exc).__name__)
            audit_problem = f"the audit log could not record it ({type(exc).__name__})"
    return TestPageResult(
        outcome=sent.outcome,
        layout=layout,
        pdf_bytes=len(pdf),
        job_id=sent.job_id,
        location=sent.location,
        problem=sent.problem,
        audit_problem=audit_problem,
    )

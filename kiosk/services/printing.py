"""The printer at the edge of the services: its trouble becomes a PrintOutcome or a domain
PrinterStatus, never a driver's exception (R6)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from drivers.printers.base import (
    Printer,
    PrinterError,
    PrinterOffline,
    PrinterOutOfPaper,
)
from kiosk.domain.business import PrintOutcome
from kiosk.domain.devices import PrinterState, PrinterStatus
from kiosk.services import devices

log = logging.getLogger(__name__)


def send(printer: Printer, pdf: bytes, job_name: str, error_event: str) -> PrintOutcome:
    """Print `pdf`; the printer's trouble is the outcome, never an exception (R6)."""
    return send_job(printer, pdf, job_name, error_event).outcome


@dataclass(frozen=True, slots=True)
class SentJob:
    """What became of a print job: the outcome, and what the printer said of the job (printed:
    its job id, pages, where a file went) or of its failure (the error's message)."""

    outcome: PrintOutcome
    job_id: str = ""
    pages: int | None = None
    location: str | None = None  # where the output went, when that means something (a file)
    problem: str = ""


def send_job(printer: Printer, pdf: bytes, job_name: str, error_event: str) -> SentJob:
    """`send`, telling a technician more: the printer's own words for the job or its failure.
    (Those words hold no document content: the printers name only queues, jobs and files.)"""
    try:
        result = printer.print(pdf, job_name=job_name)
    except PrinterOffline as exc:
        return SentJob(PrintOutcome.PRINTER_OFFLINE, problem=str(exc))
    except PrinterOutOfPaper as exc:
        return SentJob(PrintOutcome.OUT_OF_PAPER, problem=str(exc))
    except Exception as exc:  # PrintJobFailed, or any surprise of a driver
        log.warning("%s error=%s", error_event, type(exc).__name__)
        problem = str(exc) if isinstance(exc, PrinterError) else type(exc).__name__
        return SentJob(PrintOutcome.FAILED, problem=problem)
    return SentJob(PrintOutcome.PRINTED, result.job_id, result.pages, result.location)


def printer_status(printer: Printer) -> PrinterStatus:
    """The printer's status; never raises (a printer that cannot say is in ERROR)."""
    try:
        return devices.printer_status(printer.status())
    except Exception as exc:  # a driver's surprise must not stop the confirm screen
        log.warning("business.printer_status.failed error=%s", type(exc).__name__)
        return PrinterStatus(PrinterState.ERROR, "printer status unavailable")

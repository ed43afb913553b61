"""The printer at the edge of the services: its trouble becomes a PrintOutcome or a domain
PrinterStatus, never a driver's exception (R6)."""

from __future__ import annotations

import logging

from drivers.printers.base import Printer, PrinterOffline, PrinterOutOfPaper
from kiosk.domain.business import PrintOutcome
from kiosk.domain.devices import PrinterState, PrinterStatus
from kiosk.services import devices

log = logging.getLogger(__name__)


def send(printer: Printer, pdf: bytes, job_name: str, error_event: str) -> PrintOutcome:
    """Print `pdf`; the printer's trouble is the outcome, never an exception (R6)."""
    try:
        printer.print(pdf, job_name=job_name)
    except PrinterOffline:
        return PrintOutcome.PRINTER_OFFLINE
    except PrinterOutOfPaper:
        return PrintOutcome.OUT_OF_PAPER
    except Exception as exc:  # PrintJobFailed, or any surprise of a driver
        log.warning("%s error=%s", error_event, type(exc).__name__)
        return PrintOutcome.FAILED
    return PrintOutcome.PRINTED


def printer_status(printer: Printer) -> PrinterStatus:
    """The printer's status; never raises (a printer that cannot say is in ERROR)."""
    try:
        return devices.printer_status(printer.status())
    except Exception as exc:  # a driver's surprise must not stop the confirm screen
        log.warning("business.printer_status.failed error=%s", type(exc).__name__)
        return PrinterStatus(PrinterState.ERROR, "printer status unavailable")

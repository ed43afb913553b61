"""The printer interface: a status, and printing PDF bytes as a named job.

Nothing here knows what a voucher is; the kiosk renders PDF bytes and hands them over.
"""

from __future__ import annotations

import enum
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass


class PrinterState(enum.Enum):
    READY = "ready"
    NO_PAPER = "no_paper"
    OFFLINE = "offline"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    state: PrinterState
    detail: str = ""
    # The IPP printer-state-reasons behind it, where the printer gives them (CUPS):
    # "media-low-report", "media-jam-error", "cover-open-error"... for the paper's state and
    # plain words in diagnostics; empty where there are none.
    reasons: tuple[str, ...] = ()

    @property
    def ready(self) -> bool:
        return self.state is PrinterState.READY


@dataclass(frozen=True, slots=True)
class PrintResult:
    job_id: str
    pages: int | None = None
    location: str | None = None  # where the output went, when that means something (a file)


class PrinterError(Exception):
    """A print job failed; the subclass says why, the message says what to do."""


class PrinterOffline(PrinterError):
    pass


class PrinterOutOfPaper(PrinterError):
    pass


class PrintJobFailed(PrinterError):
    """The printer took the job and failed part way: the printout may be incomplete."""


class Printer(ABC):
    name: str = "printer"

    @abstractmethod
    def status(self) -> PrinterStatus: ...

    @abstractmethod
    def print(self, pdf: bytes, job_name: str) -> PrintResult:
        """Print `pdf`; raises a PrinterError subclass when it cannot."""


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def sanitize_job_name(job_name: str, limit: int = 80) -> str:
    """A job name safe as a file name and a CUPS title: ASCII letters, digits, . _ - only,
    no leading dot, never empty. Path separators and '..' cannot survive."""
    clean = _UNSAFE.sub("_", job_name).strip("._-")[:limit].strip("._-")
    return clean or "job"


def check_pdf(pdf: bytes) -> None:
    if not isinstance(pdf, bytes | bytearray) or not pdf.startswith(b"%PDF-"):
        raise PrintJobFailed("the print job is not a PDF document")

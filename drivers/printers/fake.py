"""An in-memory printer with fault injection, for tests, the demo tray and the tour.

It keeps every completed job; set `fault` to make the next jobs fail the way a real printer
does: out of paper (refused before printing), offline, or failing part way through a job.
`fault_status` and `refuse_job` are that mapping (fault → status → error), shared with
faultable.FaultablePrinter, which puts the same faults in front of a real printer.
"""

from __future__ import annotations

import enum
import threading
from dataclasses import dataclass

from drivers.printers.base import (
    Printer,
    PrinterOffline,
    PrinterOutOfPaper,
    PrinterState,
    PrinterStatus,
    PrintJobFailed,
    PrintResult,
    check_pdf,
    sanitize_job_name,
)


class Fault(enum.Enum):
    NONE = "none"
    NO_PAPER = "no_paper"
    OFFLINE = "offline"
    FAIL_MID_JOB = "fail_mid_job"


_FAULT_STATUS = {
    Fault.OFFLINE: PrinterStatus(PrinterState.OFFLINE, "printer does not answer"),
    Fault.NO_PAPER: PrinterStatus(PrinterState.NO_PAPER, "paper roll is empty"),
    Fault.FAIL_MID_JOB: PrinterStatus(PrinterState.ERROR, "print head fault"),
}


def fault_status(fault: Fault) -> PrinterStatus | None:
    """The status a printer with `fault` reports; None for Fault.NONE (the printer's own)."""
    return _FAULT_STATUS.get(fault)


def refuse_job(status: PrinterStatus, job_id: str) -> None:
    """Raise the PrinterError a printer in `status` fails job `job_id` with; nothing if ready.
    Offline and out of paper refuse the job; ERROR means it failed part way."""
    if status.state is PrinterState.OFFLINE:
        raise PrinterOffline(status.detail)
    if status.state is PrinterState.NO_PAPER:
        raise PrinterOutOfPaper(status.detail)
    if status.state is PrinterState.ERROR:
        raise PrintJobFailed(f"job {job_id} failed part way: {status.detail}")


@dataclass(frozen=True, slots=True)
class Job:
    job_id: str
    name: str
    pdf: bytes


class FakePrinter(Printer):
    name = "fake"

    def __init__(self, fault: Fault = Fault.NONE, *, paper: int | None = None) -> None:
        """`paper`: how many jobs fit on the roll before it runs out (None: endless)."""
        self.fault = fault
        self.paper = paper
        self.jobs: list[Job] = []
        self.partial: list[Job] = []  # jobs that failed part way
        self._lock = threading.Lock()

    def status(self) -> PrinterStatus:
        fault = self.fault
        if self.paper == 0 and fault is not Fault.OFFLINE:
            fault = Fault.NO_PAPER
        return fault_status(fault) or PrinterStatus(PrinterState.READY, "ready")

    def print(self, pdf: bytes, job_name: str) -> PrintResult:
        check_pdf(pdf)
        with self._lock:
            state = self.status()
            job_id = f"fake-{len(self.jobs) + len(self.partial) + 1}"
            job = Job(job_id, sanitize_job_name(job_name), bytes(pdf))
            if state.state is PrinterState.ERROR:
                self.partial.append(job)
            refuse_job(state, job_id)
            self.jobs.append(job)
            if self.paper is not None:
                self.paper -= 1
            return PrintResult(job_id=job_id)

    def refill(self, paper: int | None = None) -> None:
        with self._lock:
            self.paper = paper
            if self.fault is Fault.NO_PAPER:
                self.fault = Fault.NONE

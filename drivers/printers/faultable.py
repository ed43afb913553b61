"""A real printer with a fault switch: the demo's PDF folder, which the demo tray can make run
out of paper or go offline, so that the printer-trouble path (R6) shows without hardware.

The faults and what they mean (the status reported, the error a job fails with) are fake.py's;
with Fault.NONE the printer inside answers and prints for itself.
"""

from __future__ import annotations

from drivers.printers.base import Printer, PrinterStatus, PrintResult, check_pdf
from drivers.printers.fake import Fault, fault_status, refuse_job


class FaultablePrinter(Printer):
    def __init__(self, inner: Printer, fault: Fault = Fault.NONE) -> None:
        """`fault` may be set at any time, from any thread: the next status() and print() obey."""
        self.inner = inner
        self.fault = fault
        self.name = inner.name

    def status(self) -> PrinterStatus:
        return fault_status(self.fault) or self.inner.status()

    def print(self, pdf: bytes, job_name: str) -> PrintResult:
        check_pdf(pdf)
        faulted = fault_status(self.fault)  # read once: the tray may switch it meanwhile
        if faulted is not None:
            refuse_job(faulted, "demo")
        return self.inner.print(pdf, job_name)

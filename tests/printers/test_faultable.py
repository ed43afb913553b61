"""The demo's faultable printer: a fault rules its status and refuses jobs the way fake.py's
mapping says, nothing is written while it lasts, and without one the printer inside decides."""

from __future__ import annotations

from pathlib import Path

import pytest

from drivers.printers.base import (
    PrinterError,
    PrinterOffline,
    PrinterOutOfPaper,
    PrinterState,
    PrintJobFailed,
)
from drivers.printers.fake import FakePrinter, Fault
from drivers.printers.faultable import FaultablePrinter
from drivers.printers.pdf import PdfPrinter

PDF = b"%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n"


def test_without_a_fault_it_is_the_pdf_printer(tmp_path: Path) -> None:
    printer = FaultablePrinter(PdfPrinter(tmp_path))
    assert printer.name == "pdf"
    status = printer.status()
    assert status.state is PrinterState.READY and str(tmp_path) in status.detail
    result = printer.print(PDF, "voucher")
    assert result.location is not None and Path(result.location).read_bytes() == PDF
    assert [p.name for p in tmp_path.iterdir()] == [Path(result.location).name]


def test_without_a_fault_the_inner_printers_trouble_shows(tmp_path: Path) -> None:
    printer = FaultablePrinter(PdfPrinter(tmp_path / "missing"))
    assert printer.status().state is PrinterState.OFFLINE
    with pytest.raises(PrinterOffline, match="does not exist"):
        printer.print(PDF, "voucher")


@pytest.mark.parametrize(
    ("fault", "state", "error"),
    [
        (Fault.NO_PAPER, PrinterState.NO_PAPER, PrinterOutOfPaper),
        (Fault.OFFLINE, PrinterState.OFFLINE, PrinterOffline),
        (Fault.FAIL_MID_JOB, PrinterState.ERROR, PrintJobFailed),
    ],
)
def test_a_fault_rules_status_and_print_and_writes_nothing(
    tmp_path: Path, fault: Fault, state: PrinterState, error: type[PrinterError]
) -> None:
    printer = FaultablePrinter(PdfPrinter(tmp_path), fault)
    status = printer.status()
    assert status.state is state and not status.ready
    assert status == FakePrinter(fault).status()  # one mapping for both
    with pytest.raises(error):
        printer.print(PDF, "voucher")
    assert list(tmp_path.iterdir()) == []

    printer.fault = Fault.NONE  # repaired: the next job prints
    assert printer.status().ready
    printer.print(PDF, "again")
    assert [p.name.split("-")[0] for p in tmp_path.iterdir()] == ["again"]


def test_a_fault_does_not_let_a_non_pdf_through(tmp_path: Path) -> None:
    printer = FaultablePrinter(PdfPrinter(tmp_path), Fault.OFFLINE)
    with pytest.raises(PrintJobFailed, match="not a PDF"):
        printer.print(b"hello", "x")


def test_a_fault_works_in_front_of_any_printer() -> None:
    fake = FakePrinter()
    printer = FaultablePrinter(fake, Fault.NO_PAPER)
    with pytest.raises(PrinterOutOfPaper):
        printer.print(PDF, "voucher")
    assert fake.jobs == [] and fake.partial == []
    printer.fault = Fault.NONE
    printer.print(PDF, "voucher")
    assert [j.name for j in fake.jobs] == ["voucher"]

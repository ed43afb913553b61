"""The PDF folder printer and the fault-injecting fake behave like the Printer interface says."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from drivers.printers.base import (
    PrinterError,
    PrinterOffline,
    PrinterOutOfPaper,
    PrinterState,
    PrintJobFailed,
    sanitize_job_name,
)
from drivers.printers.fake import FakePrinter, Fault
from drivers.printers.pdf import PdfPrinter

PDF = b"%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n"


def test_pdf_printer_writes_a_private_file(tmp_path: Path) -> None:
    printer = PdfPrinter(tmp_path)
    assert printer.status().state is PrinterState.READY
    old_umask = os.umask(0o022)
    try:
        result = printer.print(PDF, "voucher BJCY01-20261122-000042-K")
    finally:
        os.umask(old_umask)
    assert result.location is not None
    path = Path(result.location)
    assert path.parent == tmp_path
    assert path.read_bytes() == PDF
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.name.startswith("voucher_BJCY01-20261122-000042-K-")
    assert result.pages == 1
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary left behind


def test_pdf_printer_names_never_escape_the_folder(tmp_path: Path) -> None:
    inner = tmp_path / "out"
    inner.mkdir()
    result = PdfPrinter(inner).print(PDF, "../../etc/passwd")
    assert Path(result.location or "").parent == inner
    assert sanitize_job_name("../..") == "job"
    assert sanitize_job_name("挂失回执 A/B") == "A_B"
    assert sanitize_job_name(".hidden") == "hidden"


def test_pdf_printer_jobs_get_distinct_files(tmp_path: Path) -> None:
    printer = PdfPrinter(tmp_path)
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(printer.print(PDF, "same")))
        for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({r.location for r in results}) == 8
    assert len(list(tmp_path.glob("same-*.pdf"))) == 8


def test_pdf_printer_is_atomic_when_the_rename_fails(tmp_path: Path, monkeypatch) -> None:
    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(PrintJobFailed, match="No space left"):
        PdfPrinter(tmp_path).print(PDF, "voucher")
    assert list(tmp_path.iterdir()) == []  # neither a partial file nor a temporary


def test_pdf_printer_offline_for_a_missing_folder(tmp_path: Path) -> None:
    printer = PdfPrinter(tmp_path / "missing")
    status = printer.status()
    assert status.state is PrinterState.OFFLINE and "does not exist" in status.detail
    with pytest.raises(PrinterOffline):
        printer.print(PDF, "voucher")


def test_pdf_printer_offline_when_the_folder_is_a_file(tmp_path: Path) -> None:
    file = tmp_path / "file"
    file.write_bytes(b"")
    assert PdfPrinter(file).status().state is PrinterState.OFFLINE


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc")
def test_pdf_printer_offline_where_even_root_cannot_write() -> None:
    printer = PdfPrinter("/proc/self")
    status = printer.status()
    assert status.state is PrinterState.OFFLINE and "not writable" in status.detail
    with pytest.raises(PrinterOffline):
        printer.print(PDF, "voucher")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_pdf_printer_offline_for_an_unwritable_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    try:
        printer = PdfPrinter(folder)
        status = printer.status()
        assert status.state is PrinterState.OFFLINE and "not writable" in status.detail
        with pytest.raises(PrinterOffline):
            printer.print(PDF, "voucher")
    finally:
        folder.chmod(0o700)


def test_pdf_printer_refuses_what_is_not_a_pdf(tmp_path: Path) -> None:
    with pytest.raises(PrintJobFailed, match="not a PDF"):
        PdfPrinter(tmp_path).print(b"hello", "x")


def test_fake_printer_runs_out_of_paper_and_is_refilled() -> None:
    printer = FakePrinter(paper=2)
    printer.print(PDF, "one")
    printer.print(PDF, "two")
    assert printer.status().state is PrinterState.NO_PAPER
    with pytest.raises(PrinterOutOfPaper):
        printer.print(PDF, "three")
    assert [j.name for j in printer.jobs] == ["one", "two"]
    printer.refill()
    assert printer.status().ready
    assert printer.print(PDF, "three").job_id == "fake-3"


@pytest.mark.parametrize(
    ("fault", "state", "error"),
    [
        (Fault.NO_PAPER, PrinterState.NO_PAPER, PrinterOutOfPaper),
        (Fault.OFFLINE, PrinterState.OFFLINE, PrinterOffline),
        (Fault.FAIL_MID_JOB, PrinterState.ERROR, PrintJobFailed),
    ],
)
def test_fake_printer_faults(fault: Fault, state: PrinterState, error: type[PrinterError]) -> None:
    printer = FakePrinter(fault)
    assert printer.status().state is state
    with pytest.raises(error):
        printer.print(PDF, "voucher")
    assert printer.jobs == []
    assert len(printer.partial) == (1 if fault is Fault.FAIL_MID_JOB else 0)
    printer.fault = Fault.NONE
    printer.print(PDF, "again")
    assert [j.name for j in printer.jobs] == ["again"]

"""Printing the records statement (flow 4) on the demo set-up: the "normal" card, its PIN, the
records screen's Print statement button. The PDF printer writes into the kiosk's output folder;
a printer out of paper, a print that takes its time (the button waits), the year on screen, and
the card pulled while printing (S3)."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from drivers.printers.base import Printer, PrinterState, PrinterStatus, PrintResult
from drivers.printers.fake import FakePrinter, Fault
from drivers.simcard.image import load_image
from kiosk.domain.business import PrintOutcome
from kiosk.domain.masking import mask_id_number

NORMAL = load_image("normal")
SSN = NORMAL.holder.ssn
PRINTED = "Please take your statement"


class SlowPrinter(Printer):
    """Holds each job until the test lets it go: what the screen shows while printing."""

    name = "slow"

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self.jobs: list[str] = []

    def status(self) -> PrinterStatus:
        return PrinterStatus(PrinterState.READY)

    def print(self, pdf: bytes, job_name: str) -> PrintResult:
        self.started.set()
        if not self.release.wait(10):
            raise TimeoutError("the test never released the job")
        self.jobs.append(job_name)
        return PrintResult(job_id=str(len(self.jobs)))


@pytest.fixture
def kiosk(qtbot, make_kiosk):
    kiosk = make_kiosk(language="en")
    yield kiosk
    kiosk.close()


def idle(kiosk) -> bool:
    return kiosk.controller.worker.pending == 0


def wait_step(qtbot, kiosk, name: str) -> None:
    qtbot.waitUntil(
        lambda: kiosk.controller.flow.view.step.value == name and idle(kiosk), timeout=10_000
    )


def to_records(qtbot, kiosk) -> None:
    kiosk.backend.insert("normal")
    wait_step(qtbot, kiosk, "summary")
    kiosk.window.summary.view_records_clicked.emit()
    wait_step(qtbot, kiosk, "pin")
    kiosk.window.pin.pin_entered.emit(bytearray(b"123456"))
    wait_step(qtbot, kiosk, "records")
    assert kiosk.window.current is kiosk.window.records


def click_print(qtbot, kiosk) -> None:
    button = kiosk.window.records.print_button
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def wait_printed(qtbot, kiosk) -> None:
    qtbot.waitUntil(lambda: not kiosk.controller.flow.view.printing and idle(kiosk), timeout=10_000)


def statements(kiosk) -> list[Path]:
    return sorted(kiosk.settings.output_dir.glob("statement-*.pdf"))


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode()


def test_print_statement_writes_a_pdf_and_says_to_take_it(qtbot, kiosk):
    to_records(qtbot, kiosk)
    screen = kiosk.window.records
    assert screen.print_button.accessibleName() and screen.statement_message == ""
    assert statements(kiosk) == []

    click_print(qtbot, kiosk)
    wait_printed(qtbot, kiosk)

    assert kiosk.controller.flow.view.statement is PrintOutcome.PRINTED
    assert screen.statement_message == PRINTED and screen.print_message.isVisible()
    (pdf,) = statements(kiosk)
    assert f"statement-{kiosk.settings.kiosk_id}-" in pdf.name
    text = pdf_text(pdf)
    assert mask_id_number(SSN) in text and SSN not in text
    assert screen.print_button.isEnabled()  # another copy may be printed


def test_the_year_on_screen_is_printed(qtbot, kiosk):
    to_records(qtbot, kiosk)
    years = kiosk.controller.flow.view.records.years
    assert len(years) > 1
    oldest = years[-1]
    kiosk.window.records.show_section("contributions")
    kiosk.window.records.year_selected.emit(oldest)
    qtbot.waitUntil(lambda: kiosk.controller.flow.view.year.year == oldest and idle(kiosk))

    click_print(qtbot, kiosk)
    wait_printed(qtbot, kiosk)

    (pdf,) = statements(kiosk)
    assert f"Contributions in {oldest}" in pdf_text(pdf)


def test_out_of_paper_says_why_and_where_to_go(qtbot, make_kiosk):
    kiosk = make_kiosk(FakePrinter(Fault.NO_PAPER), language="en")
    try:
        to_records(qtbot, kiosk)
        click_print(qtbot, kiosk)
        wait_printed(qtbot, kiosk)
        screen = kiosk.window.records
        assert screen.statement_message == (
            "The statement could not be printed: the printer is out of paper. "
            "Please ask at a counter."
        )
        assert kiosk.window.current is screen  # the records stay on screen
        assert screen.print_button.isEnabled()
        # Another year: the old message no longer stands.
        kiosk.window.records.year_selected.emit(kiosk.controller.flow.view.records.years[-1])
        qtbot.waitUntil(lambda: idle(kiosk))
        assert screen.statement_message == ""
    finally:
        kiosk.close()


def test_the_button_waits_while_printing_and_card_removal_wipes_the_result(qtbot, make_kiosk):
    printer = SlowPrinter()
    kiosk = make_kiosk(printer, language="en")
    try:
        to_records(qtbot, kiosk)
        screen = kiosk.window.records
        click_print(qtbot, kiosk)
        qtbot.waitUntil(printer.started.is_set)
        assert not screen.print_button.isEnabled()
        assert screen.print_button.label == "Printing…"
        kiosk.window.records.print_clicked.emit()  # a second tap: nothing
        printer.release.set()
        wait_printed(qtbot, kiosk)
        assert printer.jobs and len(printer.jobs) == 1
        assert screen.print_button.label == "Print statement"
        assert screen.statement_message == PRINTED

        kiosk.backend.remove()
        wait_step(qtbot, kiosk, "attract")
        assert screen.statement_message == "" and screen.records is None
    finally:
        printer.release.set()
        kiosk.close()

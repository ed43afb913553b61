"""Printing the records statement (flow 4) on the demo set-up: the "normal" card, its PIN, the
records screen's print button. The PDF printer writes into the kiosk's output folder; the button
names the year it prints and the PDF is that year; the notice says it plainly; a printer out of
paper, a print that takes its time (the button waits), a second tap the moment after (nothing),
and the card pulled while printing (S3)."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from ui_helpers import idle, wait_step

from drivers.printers.base import Printer, PrinterState, PrinterStatus, PrintResult
from drivers.printers.fake import FakePrinter, Fault
from drivers.simcard.image import load_image
from kiosk.domain.business import PrintOutcome
from kiosk.domain.masking import mask_id_number
from kiosk.ui import controller as controller_module

NORMAL = load_image("normal")
SSN = NORMAL.holder.ssn


def printed(year: int) -> str:
    return f"Your {year} statement is printed. Please take it from the printer."


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


@pytest.fixture(autouse=True)
def short_pause(monkeypatch):
    """The button's rest after a print, shortened so the tests need not wait seconds."""
    monkeypatch.setattr(controller_module, "STATEMENT_PAUSE_MS", 300)


@pytest.fixture
def kiosk(qtbot, make_kiosk):
    kiosk = make_kiosk(language="en")
    yield kiosk
    kiosk.close()


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
    newest = kiosk.controller.flow.view.records.years[0]
    assert screen.print_button.label == f"Print {newest} statement"
    assert screen.print_button.accessibleName() and screen.statement_message == ""
    assert not screen.print_notice.isVisible()
    assert statements(kiosk) == []

    click_print(qtbot, kiosk)
    wait_printed(qtbot, kiosk)

    assert kiosk.controller.flow.view.statement is PrintOutcome.PRINTED
    # Said in a notice of its own, in the lead size, not a muted line.
    assert screen.statement_message == printed(newest) and screen.print_notice.isVisible()
    assert screen.print_notice.text.font().pixelSize() > screen.font().pixelSize()
    (pdf,) = statements(kiosk)
    assert f"statement-{kiosk.settings.kiosk_id}-" in pdf.name
    text = pdf_text(pdf)
    assert mask_id_number(SSN) in text and SSN not in text
    assert f"Contributions in {newest}" in text
    qtbot.waitUntil(screen.print_button.isEnabled)  # a moment later, another copy may be printed


def test_the_button_names_the_year_it_prints(qtbot, kiosk):
    """The citizen picks the oldest year with the year picker; the button says that year, the
    PDF is that year, and the notice says which year came out."""
    to_records(qtbot, kiosk)
    screen = kiosk.window.records
    years = kiosk.controller.flow.view.records.years
    assert len(years) > 1
    newest, oldest = years[0], years[-1]
    qtbot.mouseClick(screen.section_buttons["contributions"], Qt.MouseButton.LeftButton)
    for _ in years[1:]:
        qtbot.mouseClick(screen.earlier_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: idle(kiosk) and not kiosk.controller.flow.view.busy)
    assert kiosk.controller.flow.view.year.year == oldest
    assert screen.print_button.label == f"Print {oldest} statement"
    # The overview shows no year: the button still says which one it prints.
    qtbot.mouseClick(screen.section_buttons["overview"], Qt.MouseButton.LeftButton)
    assert screen.print_button.label == f"Print {oldest} statement"

    click_print(qtbot, kiosk)
    wait_printed(qtbot, kiosk)

    (pdf,) = statements(kiosk)
    text = pdf_text(pdf)
    assert f"Contributions in {oldest}" in text and f"Contributions in {newest}" not in text
    assert screen.statement_message == printed(oldest)


def test_a_second_tap_the_moment_after_prints_nothing(qtbot, kiosk, monkeypatch):
    """Two real taps on the button: the first prints, the second (while printing or in the
    moment after) prints nothing; once the moment has passed the button prints again."""
    monkeypatch.setattr(controller_module, "STATEMENT_PAUSE_MS", 3000)
    to_records(qtbot, kiosk)
    button = kiosk.window.records.print_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.wait(150)  # a hurried second tap
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_printed(qtbot, kiosk)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # a third, once the first came out
    qtbot.wait(300)
    assert len(statements(kiosk)) == 1
    assert not button.isEnabled()
    qtbot.waitUntil(button.isEnabled, timeout=5000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_printed(qtbot, kiosk)
    assert len(statements(kiosk)) == 2


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
        qtbot.waitUntil(screen.print_button.isEnabled)
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
        newest = kiosk.controller.flow.view.records.years[0]
        assert not screen.print_button.isEnabled()
        assert screen.print_button.label == "Printing…"
        assert screen.statement_message == f"Printing your {newest} statement. Please wait…"
        kiosk.window.records.print_clicked.emit(newest)  # a second tap: nothing
        printer.release.set()
        wait_printed(qtbot, kiosk)
        assert printer.jobs and len(printer.jobs) == 1
        assert screen.print_button.label == f"Print {newest} statement"
        assert screen.statement_message == printed(newest)

        kiosk.backend.remove()
        wait_step(qtbot, kiosk, "attract")
        assert screen.statement_message == "" and screen.records is None
    finally:
        printer.release.set()
        kiosk.close()

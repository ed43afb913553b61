"""The demo tray's printer section (R6 without hardware): its choice faults the demo's PDF
printer, which the business service, the status strip, the confirm screen and the receipt all
see; its button opens the folder the printed files go to."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl

from drivers.printers.fake import FakePrinter, Fault
from drivers.printers.faultable import FaultablePrinter
from drivers.simcard.image import load_image
from kiosk.demo.kit import make_demo_tray
from kiosk.demo.tray import DemoTray
from kiosk.domain.business import PrintOutcome
from kiosk.domain.devices import PrinterState
from kiosk.domain.records import CardStatus
from kiosk.store.db import read_session
from kiosk.store.repositories import CardRepository

NORMAL = load_image("normal")
SSN, MOBILE, CARD = NORMAL.holder.ssn, "13810245678", NORMAL.issuer.card_number


@pytest.fixture
def kiosk(qtbot, make_kiosk):
    kiosk = make_kiosk()
    yield kiosk
    kiosk.close()


@pytest.fixture
def tray(qtbot, kiosk) -> DemoTray:
    tray = make_demo_tray(kiosk)
    qtbot.addWidget(tray)
    return tray


def idle(kiosk) -> bool:
    return kiosk.controller.worker.pending == 0


def wait_b(qtbot, kiosk, name: str) -> None:
    def there() -> bool:
        business = kiosk.controller.business
        return business is not None and business.view.step.value == name and idle(kiosk)

    qtbot.waitUntil(there, timeout=10_000)


def pdfs(kiosk) -> list:
    return sorted(kiosk.settings.output_dir.glob("*.pdf"))


def compact(text: str) -> str:
    return "".join(ch for ch in text if ch not in " -\u00a0\u2009")


def test_the_demo_kiosk_prints_through_a_faultable_pdf_printer(kiosk, tray):
    printer = kiosk.business.printer
    assert isinstance(printer, FaultablePrinter)
    assert tray.printer_buttons[Fault.NONE].isChecked()
    assert all(b.isEnabled() for b in tray.printer_buttons.values())
    assert tray.open_folder_button.isEnabled()


@pytest.mark.parametrize(
    ("fault", "state", "word"),
    [
        (Fault.NO_PAPER, PrinterState.NO_PAPER, "paper_out"),
        (Fault.OFFLINE, PrinterState.OFFLINE, "offline"),
    ],
)
def test_the_printer_choice_changes_the_status_and_the_strip(
    qtbot, kiosk, tray, fault, state, word
):
    strip = kiosk.window.attract.status_strip
    qtbot.waitUntil(lambda: strip.printer.ok is True and idle(kiosk))
    with qtbot.waitSignal(tray.printer_changed):
        tray.printer_buttons[fault].click()
    assert kiosk.business.printer_status().state is state
    assert not tray.printer_buttons[Fault.NONE].isChecked()  # one choice at a time
    qtbot.waitUntil(lambda: strip.printer.ok is False and idle(kiosk))
    assert strip.printer.word == word
    tray.printer_buttons[Fault.NONE].click()
    assert kiosk.business.printer_status().ready
    qtbot.waitUntil(lambda: strip.printer.ok is True and idle(kiosk))


def test_open_printed_files_opens_the_output_folder(kiosk, tray):
    opened: list[QUrl] = []
    tray.open_url = opened.append
    tray.open_folder_button.click()
    assert [url.toLocalFile() for url in opened] == [str(kiosk.settings.output_dir)]


def test_a_printer_without_faults_or_folder_greys_the_section_out(qtbot, make_kiosk):
    printer = FakePrinter()
    kiosk = make_kiosk(printer)
    try:
        tray = make_demo_tray(kiosk)
        qtbot.addWidget(tray)
        assert not any(b.isEnabled() for b in tray.printer_buttons.values())
        assert not tray.open_folder_button.isEnabled()
        assert tray.printer_fault is None
        tray.printer_buttons[Fault.OFFLINE].click()  # disabled: nothing happens
        assert printer.fault is Fault.NONE and kiosk.business.printer_status().ready
    finally:
        kiosk.close()


@pytest.mark.parametrize(
    ("fault", "outcome"),
    [(Fault.NO_PAPER, PrintOutcome.OUT_OF_PAPER), (Fault.OFFLINE, PrintOutcome.PRINTER_OFFLINE)],
)
def test_a_faulted_printer_shows_the_r6_path_of_a_cardless_loss_report(
    qtbot, kiosk, tray, fault, outcome
):
    w = kiosk.window
    tray.printer_buttons[fault].click()
    w.attract.report_loss_clicked.emit()
    wait_b(qtbot, kiosk, "identify")
    w.identify.submitted.emit(SSN, MOBILE, False)
    wait_b(qtbot, kiosk, "what_happened")
    w.what_happened.chosen.emit("temporary")
    wait_b(qtbot, kiosk, "review")
    w.review.next_clicked.emit()
    wait_b(qtbot, kiosk, "confirm")
    view = kiosk.controller.business.view
    assert view.printer is not None and view.printer.state is not PrinterState.READY
    assert w.confirm.printer_notice.isVisibleTo(w)  # the warning before the final confirm

    w.confirm.confirmed.emit()
    wait_b(qtbot, kiosk, "receipt")
    qtbot.waitUntil(lambda: kiosk.controller.business.view.print_outcome is not None)
    view = kiosk.controller.business.view
    assert view.print_outcome is outcome
    assert pdfs(kiosk) == []
    assert w.receipt.print_failed
    assert view.receipt is not None and view.receipt.qr_payload.startswith("SSK2:")
    assert compact(w.receipt.number.text()) == compact(view.receipt.voucher_number)
    with read_session(kiosk.engine) as session:  # the transaction stands
        card = CardRepository(session).get(CARD)
    assert card is not None and card.status is CardStatus.TEMPORARY_LOSS

    tray.printer_buttons[Fault.NONE].click()  # paper in / back online: the reprint prints
    number, code = view.receipt.voucher_number, view.receipt.qr_payload
    w.receipt.done_clicked.emit()
    qtbot.waitUntil(lambda: kiosk.controller.business is None and idle(kiosk))
    w.attract.voucher_lookup_clicked.emit()
    wait_b(qtbot, kiosk, "lookup")
    w.lookup.by_code.emit(code)  # the citizen scans the code the receipt screen showed
    wait_b(qtbot, kiosk, "lookup_result")
    w.lookup_result.reprint.emit(number)
    qtbot.waitUntil(lambda: kiosk.controller.business.view.reprint_outcome is not None)
    assert kiosk.controller.business.view.reprint_outcome is PrintOutcome.PRINTED
    assert len(pdfs(kiosk)) == 1


def _tray_geometry(qapp, tray: DemoTray) -> dict[str, object]:
    """The tray's size and where each of its buttons sits, once the layout has settled."""
    qapp.processEvents()
    tray.layout().activate()
    buttons = [*tray.buttons.values(), tray.remove_button, *tray.printer_buttons.values()]
    geometry: dict[str, object] = {"tray": tray.size()}
    for button in [*buttons, tray.open_folder_button]:
        geometry[button.objectName()] = (button.mapTo(tray, button.rect().topLeft()), button.size())
    return geometry


def test_the_tray_keeps_its_size_and_buttons_in_large_text(qtbot, qapp, kiosk, tray):
    """A demo tool, not part of the kiosk's large-text mode: the tray neither grows past the
    screen nor moves its buttons under the pointer (a tap meant for Remove card inserted
    another card), and is the same before, during and after large text."""
    tray.show()
    qtbot.waitExposed(tray)
    before = _tray_geometry(qapp, tray)
    kiosk.set_large_text(True)
    during = _tray_geometry(qapp, tray)
    kiosk.set_large_text(False)
    after = _tray_geometry(qapp, tray)
    assert during == before
    assert after == before
    # Readable and whole: every label fits its button, and the tray fits a 1920x1080 screen
    # beside the 1280-wide demo window.
    for button in [*tray.buttons.values(), tray.remove_button, tray.open_folder_button]:
        assert button.fontInfo().pixelSize() >= 15
        assert button.sizeHint().width() <= button.width(), button.objectName()
    assert tray.height() <= 1000 and tray.width() <= 1920 - 1280 - 16


def test_the_scan_button_holds_the_newest_voucher_under_the_scanner(qtbot, kiosk, tray):
    kiosk.window.attract.report_loss_clicked.emit()
    wait_b(qtbot, kiosk, "identify")
    kiosk.window.identify.submitted.emit(SSN, MOBILE, False)
    wait_b(qtbot, kiosk, "what_happened")
    kiosk.window.what_happened.chosen.emit("temporary")
    wait_b(qtbot, kiosk, "review")
    kiosk.window.review.next_clicked.emit()
    wait_b(qtbot, kiosk, "confirm")
    kiosk.window.confirm.confirmed.emit()
    qtbot.waitUntil(
        lambda: kiosk.controller.business.view.print_outcome is PrintOutcome.PRINTED and idle(kiosk)
    )
    number = kiosk.controller.business.view.receipt.voucher_number
    kiosk.window.receipt.done_clicked.emit()
    qtbot.waitUntil(lambda: kiosk.controller.business is None and idle(kiosk))
    kiosk.window.attract.voucher_lookup_clicked.emit()
    wait_b(qtbot, kiosk, "lookup")
    assert tray.scan_button.isEnabled()
    tray.scan_button.click()  # typed into the kiosk window, as the scanner types
    wait_b(qtbot, kiosk, "lookup_result")
    found = kiosk.controller.business.view.lookup_results
    assert [v.voucher_number for v in found] == [number]


def test_the_tray_lays_the_demo_id_cards_on_the_mock_id_reader(qtbot):
    """The ID cards section (issue 15): each demo person's ID card, a kind not read here, an
    unreadable one, and take away, on the demo's mock ID card reader."""
    from drivers.idcard.base import IdCardEventKind, IdCardUnsupported
    from drivers.idcard.mock import MockIdCardReader
    from drivers.readers.mock import MockReaderBackend

    id_reader = MockIdCardReader()
    heard = []
    id_reader.add_listener(heard.append)
    id_reader.start()
    tray = DemoTray(MockReaderBackend(), None, id_reader=id_reader)
    qtbot.addWidget(tray)
    tray.id_buttons["wangxiaoming"].click()
    assert heard[-1].kind is IdCardEventKind.LAID and heard[-1].identity.name == "王晓明"
    tray.id_buttons["foreign"].click()
    assert isinstance(heard[-1].error, IdCardUnsupported)
    tray.id_buttons["unreadable"].click()
    assert heard[-1].kind is IdCardEventKind.UNREADABLE
    assert not isinstance(heard[-1].error, IdCardUnsupported)
    tray.id_buttons["take"].click()
    assert heard[-1].kind is IdCardEventKind.TAKEN and id_reader.identity is None

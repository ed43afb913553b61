"""The kiosk's devices made from its settings: the card reader backend, the resident ID card
reader and the voucher printer.

Here, not in kiosk.app, so that a command (`kiosk diag selftest`) makes them exactly as the
kiosk does without loading Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drivers.idcard.base import IdCardReader
    from drivers.printers.base import Printer
    from drivers.readers.base import CardReaderBackend
    from kiosk.config import Settings


def make_reader_backend(settings: Settings) -> CardReaderBackend:
    if settings.reader == "mock":
        from drivers.readers.mock import MockReaderBackend

        return MockReaderBackend()
    from drivers.readers.pcsc import PcscBackend

    return PcscBackend()


def make_idcard_reader(settings: Settings) -> IdCardReader | None:
    """The resident ID card reader (`idcard_reader`): the serial one on `idcard_port`, the
    in-process mock (the demo; drivers.idcard.mock.MockIdCardReader, which the demo tray lays
    ID cards on), or None when the kiosk has none. Not started: the caller starts and stops it."""
    if settings.idcard_reader == "serial":
        from drivers.idcard.serial import SerialIdCardReader

        return SerialIdCardReader(settings.idcard_port)
    if settings.idcard_reader == "mock":
        from drivers.idcard.mock import MockIdCardReader

        return MockIdCardReader()
    return None


def make_printer(settings: Settings, *, prepare: bool = True) -> Printer:
    """The voucher printer: the CUPS queue of the receipt printer, or (the demo) PDF files in
    `output_dir`; in demo mode the PDF printer takes faults from the demo tray (R6).
    `prepare`: make the PDF folder (private) as the kiosk does at start; a check passes False
    so that it looks at the folder as it is, and creates nothing."""
    if settings.printer == "cups":
        from drivers.printers.cups import CupsPrinter

        return CupsPrinter(settings.printer_queue, server=settings.printer_server or None)
    from drivers.printers.pdf import PdfPrinter

    if prepare:
        from kiosk.store.files import make_private_dir

        make_private_dir(settings.output_dir)
    printer = PdfPrinter(settings.output_dir)
    if settings.demo:
        from drivers.printers.faultable import FaultablePrinter

        return FaultablePrinter(printer)
    return printer

"""The demo tray: a small separate window, present only in demo mode, that inserts and removes
the demo cards in the mock reader as a citizen would at a real one, makes the demo printer
run out of paper or go offline, so that the printer-trouble path (R6) shows without hardware,
and holds the newest printed voucher under the QR scanner the demo does not have.

A developer's window, not a citizen's screen: its labels are bilingual literals, not tr(), and
it keeps one fixed size and look of its own. The kiosk's theme (kiosk.ui.theme) is applied to
the whole application and grows in large-text mode; the tray's own style sheet overrides every
size it sets, so turning large text on neither pushes the tray past the screen nor moves its
buttons under the pointer."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QLabel,
    QLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from drivers.idcard.base import IdCardUnsupported, IdIdentity, IdStatusError
from drivers.idcard.mock import MockIdCardReader
from drivers.printers.base import Printer
from drivers.printers.fake import Fault
from drivers.printers.faultable import FaultablePrinter
from drivers.printers.pdf import PdfPrinter
from drivers.readers.mock import MockReaderBackend
from drivers.simcard.image import demo_image_ids, load_image
from kiosk.domain.vouchers import normalize_voucher_number
from kiosk.ui.theme import FONT_FAMILIES, PALETTE

log = logging.getLogger(__name__)

# A printed voucher's PDF: its number first (kiosk.reports / drivers.printers.pdf name it so).
_VOUCHER_FILE = re.compile(r"([A-Z0-9]{1,12}-[0-9]{8}-[0-9]{6}-[0-9A-Z])-")

# The printer states the tray offers: (fault, label, what a screen reader says).
PRINTER_CHOICES = (
    (Fault.NONE, "正常 Ready", "Printer ready"),
    (Fault.NO_PAPER, "缺纸 Out of paper", "Printer out of paper"),
    (Fault.OFFLINE, "离线 Offline", "Printer offline"),
)


# Sizes in pixels, whatever the kiosk's text size: a widget's own style sheet wins over the
# application's, rule for rule, so each size the kiosk's sheet sets is set here too.
_FONT_PX = 17
_STYLE = f"""
* {{
    font-family: {", ".join(f'"{family}"' for family in FONT_FAMILIES)};
    font-size: {_FONT_PX}px;
    color: {PALETTE.text};
}}
QWidget#demoTray {{ background: {PALETTE.surface_alt}; }}
QLabel {{ font-weight: bold; color: {PALETTE.brand}; }}
QPushButton {{
    min-height: 44px;
    padding: 0px 14px;
    border: 1px solid {PALETTE.border};
    border-radius: 6px;
    background: {PALETTE.surface};
    font-weight: normal;
    text-align: left;
}}
QPushButton:pressed {{ background: {PALETTE.brand_soft}; }}
QPushButton:disabled {{ color: {PALETTE.disabled}; }}
QPushButton#removeCard {{
    min-height: 52px;
    font-weight: bold;
    color: {PALETTE.brand};
    text-align: center;
}}
QRadioButton {{ min-height: 34px; }}
QRadioButton::indicator {{ width: 20px; height: 20px; }}
"""


def output_folder(printer: Printer | None) -> Path | None:
    """The folder a PDF printer (faultable or not) writes into; None for any other printer."""
    if isinstance(printer, FaultablePrinter):
        printer = printer.inner
    return printer.folder if isinstance(printer, PdfPrinter) else None


def newest_voucher(folder: Path | None) -> str | None:
    """The number of the voucher printed last into `folder` (its PDF file names start with
    the number; statements are skipped); None when there is none."""
    if folder is None or not folder.is_dir():
        return None
    numbered = []
    for pdf in folder.glob("*.pdf"):
        match = _VOUCHER_FILE.match(pdf.name)
        number = normalize_voucher_number(match.group(1)) if match else None
        if number is not None:
            numbered.append((pdf.stat().st_mtime, pdf.name, number))
    return max(numbered)[2] if numbered else None


class DemoTray(QWidget):
    printer_changed = Signal(object)  # the Fault just chosen
    scanned = Signal(str)  # a voucher's QR code, as the scanner would type it

    def __init__(
        self,
        backend: MockReaderBackend,
        printer: Printer | None = None,
        *,
        voucher_code: Callable[[str], str] | None = None,
        id_reader: MockIdCardReader | None = None,
    ) -> None:
        """`id_reader`: the demo's mock resident ID card reader, whose ID cards are laid on
        and taken away here (none: the section is left out). `printer`: the kiosk's voucher
        printer; its faults can be chosen here when it is a
        FaultablePrinter, its folder opened when it writes PDF files. `voucher_code`: a
        voucher number's QR code (as the kiosk prints it), for the scan button."""
        super().__init__()
        self.setObjectName("demoTray")
        self.setWindowTitle("演示卡与打印机 Demo cards and printer")
        self.setStyleSheet(_STYLE)
        self._backend = backend
        self._printer = printer if isinstance(printer, FaultablePrinter) else None
        self._folder = output_folder(printer)
        self._voucher_code = voucher_code
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        layout = QVBoxLayout(self)
        # As big as its contents, no bigger and no smaller: the window cannot be stretched, and
        # its buttons stay where the pointer expects them.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        title = QLabel("演示卡 Demo cards")
        title.setObjectName("demoTrayTitle")
        layout.addWidget(title)
        self.buttons: dict[str, QPushButton] = {}
        for card_id in demo_image_ids():
            label = load_image(card_id).label
            button = QPushButton(f"{label.get('zh_CN', card_id)}  ·  {label.get('en', card_id)}")
            button.setObjectName(f"insert-{card_id}")
            button.setAccessibleName(f"Insert the demo card {card_id}")
            button.clicked.connect(lambda _=False, c=card_id: self.insert(c))
            layout.addWidget(button)
            self.buttons[card_id] = button
        self.remove_button = QPushButton("取出卡片 Remove card")
        self.remove_button.setObjectName("removeCard")
        self.remove_button.setAccessibleName("Remove the card")
        self.remove_button.clicked.connect(self.remove)
        layout.addSpacing(12)
        layout.addWidget(self.remove_button)
        self._id_reader = id_reader
        self.id_buttons: dict[str, QPushButton] = {}
        if id_reader is not None:
            layout.addSpacing(20)
            self._add_id_card_section(layout)
        layout.addSpacing(20)
        self._add_printer_section(layout)
        layout.addSpacing(20)
        scanner_title = QLabel("扫码器 Scanner")
        scanner_title.setObjectName("demoTrayScannerTitle")
        layout.addWidget(scanner_title)
        self.scan_button = QPushButton("扫描最新凭证 Scan the newest voucher")
        self.scan_button.setObjectName("scanNewestVoucher")
        self.scan_button.setAccessibleName("Hold the newest printed voucher under the scanner")
        self.scan_button.setEnabled(self._folder is not None and voucher_code is not None)
        self.scan_button.clicked.connect(self.scan_newest)
        layout.addWidget(self.scan_button)
        layout.addStretch(1)

    def _add_id_card_section(self, layout: QVBoxLayout) -> None:
        """The demo's resident ID cards: the demo cardholders' (same names and ID numbers as
        the demo cards) and the demo agent's, a kind the kiosk does not read, one that fails,
        and "take away". Two columns, to keep the tray short."""
        from drivers.idcard.identities import demo_identities

        title = QLabel("身份证 ID cards")
        title.setObjectName("demoTrayIdCardTitle")
        layout.addWidget(title)
        grid = QGridLayout()
        people = demo_identities()
        choices: list[tuple[str, str, Callable[[], None]]] = [
            (key, f"{identity.name}  ·  {key}", lambda i=identity: self.lay_id_card(i))
            for key, identity in people.items()
        ]
        anyone = next(iter(people.values()))
        choices += [
            ("foreign", "外国人永居证  ·  Foreigner's",
             lambda: self.lay_id_card(anyone, unsupported=True)),
            ("unreadable", "读不出的身份证  ·  Unreadable", lambda: self.lay_id_card(
                anyone, unreadable=True)),
            ("take", "拿走身份证  ·  Take away", self.take_id_card),
        ]  # fmt: skip
        for i, (key, text, action) in enumerate(choices):
            button = QPushButton(text)
            button.setObjectName(f"idcard-{key}")
            button.setAccessibleName(f"ID card {key}")
            button.clicked.connect(lambda _=False, a=action: a())
            grid.addWidget(button, i // 2, i % 2)
            self.id_buttons[key] = button
        layout.addLayout(grid)

    def lay_id_card(
        self, identity: IdIdentity, *, unsupported: bool = False, unreadable: bool = False
    ) -> None:
        """Lay an ID card on the mock reader (the one there is taken away first)."""
        if self._id_reader is None:
            return
        if unsupported:
            self._id_reader.fail_next(
                IdCardUnsupported("this kind of ID card is not supported here")
            )
        elif unreadable:
            self._id_reader.fail_next(IdStatusError(0x41, "read failed"))
        self._id_reader.lay(identity)

    def take_id_card(self) -> None:
        if self._id_reader is not None:
            self._id_reader.take()

    def _add_printer_section(self, layout: QVBoxLayout) -> None:
        title = QLabel("打印机 Printer")
        title.setObjectName("demoTrayPrinterTitle")
        layout.addWidget(title)
        self.printer_group = QButtonGroup(self)  # exclusive: one state at a time
        self.printer_buttons: dict[Fault, QRadioButton] = {}
        current = self._printer.fault if self._printer else Fault.NONE
        for fault, text, spoken in PRINTER_CHOICES:
            button = QRadioButton(text)
            button.setObjectName(f"printer-{fault.value}")
            button.setAccessibleName(spoken)
            button.setChecked(fault is current)
            button.setEnabled(self._printer is not None)
            if self._printer is None:
                button.setToolTip("这台打印机不能模拟故障 This printer cannot simulate faults")
            button.toggled.connect(lambda on, f=fault: self._choose(f) if on else None)
            self.printer_group.addButton(button)
            layout.addWidget(button)
            self.printer_buttons[fault] = button
        self.open_folder_button = QPushButton("打开输出文件夹 Open printed files")
        self.open_folder_button.setObjectName("openPrintedFiles")
        self.open_folder_button.setAccessibleName("Open the folder of printed files")
        self.open_folder_button.setEnabled(self._folder is not None)
        self.open_folder_button.setToolTip(
            str(self._folder)
            if self._folder is not None
            else "只有 PDF 打印机写文件 Only the PDF printer writes files"
        )
        self.open_folder_button.clicked.connect(self.open_folder)
        layout.addSpacing(8)
        layout.addWidget(self.open_folder_button)

    @property
    def printer_fault(self) -> Fault | None:
        """The fault the demo printer has now; None when the printer takes no faults."""
        return self._printer.fault if self._printer else None

    def _choose(self, fault: Fault) -> None:
        if self._printer is None or self._printer.fault is fault:
            return
        self._printer.fault = fault
        log.info("demo.printer fault=%s", fault.value)
        self.printer_changed.emit(fault)

    def open_folder(self) -> None:
        if self._folder is not None:
            self.open_url(QUrl.fromLocalFile(str(self._folder)))

    def scan_newest(self) -> None:
        """The newest printed voucher under the scanner (on a lookup screen, it is looked up)."""
        number = newest_voucher(self._folder)
        if number is None or self._voucher_code is None:
            log.info("demo.scan nothing_printed")
            return
        self.scanned.emit(self._voucher_code(number))

    def insert(self, card_id: str) -> None:
        self._backend.insert(card_id)

    def remove(self) -> None:
        self._backend.remove()

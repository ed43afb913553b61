"""A QR code drawn on screen, for the voucher code when the voucher could not be printed (R6):
staff scan it off the screen or off the citizen's photo of it. The modules come from ReportLab's
encoder (the one the printed voucher uses, kiosk/reports/layout.py draw_qr), error correction M,
and are painted whole pixels wide, black on white, with a quiet zone of 4 modules, so a phone
camera or a counter scanner reads it."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget
from reportlab.graphics.barcode import qrencoder

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


def qr_matrix(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The code's modules, row by row (True: dark)."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.make()
    n = code.getModuleCount()
    return tuple(tuple(bool(code.isDark(row, col)) for col in range(n)) for row in range(n))


class QrCode(QWidget):
    """Shows `set_payload(text)` as a QR code filling the widget's square; nothing when
    cleared. The payload is not shown as text (the screen shows the voucher number itself)."""

    def __init__(
        self, object_name: str = "qrCode", *, side: int = 240, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedSize(side, side)
        self._payload: str | None = None
        self._matrix: tuple[tuple[bool, ...], ...] = ()
        self._module: int | None = None  # set_module_size: the side follows the code

    @property
    def payload(self) -> str | None:
        return self._payload

    @property
    def matrix(self) -> tuple[tuple[bool, ...], ...]:
        return self._matrix

    def set_payload(self, payload: str | None) -> None:
        if payload == self._payload:
            return
        self._payload = payload or None
        self._matrix = qr_matrix(payload) if payload else ()
        self._fit()
        self.update()

    def clear(self) -> None:
        self.set_payload(None)

    def set_module_size(self, pixels: int) -> None:
        """Draw each module `pixels` wide; the widget's side follows the code (quiet zone
        included), so no space is wasted around it."""
        self._module = max(1, pixels)
        self._fit()

    def _fit(self) -> None:
        if self._module is not None and self._matrix:
            side = self._module * (len(self._matrix) + 2 * QUIET_ZONE)
            self.setFixedSize(side, side)

    def sizeHint(self) -> QSize:
        return self.size()

    def module_size(self) -> int:
        """Whole pixels per module: blurred edges between modules make scanning harder."""
        n = len(self._matrix)
        if not n:
            return 0
        return max(1, min(self.width(), self.height()) // (n + 2 * QUIET_ZONE))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        n = len(self._matrix)
        if n:
            unit = self.module_size()
            side = unit * n
            left = (self.width() - side) // 2
            top = (self.height() - side) // 2
            black = QColor("#000000")
            for row, cells in enumerate(self._matrix):
                col = 0
                while col < n:
                    if cells[col]:
                        start = col
                        while col < n and cells[col]:
                            col += 1
                        painter.fillRect(
                            QRect(
                                left + start * unit, top + row * unit, (col - start) * unit, unit
                            ),
                            black,
                        )
                    else:
                        col += 1
        painter.end()

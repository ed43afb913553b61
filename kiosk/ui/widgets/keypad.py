"""The on-screen PIN keypad: digits 0-9 in the fixed order of a bank's PIN pad, Delete, Clear
and OK (enabled at six digits), with the digits entered shown as dots only.

The digits live in one fixed-size bytearray and nowhere else: never in a label, a property or
a str. `take_pin()` hands that buffer over (the card service wipes it after VERIFY) and the
keypad starts a fresh one; `clear()` zeroes it in place.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.theme import PALETTE, SPACING
from kiosk.ui.widgets.buttons import KioskButton

PIN_LENGTH = 6
_DIGIT_KEYS = {getattr(Qt.Key, f"Key_{d}"): d for d in range(10)}


class PinDots(QWidget):
    """Six circles, filled for each digit entered; shows how many, never which."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinDots")
        self._count = 0
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_count(self, count: int) -> None:
        self._count = count
        self.update()

    @property
    def count(self) -> int:
        return self._count

    def _diameter(self) -> int:
        return max(28, round(self.fontMetrics().height() * 0.95))

    def sizeHint(self) -> QSize:
        d = self._diameter()
        return QSize(PIN_LENGTH * d + (PIN_LENGTH - 1) * d // 2 + 8, d + 16)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        d = self._diameter()
        gap = d // 2
        total = PIN_LENGTH * d + (PIN_LENGTH - 1) * gap
        x = (self.width() - total) / 2
        y = (self.height() - d) / 2
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for i in range(PIN_LENGTH):
            rect = QRectF(x + i * (d + gap), y, d, d).adjusted(2, 2, -2, -2)
            filled = i < self._count
            painter.setPen(QPen(QColor(PALETTE.brand if filled else PALETTE.disabled), 3))
            painter.setBrush(QColor(PALETTE.brand) if filled else QColor(PALETTE.surface))
            painter.drawEllipse(rect)
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
        super().changeEvent(event)


class Keypad(QWidget):
    pin_complete = Signal(object)  # bytearray of six ASCII digits, handed over

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keypad")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._buffer = bytearray(PIN_LENGTH)
        self._count = 0

        self.dots = PinDots(self)
        self.digit_keys: dict[int, KioskButton] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(SPACING.m)
        grid.setVerticalSpacing(SPACING.s + 2)
        for digit in range(10):
            key = KioskButton(f"key{digit}", kind="key", parent=self)
            key.set_text(str(digit))
            key.setMinimumWidth(112)
            key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            key.clicked.connect(lambda _=False, d=digit: self.press(d))
            self.digit_keys[digit] = key
        for digit in range(1, 10):
            grid.addWidget(self.digit_keys[digit], (digit - 1) // 3, (digit - 1) % 3)
        self.clear_key = KioskButton("keyClear", kind="keyAction", parent=self)
        self.delete_key = KioskButton(
            "keyDelete", kind="keyAction", icon_name="delete", parent=self
        )
        self.ok_key = KioskButton("keyOk", kind="primary", icon_name="check", parent=self)
        for key in (self.clear_key, self.delete_key, self.ok_key):
            key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        grid.addWidget(self.clear_key, 3, 0)
        grid.addWidget(self.digit_keys[0], 3, 1)
        grid.addWidget(self.delete_key, 3, 2)
        grid.addWidget(self.ok_key, 4, 0, 1, 3)
        self.clear_key.clicked.connect(self.clear)
        self.delete_key.clicked.connect(self.delete)
        self.ok_key.clicked.connect(self.submit)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING.s + 4)
        layout.addWidget(self.dots)
        layout.addLayout(grid)
        self._refresh()
        self.retranslate()

    # The buffer --------------------------------------------------------------------------------

    @property
    def length(self) -> int:
        """How many digits are entered."""
        return self._count

    def press(self, digit: int) -> None:
        if not self.isEnabled() or self._count >= PIN_LENGTH or not 0 <= digit <= 9:
            return
        self._buffer[self._count] = 0x30 + digit
        self._count += 1
        self._refresh()

    def delete(self) -> None:
        if self._count:
            self._count -= 1
            self._buffer[self._count] = 0
            self._refresh()

    def clear(self) -> None:
        """Zero the digits in place and start again."""
        self._buffer[:] = bytes(PIN_LENGTH)
        self._count = 0
        self._refresh()

    def take_pin(self) -> bytearray:
        """Hand the digits over as a bytearray (the caller wipes it when done) and leave the
        keypad empty, with a fresh buffer of its own."""
        if self._count == PIN_LENGTH:
            pin, self._buffer = self._buffer, bytearray(PIN_LENGTH)
        else:
            pin = bytearray(memoryview(self._buffer)[: self._count])
            self._buffer[:] = bytes(PIN_LENGTH)
        self._count = 0
        self._refresh()
        return pin

    def submit(self) -> None:
        """OK: with six digits, hand them over through `pin_complete`."""
        if self._count == PIN_LENGTH and self.isEnabled():
            self.pin_complete.emit(self.take_pin())

    def _refresh(self) -> None:
        self.dots.set_count(self._count)
        self.ok_key.setEnabled(self._count == PIN_LENGTH)
        self.delete_key.setEnabled(self._count > 0)
        self.clear_key.setEnabled(self._count > 0)
        for key in self.digit_keys.values():
            key.setEnabled(self._count < PIN_LENGTH)
        self.dots.setAccessibleName(
            self.tr("{count} of {total} digits entered").format(count=self._count, total=PIN_LENGTH)
        )

    # Texts, keys -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.clear_key.set_text(self.tr("Clear"), self.tr("Clear all digits"))
        self.delete_key.set_text(self.tr("Delete"), self.tr("Delete the last digit"))
        self.ok_key.set_text(self.tr("OK"), self.tr("Confirm PIN"))
        self.setAccessibleName(self.tr("PIN keypad"))
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.EnabledChange:
            self._refresh()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in _DIGIT_KEYS:
            self.press(_DIGIT_KEYS[key])
        elif key == Qt.Key.Key_Backspace:
            self.delete()
        elif key == Qt.Key.Key_Delete:
            self.clear()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

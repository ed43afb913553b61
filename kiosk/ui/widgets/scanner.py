"""The QR / barcode scanner of the terminal, which types what it reads like a keyboard (a
"keyboard wedge": the characters, then Enter).

While a `ScannerInput` is active it listens to every key typed in the application and emits
each line ended by Enter as `scanned`; the keys it takes never reach the widget that has the
focus. A pause longer than `gap_seconds` starts a new line, so stray keys typed long before a
scan do not spoil it, and a line is cut at `max_length` characters: a scanner typing an endless
stream cannot grow it without bound.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ScannerInput(QObject):
    scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_length: int = 1024,  # a voucher's SSK2 code is ~250 characters
        gap_seconds: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._max_length = max_length
        self._gap = gap_seconds
        self._clock = clock
        self._buffer: list[str] = []
        self._last_key = 0.0
        self._active = False

    @property
    def active(self) -> bool:
        return self._active

    def set_active(self, active: bool) -> None:
        """Listen (True) or stop listening; either way, what was typed so far is dropped."""
        app = QApplication.instance()
        self._buffer.clear()
        if active == self._active or app is None:
            self._active = active and app is not None
            return
        if active:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._active = active

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not self._active:
            return False
        key_event: QKeyEvent = event  # type: ignore[assignment]
        now = self._clock()
        if now - self._last_key > self._gap:
            self._buffer.clear()
        self._last_key = now
        if key_event.key() in _ENTER:
            # Not strip(): a space is a Base45 digit, and may end a voucher's SSK2 code.
            line = "".join(self._buffer).lstrip()
            self._buffer.clear()
            if line:
                self.scanned.emit(line)
            return True
        text = key_event.text()
        if text and text.isprintable():
            if len(self._buffer) < self._max_length:
                self._buffer.append(text)
            return True
        return False


def type_as_scanner(target: QObject, code: str) -> None:
    """What the terminal's scanner does on reading `code`: type it, then Enter, as key events
    to `target` (the kiosk window). For the demo tray and the tour, which have no scanner."""
    for ch in code:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.postEvent(target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.postEvent(
            target, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
        )

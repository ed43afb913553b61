"""The hidden service entry (PRODUCT.md: not discoverable by a citizen): an invisible square in
a corner of the attract screen that says `long_pressed` when a finger (or the mouse) stays on
it for HOLD_MS. A tap, a swipe out of it or a shorter press does nothing, and nothing on
screen hints at it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

HOLD_MS = 3000
SIZE = 96  # px: reachable with a thumb, too small to be hit by chance


class HotCorner(QWidget):
    long_pressed = Signal()

    def __init__(self, parent: QWidget, *, hold_ms: int = HOLD_MS) -> None:
        super().__init__(parent)
        self.setObjectName("serviceCorner")
        self.setFixedSize(SIZE, SIZE)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._timer.timeout.connect(self.long_pressed)
        parent.installEventFilter(self)
        self.move(0, 0)
        self.raise_()

    @property
    def holding(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.move(0, 0)  # stays in the top-left corner, above the screen's layout
            self.raise_()
        return False

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self._timer.start()
            event.accept()
            return True
        if kind in (
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.TouchEnd,
            QEvent.Type.TouchCancel,
            QEvent.Type.Hide,
        ):
            self._timer.stop()
        elif (
            kind == QEvent.Type.MouseMove
            and isinstance(event, QMouseEvent)
            and not self.rect().contains(event.position().toPoint())
        ):
            self._timer.stop()  # slid out of the corner: not a long press
        return super().event(event)

    def cancel(self) -> None:
        self._timer.stop()

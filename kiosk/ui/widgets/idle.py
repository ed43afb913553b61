"""The "need more time?" overlay (PRODUCT.md flow 9): a dimmed cover over the whole window with
a dialog, a big countdown and two buttons. It is a child widget, not an OS window, so nothing
can slip behind it; it owns no timer: the controller calls `set_remaining` every second."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import IconBadge, make_label

_SCRIM = QColor(7, 30, 43, 170)


class IdleOverlay(QWidget):
    more_time = Signal()
    end_session = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("idleOverlay")
        # Eat every tap outside the dialog: the overlay is modal within the window.
        self.setAttribute(Qt.WidgetAttribute.WA_NoMousePropagation)
        self._remaining = 15

        self.dialog = QFrame(self)
        self.dialog.setObjectName("idleDialog")
        self.dialog.setMaximumWidth(900)
        self.dialog.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        body = QVBoxLayout(self.dialog)
        body.setContentsMargins(SPACING.xxl, SPACING.xl, SPACING.xxl, SPACING.xl)
        body.setSpacing(SPACING.m)
        self.badge = IconBadge(96, self.dialog)
        self.badge.set_icon("clock", "info")
        self.title = make_label(
            "title", object_name="idleTitle", align=Qt.AlignmentFlag.AlignCenter
        )
        self.countdown = make_label(
            "countdown", object_name="idleCountdown", wrap=False, align=Qt.AlignmentFlag.AlignCenter
        )
        self.message = make_label(
            "lead", object_name="idleMessage", align=Qt.AlignmentFlag.AlignCenter
        )
        self.more_button = KioskButton("idleMoreTime", kind="primary", icon_name="clock")
        self.end_button = KioskButton("idleEnd", kind="secondary")
        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING.l)
        buttons.addWidget(self.end_button, 2)
        buttons.addWidget(self.more_button, 3)
        body.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignHCenter)
        body.addWidget(self.title)
        body.addWidget(self.countdown)
        body.addWidget(self.message)
        body.addSpacing(SPACING.m)
        body.addLayout(buttons)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(SPACING.xl, SPACING.xl, SPACING.xl, SPACING.xl)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.dialog, 100)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)

        self.more_button.clicked.connect(self.more_time)
        self.end_button.clicked.connect(self.end_session)
        self.retranslate()

    @property
    def remaining(self) -> int:
        return self._remaining

    def set_remaining(self, seconds: int) -> None:
        self._remaining = max(0, int(seconds))
        self.countdown.setText(str(self._remaining))
        self.countdown.setAccessibleName(self._message_text())
        self.message.setText(self._message_text())

    def _message_text(self) -> str:
        return self.tr(
            "To protect your information, this session will end in {seconds} seconds."
        ).format(seconds=self._remaining)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Do you need more time?"))
        self.more_button.set_text(self.tr("Yes, I need more time"))
        self.end_button.set_text(self.tr("End"), self.tr("End the session"))
        self.setAccessibleName(self.title.text())
        self.set_remaining(self._remaining)

    def showEvent(self, event: QEvent) -> None:
        if self.parentWidget() is not None:
            self.setGeometry(self.parentWidget().rect())
        self.raise_()
        super().showEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), _SCRIM)
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

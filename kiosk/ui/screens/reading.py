"""The reading screen (PRODUCT.md flow 2): a calm busy indicator while the card is read, and
the one thing the citizen must not do now."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.animation import BusyIndicator
from kiosk.ui.widgets.parts import Notice, centred_column, make_label


class ReadingScreen(Screen):
    name = "reading"
    home_allowed = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = centred_column(self)
        self.busy = BusyIndicator(132, self)
        self.title = make_label(
            "display", object_name="readingTitle", align=Qt.AlignmentFlag.AlignCenter
        )
        self.notice = Notice("readingNotice", self)
        self.notice.set_tone("warn")
        # One short line: centred, a wrapping label would be given too little height.
        self.notice.text.setWordWrap(False)

        column.addStretch(1)
        column.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addSpacing(8)
        column.addWidget(self.title)
        column.addSpacing(8)
        column.addWidget(self.notice, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
        self.retranslate()

    def set_animated(self, on: bool) -> None:
        self.busy.set_animated(on)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Reading your card…"))
        self.notice.set_text(self.tr("Please do not remove your card."))

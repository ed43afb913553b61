"""A date set with − and + (a kiosk has no keyboard, and a calendar pop-up is small for a
finger): the date between two large buttons, each a day earlier or later, greyed out at the
ends of the allowed range. The date itself belongs to the flow: the stepper says `stepped(-1)`
or `stepped(+1)` and shows what the flow's view then holds."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.i18n import format_date
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import make_label


class DateStepper(QFrame):
    stepped = Signal(int)  # days: -1 or +1

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.caption = make_label("fieldLabel", object_name=f"{object_name}Caption")
        self.earlier = KioskButton(f"{object_name}Earlier", kind="arrow")
        self.later = KioskButton(f"{object_name}Later", kind="arrow")
        self.value = make_label(
            "fieldValue", object_name=f"{object_name}Value", wrap=False, align=Qt.AlignCenter
        )
        for button, text in ((self.earlier, "−"), (self.later, "+")):
            button.setText(text)
            button.setMinimumWidth(SPACING.touch)
        self.earlier.clicked.connect(lambda: self.stepped.emit(-1))
        self.later.clicked.connect(lambda: self.stepped.emit(+1))
        row = QHBoxLayout()
        row.setSpacing(SPACING.s)
        row.addWidget(self.earlier, 0)
        row.addWidget(self.value, 1)
        row.addWidget(self.later, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING.xs + 2)
        layout.addWidget(self.caption)
        layout.addLayout(row)
        self._day: dt.date | None = None
        self.retranslate()

    def show_date(self, day: dt.date | None, *, earliest: dt.date, latest: dt.date) -> None:
        """Show `day` (None: not known yet), with − and + only where they stay in range."""
        self._day = day
        self.value.setText(format_date(day))
        self.earlier.setEnabled(day is not None and day > earliest)
        self.later.setEnabled(day is not None and day < latest)
        self.setAccessibleDescription(self.value.text())

    def set_caption(self, text: str) -> None:
        self.caption.setText(text)
        self.setAccessibleName(text)

    def retranslate(self) -> None:
        self.earlier.setAccessibleName(self.tr("One day earlier"))
        self.later.setAccessibleName(self.tr("One day later"))
        self.value.setText(format_date(self._day))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

"""The card summary (PRODUCT.md flow 2): the masked values of the card and its status from the
back end, and two ways on, each asking for the PIN next: view my records, or replace a damaged
card (flow 7). Everything shown here
is masked already (CardSummary holds nothing else), since anyone nearby can read it (S2)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.domain.session import CardSummary
from kiosk.ui.i18n import format_date
from kiosk.ui.screens.base import Screen
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import (
    Card,
    card_status_pill,
    centred_column,
    divider,
    make_label,
    make_pill,
    set_tone,
)
from kiosk.ui.widgets.stepbar import StepBar

_FIELDS = ("name", "ssn", "card_number", "issue_date", "expiry_date")


class SummaryScreen(Screen):
    name = "summary"
    home_allowed = True

    view_records_clicked = Signal()
    replace_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._summary: CardSummary | None = None
        self._busy = False
        column = centred_column(self)
        self.step_bar = StepBar(current=0, parent=self)

        self.card = Card("summaryCard")
        heading_row = QHBoxLayout()
        self.title = make_label("title", object_name="summaryTitle")
        self.status_pill = make_pill("summaryStatus")
        heading_row.addWidget(self.title, 1)
        heading_row.addWidget(self.status_pill, 0, Qt.AlignmentFlag.AlignVCenter)
        self.card.body.addLayout(heading_row)
        self.card.body.addWidget(divider())

        grid = QGridLayout()
        grid.setHorizontalSpacing(SPACING.xxl)
        grid.setVerticalSpacing(SPACING.l)
        self.field_labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        places = {
            "name": (0, 0),
            "ssn": (0, 1),
            "card_number": (1, 0),
            "issue_date": (2, 0),
            "expiry_date": (2, 1),
        }
        for key in _FIELDS:
            cell = QVBoxLayout()
            cell.setSpacing(2)
            label = make_label("fieldLabel", object_name=f"summaryLabel_{key}")
            value = make_label("fieldValue", object_name=f"summaryValue_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            cell.addWidget(label)
            cell.addWidget(value)
            row, col = places[key]
            grid.addLayout(cell, row, col)
            self.field_labels[key] = label
            self.values[key] = value
        # The card's own action sits in the free cell beside its number (flow 7).
        self.replace_button = KioskButton("replaceCardButton", kind="secondary", icon_name="card")
        grid.addWidget(
            self.replace_button, 1, 1, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.card.body.addLayout(grid)

        self.pin_hint = make_label("muted", object_name="summaryPinHint")
        self.take_card_note = make_label("muted", object_name="summaryTakeCard")
        self.view_records_button = KioskButton(
            "viewRecordsButton", kind="primary", icon_name="lock"
        )
        self.view_records_button.setMinimumWidth(380)
        action_row = QHBoxLayout()
        action_row.setSpacing(SPACING.xl)
        notes = QVBoxLayout()
        notes.setSpacing(SPACING.xs)
        notes.addWidget(self.pin_hint)
        notes.addWidget(self.take_card_note)
        action_row.addLayout(notes, 1)
        action_row.addWidget(self.view_records_button, 0, Qt.AlignmentFlag.AlignVCenter)

        column.addWidget(self.step_bar)
        column.addStretch(1)
        column.addWidget(self.card)
        column.addStretch(1)
        column.addLayout(action_row)
        column.addStretch(1)

        self.view_records_button.clicked.connect(self.view_records_clicked)
        self.replace_button.clicked.connect(self.replace_clicked)
        self.retranslate()

    @property
    def summary(self) -> CardSummary | None:
        return self._summary

    def show_summary(self, summary: CardSummary) -> None:
        self._summary = summary
        self._render()

    def set_busy(self, busy: bool) -> None:
        """While the card is asked for its tries left: no second tap, and say so."""
        self._busy = busy
        self.view_records_button.setEnabled(not busy)
        self.replace_button.setEnabled(not busy)
        self._render_button()

    def _render_button(self) -> None:
        if self._busy:
            self.view_records_button.set_text(self.tr("Please wait…"))
        else:
            self.view_records_button.set_text(self.tr("View my records"))
        self.replace_button.set_text(self.tr("Replace a damaged card"))

    def _render(self) -> None:
        s = self._summary
        values = {
            "name": s.masked_name if s else "",
            "ssn": s.masked_ssn if s else "",
            "card_number": s.masked_card_number if s else "",
            "issue_date": format_date(s.issue_date) if s else "",
            "expiry_date": format_date(s.expiry_date) if s else "",
        }
        for key, text in values.items():
            self.values[key].setText(text)
        word, tone = self._status(s)
        self.status_pill.setText(word)
        self.status_pill.setVisible(bool(word))
        set_tone(self.status_pill, tone)
        self.status_pill.setAccessibleName(
            self.tr("Card status: {status}").format(status=word) if word else ""
        )

    def _status(self, s: CardSummary | None) -> tuple[str, str]:
        if s is None:
            return "", ""
        if s.expired:
            return self.tr("Expired"), "error"
        if s.status is None:
            return self.tr("Not on record"), "neutral"
        return card_status_pill(s.status)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Your social security card"))
        names = {
            "name": self.tr("Name"),
            "ssn": self.tr("Social security number"),
            "card_number": self.tr("Card number"),
            "issue_date": self.tr("Issued on"),
            "expiry_date": self.tr("Valid until"),
        }
        for key, text in names.items():
            self.field_labels[key].setText(text)
            self.values[key].setAccessibleName(text)
        self.pin_hint.setText(self.tr("Next, you will enter your card's 6-digit PIN."))
        self.take_card_note.setText(self.tr("Please take your card with you when you are done."))
        self._render_button()
        self._render()

    def wipe(self) -> None:
        super().wipe()
        self._summary = None
        self._busy = False
        self.view_records_button.setEnabled(True)
        self.replace_button.setEnabled(True)
        self._render_button()
        self._render()

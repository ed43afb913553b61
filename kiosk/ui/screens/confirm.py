"""The last step before anything is recorded: the business in a sentence, what it does to the
card, a warning when the printer is not ready (R6: the citizen may still go ahead), and the big
Confirm button, which says "Submitting…" and takes no second tap while the submit runs (R4).

The Confirm button sits under the statement, in the middle of the page, not at the foot where
every other page has its primary button: a second tap meant for the review's "All correct"
must find nothing to press here (R9; the window's tap guard swallows it too)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.flows.business import BStep
from kiosk.ui.screens.business_parts import Business, BusinessScreen, business_of
from kiosk.ui.screens.review import consequence, consequence_tone
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import Card, IconBadge, Notice, make_label, set_tone

_ICONS = {
    Business.TEMPORARY: "lock",
    Business.FINAL: "card-alert",
    Business.CANCEL: "check-circle",
    Business.DAMAGED: "card",
}


class ConfirmScreen(BusinessScreen):
    name = BStep.CONFIRM.value

    confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = Card("confirmCard", margins=SPACING.l)
        top = QHBoxLayout()
        top.setSpacing(SPACING.l)
        self.badge = IconBadge(80)
        text = QVBoxLayout()
        text.setSpacing(SPACING.xs)
        self.person = make_label("fieldValue", object_name="confirmPerson")
        self.effect = make_label("lead", object_name="confirmEffect")
        text.addWidget(self.person)
        text.addWidget(self.effect)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(text, 1)
        self.card.body.addLayout(top)

        self.printer_notice = Notice("confirmPrinterWarning")
        self.printer_notice.set_tone("warn", "printer")
        self.printer_notice.hide()
        self.confirm_button = KioskButton("confirmButton", kind="primary", icon_name="check")
        self.confirm_button.setProperty("emphasis", "big")
        self.confirm_button.setMinimumWidth(420)
        self.confirm_button.clicked.connect(self._on_confirm)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(self.confirm_button)
        centred.addStretch(1)

        self.body.addWidget(self.card)
        self.body.addWidget(self.printer_notice)
        self.body.addSpacing(SPACING.l)
        self.body.addLayout(centred)
        self.body.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.guidance.setText(
            self.tr("Nothing is recorded until you tap Confirm. To change something, tap Back.")
        )
        self.printer_notice.set_text(
            self.tr(
                "The printer is not ready (out of paper / offline). You can still go ahead: your "
                "voucher number will be shown on screen and you can reprint the voucher later at "
                "this kiosk or at a counter."
            )
        )
        self._render()

    def title_for(self, business: Business | None) -> str:
        titles = {
            Business.TEMPORARY: self.tr("Confirm your temporary loss report"),
            Business.FINAL: self.tr("Confirm your loss report and new card"),
            Business.CANCEL: self.tr("Confirm cancelling the loss report"),
            Business.DAMAGED: self.tr("Confirm your new card application"),
        }
        return titles.get(business, self.tr("Confirm")) if business else self.tr("Confirm")

    def _render(self) -> None:
        view = self._view
        business = business_of(view) if view else None
        self.title.setText(self.title_for(business))
        effect = consequence(business)
        self.effect.setText(effect)
        self.effect.setVisible(bool(effect))
        tone = consequence_tone(business)
        set_tone(self.effect, "error" if tone == "error" else "")
        if business is not None:
            self.badge.set_icon(_ICONS[business], tone)
        else:
            self.badge.clear()
        person = view.identified if view else None
        self.person.setText(
            self.tr("For {name}, ID number {ssn}").format(
                name=person.masked_name, ssn=person.masked_ssn
            )
            if person
            else ""
        )
        self.person.setVisible(person is not None)
        printer = view.printer if view else None
        self.printer_notice.setVisible(printer is not None and not printer.ready)
        busy = bool(view and view.busy)
        self.confirm_button.setEnabled(view is not None and not busy and view.receipt is None)
        self.confirm_button.set_text(self.tr("Submitting…") if busy else self.tr("Confirm"))
        self.note.setText(self.tr("Please wait, this takes a few seconds.") if busy else "")

    def _on_confirm(self) -> None:
        view = self._view
        if view is not None and not view.busy and view.receipt is None:
            self.confirmed.emit()

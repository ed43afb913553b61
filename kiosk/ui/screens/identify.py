"""Identify the cardholder without the card (PRODUCT.md flow 5): their ID number, checked digit
by digit as it is typed, and the mobile number registered with social security, both typed on
an on-screen number pad; and whether the person at the kiosk reports for someone else (an
agent, who gives their own details on the next step). A wrong pair says so plainly with the
attempts left, and never which of the two was wrong.

With a resident ID card reader (issue 15) the ID number comes from the ID card laid on it
(kiosk.ui.widgets.idcardpanel), shown masked and not editable; typing is the fallback."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.domain.business import Refusal
from kiosk.flows.business import BStep, BusinessView
from kiosk.ui.screens.business_parts import (
    IdNumberAndMobile,
    StepScreen,
    id_card_no_match_text,
    no_match_text,
    primary_button,
)
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.textpad import DIGITS, TextPad


class IdentifyScreen(StepScreen):
    name = BStep.IDENTIFY.value

    submitted = Signal(str, str, bool)  # ssn, mobile, as_agent
    type_instead = Signal()  # the ID card panel's way out to typing
    use_id_card = Signal()  # back from typing to the ID card
    clear_id_card = Signal()  # "use another ID card"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("identify", parent)

        self.pad = TextPad(DIGITS, object_name="identifyPad")
        self.id_form = IdNumberAndMobile("identify", self.pad, self)
        self.id_panel, self.id_field, self.use_card_button, self.mobile_field = self.id_form.widgets
        self.fields = self.id_form.fields
        self.agent_toggle = KioskButton(
            "identifyAgentToggle", kind="segment", icon_name="user", checkable=True
        )
        self.agent_toggle.setProperty("role", "toggle")

        form = QWidget()
        form_layout = QVBoxLayout(form)
        form_layout.setContentsMargins(0, 0, SPACING.s, 0)
        form_layout.setSpacing(SPACING.m)
        self.id_form.add_to(form_layout)
        form_layout.addSpacing(SPACING.xs)
        form_layout.addWidget(self.agent_toggle)
        form_layout.addStretch(1)

        self.next_button = primary_button("identifyNextButton", "chevron-right", arrow=True)
        self.add_form_beside_pad(form, "identifyScroll", self.pad, self.next_button)

        self.fields.changed.connect(self._render_button)
        for field in (self.id_field, self.mobile_field):
            field.submitted.connect(self.submit)
        self.next_button.clicked.connect(self.submit)
        self.agent_toggle.toggled.connect(self._render_toggle)
        self.id_form.forward(self.type_instead, self.use_id_card, self.clear_id_card)
        self.retranslate()

    # For the controller ------------------------------------------------------------------------

    @property
    def as_agent(self) -> bool:
        return self.agent_toggle.isChecked()

    def show_view(self, view: BusinessView) -> None:
        previous = self._view
        first = previous is None
        if view.identify_error is not None and not view.busy and (first or previous.busy):
            # The answer to this submit: neither number is confirmed any more, so neither
            # keeps its green tick beside a "do not match".
            self.fields.doubt_all()
        self._view = view
        self._busy = view.busy
        self.step_bar.show_view(view)
        if first:
            self.agent_toggle.setChecked(view.as_agent)
        for widget in (self.pad, self.agent_toggle, *self.id_form.widgets):
            widget.setEnabled(not view.busy)
        self.id_form.render(view)
        self._render_toggle()  # the lead says what to do: lay the ID card on, or type
        self._render_error()
        self._render_button()

    @property
    def complete(self) -> bool:
        """The ID number (read, or typed and right) and the mobile number are there."""
        return self.id_form.complete(self._view)

    def submit(self) -> None:
        """Next: hand on both numbers once both are right (a second tap while busy is lost).
        With an ID card read the flow takes its number, whatever the hidden field holds."""
        if self._busy or not self.complete:
            return
        self.submitted.emit(self.id_field.value, self.mobile_field.value, self.as_agent)

    # Texts ---------------------------------------------------------------------------------------

    def _render_button(self) -> None:
        self.next_button.setEnabled(self.complete and not self._busy)
        if self._busy:
            self.next_button.set_text(self.tr("Checking…"))
        else:
            self.next_button.set_text(self.tr("Next"))

    def _render_toggle(self) -> None:
        self.agent_toggle.set_icon_name("check" if self.as_agent else "user")
        self.agent_toggle.set_text(self.tr("I am reporting for someone else"))
        card_first = self._view is not None and self._view.id_card_first
        if card_first and self.as_agent:
            self.lead.setText(
                self.tr(
                    "Lay the cardholder's ID card on the reader and type their registered "
                    "mobile number. Yours comes next."
                )
            )
        elif card_first:
            self.lead.setText(
                self.tr(
                    "Lay your ID card on the reader, then type the mobile number registered "
                    "with social security."
                )
            )
        elif self.as_agent:
            self.lead.setText(
                self.tr(
                    "Type the cardholder's ID number and the mobile number they registered "
                    "with social security. Your own details come next."
                )
            )
        else:
            self.lead.setText(
                self.tr(
                    "Type the ID number and the mobile number registered with social security. "
                    "You do not need the card."
                )
            )

    def _render_error(self) -> None:
        view = self._view
        wrong = view is not None and view.identify_error is Refusal.NO_MATCH and not view.busy
        if not wrong:
            card_first = view is not None and view.id_card_first
            self.hide_error(
                longest=id_card_no_match_text(2, True) if card_first else no_match_text(2)
            )
            return
        assert view is not None
        tone = "warn" if view.attempts_left == 1 else "error"
        if view.holder_card is not None:
            # The ID number is right (read from the ID card): the card may be the wrong
            # person's. Still never which of the two does not match.
            self.show_error(id_card_no_match_text(view.attempts_left, view.as_agent), tone)
        else:
            self.show_error(no_match_text(view.attempts_left), tone)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Enter the cardholder's details"))
        self.id_field.set_caption(self.tr("Cardholder's ID number"))
        self.mobile_field.set_caption(self.tr("Registered mobile number"))
        self.use_card_button.set_text(self.tr("Use the ID card reader instead"))
        self.id_panel.retranslate()
        self._render_toggle()
        self._render_error()
        self._render_button()

    def wipe(self) -> None:
        super().wipe()
        self.id_form.wipe()
        self.agent_toggle.setChecked(False)
        for widget in (self.pad, self.agent_toggle, *self.id_form.widgets):
            widget.setEnabled(True)
        self._render_error()
        self._render_button()

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        self.id_form.activate(self._view)

"""The agent (代办) step of a loss report (PRODUCT.md flow 5): someone reporting for the
cardholder gives their own ID number (checked as typed, and not the cardholder's), their name
(tapping the name field lays the on-screen pinyin input over the screen,
kiosk.ui.widgets.namepad) and how they are related.

With a resident ID card reader (issue 15) the agent lays their own ID card on it instead: the
name and ID number come from it, shown masked and not editable; typing is the fallback. The
cardholder's ID card laid on here is refused (kiosk.flows.business)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QVBoxLayout, QWidget

from kiosk.domain.journal import Relationship
from kiosk.domain.pinyin_names import SHARED_INDEX
from kiosk.flows.business import BStep, BusinessView
from kiosk.ui.screens.business_parts import StepScreen, primary_button, relationship_words
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.fields import FieldGroup, IdNumberField
from kiosk.ui.widgets.idcardpanel import IdCardPanel
from kiosk.ui.widgets.namepad import NAME_MAX, NAME_MIN, NameField, NameInput, name_is_ok
from kiosk.ui.widgets.parts import make_label
from kiosk.ui.widgets.textpad import DIGITS, TextPad

RELATIONSHIPS = tuple(r.value for r in Relationship)
__all__ = ["NAME_MAX", "NAME_MIN", "RELATIONSHIPS", "AgentScreen"]


class AgentScreen(StepScreen):
    name = BStep.AGENT.value

    submitted = Signal(str, str, str)  # agent's ID number, name, relationship key
    type_instead = Signal()
    use_id_card = Signal()
    clear_id_card = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("agent", parent)
        self._relationship: str | None = None

        self.id_panel = IdCardPanel("agentIdCard", whose="agent")
        self.id_panel.hide()
        self.use_card_button = KioskButton(
            "agentUseIdCard", kind="secondary", icon_name="id-card-reader"
        )
        self.use_card_button.hide()
        self.id_field = IdNumberField("agentIdNumber")
        self.name_field = NameField("agentName")
        self.relationship_caption = make_label("fieldLabel", object_name="agentRelCaption")
        self.relationship_buttons: dict[str, KioskButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(SPACING.s)
        grid.setVerticalSpacing(SPACING.s)
        for i, key in enumerate(RELATIONSHIPS):
            button = KioskButton(f"agentRel_{key}", kind="segment", checkable=True)
            button.setProperty("role", "choice")
            button.clicked.connect(lambda _=False, k=key: self.select_relationship(k))
            self._group.addButton(button)
            self.relationship_buttons[key] = button
            grid.addWidget(button, i // 3, i % 3)

        form = QWidget()
        form_layout = QVBoxLayout(form)
        form_layout.setContentsMargins(0, 0, SPACING.s, 0)
        form_layout.setSpacing(SPACING.xs + 2)
        form_layout.addWidget(self.id_panel)
        form_layout.addWidget(self.id_field)
        form_layout.addWidget(self.use_card_button, 0, Qt.AlignmentFlag.AlignLeft)
        form_layout.addWidget(self.name_field)
        form_layout.addSpacing(SPACING.xs)
        form_layout.addWidget(self.relationship_caption)
        form_layout.addLayout(grid)
        form_layout.addStretch(1)

        self.pad = TextPad(DIGITS, object_name="agentPad")
        self.next_button = primary_button("agentNextButton", "chevron-right", arrow=True)
        self.add_form_beside_pad(form, "agentScroll", self.pad, self.next_button)

        # The name input lies over the whole screen while it is open (it needs the width).
        self.name_input = NameInput("agentNameInput", parent=self)
        self.name_input.hide()
        self.name_input.done.connect(self.close_name_input)

        # The name field belongs to the pad's group too: while it is the one typed into, the
        # pad refuses every key, so it greys out.
        self.fields = FieldGroup(self.pad, (self.id_field, self.name_field), self)
        self.fields.changed.connect(self._render_button)
        self.id_field.submitted.connect(self._to_name)
        self.name_field.tapped.connect(self.open_name_input)
        self.name_field.submitted.connect(self.submit)
        self.next_button.clicked.connect(self.submit)
        self.id_panel.type_instead.connect(self.type_instead)
        self.id_panel.clear_card.connect(self.clear_id_card)
        self.use_card_button.clicked.connect(self.use_id_card)
        self.retranslate()

    # For the controller ------------------------------------------------------------------------

    @property
    def relationship(self) -> str | None:
        return self._relationship

    @property
    def agent_name(self) -> str:
        return self.name_field.value

    @property
    def name_input_open(self) -> bool:
        return self.name_input.isVisibleTo(self)

    def open_name_input(self) -> None:
        """Lay the pinyin input over the screen, typing into the name field."""
        if self._busy or not self.name_field.isEnabled():
            return
        self.fields.activate(self.name_field)
        self.name_input.set_target(self.name_field)
        self.name_input.setGeometry(self.rect())
        self.name_input.raise_()
        self.name_input.show()

    def close_name_input(self) -> None:
        self.name_input.hide()
        self.name_input.wipe()
        self._render_button()

    def show_view(self, view: BusinessView) -> None:
        first = self._view is None
        self._view = view
        self._busy = view.busy
        self.step_bar.show_view(view)
        holder = view.identified.ssn if view.identified else None
        self.id_field.set_rule(self._not_the_holder(holder))
        if first and view.agent is not None and not self.id_field.text:
            # Back to this step: what was given before is still there.
            self.id_field.set_text(view.agent.id_number)
            self.name_field.set_text(view.agent.name)
            if view.agent.relationship in RELATIONSHIPS:
                self.select_relationship(view.agent.relationship)
        for widget in (
            self.pad,
            self.id_field,
            self.name_field,
            self.id_panel,
            self.use_card_button,
            *self.relationship_buttons.values(),
        ):
            widget.setEnabled(not view.busy)
        if view.busy:
            self.close_name_input()
        self._render_id_card()
        self._render_lead()
        self._render_button()

    @property
    def _card_first(self) -> bool:
        return self._view is not None and self._view.id_card_first

    def _render_id_card(self) -> None:
        """The ID card panel in place of the typed ID number and name while the ID card
        comes first; the way back to it while typing with a reader there."""
        view, card_first = self._view, self._card_first
        self.id_panel.setVisible(card_first)
        for widget in (self.id_field, self.name_field):
            widget.setVisible(not card_first)
        if card_first:
            self.close_name_input()
        self.use_card_button.setVisible(view is not None and view.id_reader and not card_first)
        # Nothing to type while the ID card gives the number and the name.
        self.pad.setEnabled(not card_first and not self._busy)
        if view is not None:
            self.id_panel.show_card(view.id_card, view.id_problem)

    def _not_the_holder(self, holder: str | None):  # type: ignore[no-untyped-def]
        def rule(text: str) -> str | None:
            if holder and text == holder.upper():
                return self.tr(
                    "This is the cardholder's ID number. Please enter your own ID number."
                )
            return None

        return rule

    def select_relationship(self, key: str) -> None:
        if key not in RELATIONSHIPS:
            raise ValueError(f"unknown relationship {key!r}")
        self._relationship = key
        self.relationship_buttons[key].setChecked(True)
        self._render_button()

    @property
    def name_ok(self) -> bool:
        return name_is_ok(self.agent_name)

    @property
    def complete(self) -> bool:
        """The agent's ID number and name (read, or typed and right) and the relationship."""
        if self._relationship is None:
            return False
        if self._card_first:
            return self._view is not None and self._view.id_card is not None
        return self.id_field.is_valid and self.name_ok

    def submit(self) -> None:
        if self._busy or not self.complete or self._relationship is None:
            return
        self.submitted.emit(self.id_field.value, self.agent_name, self._relationship)

    def _to_name(self) -> None:
        if self.id_field.is_valid:
            self.fields.activate(self.name_field, focus=True)

    # Texts ---------------------------------------------------------------------------------------

    def _render_button(self) -> None:
        self.next_button.setEnabled(self.complete and not self._busy)
        self.next_button.set_text(self.tr("Please wait…") if self._busy else self.tr("Next"))

    def _render_lead(self) -> None:
        who = self._view.identified.masked_name if self._view and self._view.identified else ""
        if who:
            self.lead.setText(
                self.tr("You are reporting for {name}. Please give your own details.").format(
                    name=who
                )
            )
        else:
            self.lead.setText(self.tr("Please give your own details."))

    def retranslate(self) -> None:
        self.title.setText(self.tr("About you, the person reporting"))
        self.id_field.set_caption(self.tr("Your ID number"))
        self.name_field.set_caption(self.tr("Your name"))
        self.name_field.set_placeholder(self.tr("Tap here to type your name"))
        self.relationship_caption.setText(self.tr("How are you related to the cardholder?"))
        self.use_card_button.set_text(self.tr("Use the ID card reader instead"))
        self.id_panel.retranslate()
        for key, button in self.relationship_buttons.items():
            button.set_text(relationship_words(key))
        self._render_lead()
        self._render_button()

    def wipe(self) -> None:
        super().wipe()
        self.fields.clear()
        self.id_field.set_rule(None)
        self.name_input.hide()
        self.name_input.set_target(None)
        self.name_input.wipe()
        self._relationship = None
        self._group.setExclusive(False)
        for button in self.relationship_buttons.values():
            button.setChecked(False)
            button.setEnabled(True)
        self._group.setExclusive(True)
        for widget in (
            self.pad,
            self.id_field,
            self.name_field,
            self.id_panel,
            self.use_card_button,
        ):
            widget.setEnabled(True)
        self.id_panel.wipe()
        self.id_panel.hide()
        self.use_card_button.hide()
        for widget in (self.id_field, self.name_field):
            widget.show()
        self._render_lead()
        self._render_button()

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        SHARED_INDEX.start()  # the name input's characters, ready before the name is tapped
        self.fields.activate_first_open()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.name_input.setGeometry(self.rect())

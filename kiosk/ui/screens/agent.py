"""The agent (代办) step of a loss report (PRODUCT.md flow 5): someone reporting for the
cardholder gives their own ID number (checked as typed, and not the cardholder's), their name
(typed with the system's input method or a keyboard) and how they are related.

With a resident ID card reader (issue 15) the agent lays their own ID card on it instead: the
name and ID number come from it, shown masked and not editable; typing is the fallback. The
cardholder's ID card laid on here is refused (kiosk.flows.business)."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.journal import Relationship
from kiosk.flows.business import BStep, BusinessView
from kiosk.ui.screens.business_parts import StepScreen, primary_button, relationship_words
from kiosk.ui.theme import SPACING, set_style_property
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.fields import FieldGroup, IdNumberField
from kiosk.ui.widgets.idcardpanel import IdCardPanel
from kiosk.ui.widgets.parts import make_label
from kiosk.ui.widgets.textpad import DIGITS, TextPad

RELATIONSHIPS = tuple(r.value for r in Relationship)
NAME_MIN, NAME_MAX = 2, 30
_NOT_IN_A_NAME = re.compile(r"[0-9０-９@#$%^&*_=+<>{}\[\]|\\/?!！？;；:：,，。\"“”]")


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
        self.name_caption = make_label("fieldLabel", object_name="agentNameCaption")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("agentName")
        self.name_edit.setProperty("role", "textEntry")
        self.name_edit.setMaxLength(NAME_MAX)
        self.name_edit.setInputMethodHints(Qt.InputMethodHint.ImhNoPredictiveText)
        self.name_hint = make_label("fieldHint", object_name="agentNameHint")
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
        form_layout.addWidget(self.name_caption)
        form_layout.addWidget(self.name_edit)
        form_layout.addWidget(self.name_hint)
        form_layout.addSpacing(SPACING.xs)
        form_layout.addWidget(self.relationship_caption)
        form_layout.addLayout(grid)
        form_layout.addStretch(1)

        self.pad = TextPad(DIGITS, object_name="agentPad")
        self.next_button = primary_button("agentNextButton", "chevron-right", arrow=True)
        self.add_form_beside_pad(form, "agentScroll", self.pad, self.next_button)

        self.fields = FieldGroup(self.pad, (self.id_field,), self)
        self.fields.changed.connect(self._render_button)
        self.id_field.submitted.connect(self._to_name)
        self.name_edit.textChanged.connect(self._render_name)
        self.name_edit.returnPressed.connect(self.submit)
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
        return " ".join(self.name_edit.text().split())

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
            self.name_edit.setText(view.agent.name)
            if view.agent.relationship in RELATIONSHIPS:
                self.select_relationship(view.agent.relationship)
        for widget in (
            self.pad,
            self.id_field,
            self.name_edit,
            self.id_panel,
            self.use_card_button,
            *self.relationship_buttons.values(),
        ):
            widget.setEnabled(not view.busy)
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
        for widget in (self.id_field, self.name_caption, self.name_edit):
            widget.setVisible(not card_first)
        self.name_hint.setVisible(not card_first and bool(self.name_hint.text()))
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
        name = self.agent_name
        return NAME_MIN <= len(name) <= NAME_MAX and not _NOT_IN_A_NAME.search(name)

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
            self.name_edit.setFocus()

    # Texts ---------------------------------------------------------------------------------------

    def _render_button(self) -> None:
        self.next_button.setEnabled(self.complete and not self._busy)
        self.next_button.set_text(self.tr("Please wait…") if self._busy else self.tr("Next"))

    def _render_name(self) -> None:
        wrong = bool(_NOT_IN_A_NAME.search(self.agent_name))
        self.name_hint.setText(self.tr("A name has no digits or symbols.") if wrong else "")
        self.name_hint.setVisible(wrong and not self._card_first)
        set_style_property(self.name_hint, "tone", "error" if wrong else "")
        set_style_property(self.name_edit, "tone", "error" if wrong else "")
        self.name_hint.setAccessibleName(self.name_hint.text())
        self._render_button()

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
        self.name_caption.setText(self.tr("Your name"))
        self.name_edit.setAccessibleName(self.tr("Your name"))
        self.name_edit.setPlaceholderText(self.tr("Tap here to type your name"))
        self.relationship_caption.setText(self.tr("How are you related to the cardholder?"))
        self.use_card_button.set_text(self.tr("Use the ID card reader instead"))
        self.id_panel.retranslate()
        for key, button in self.relationship_buttons.items():
            button.set_text(relationship_words(key))
        self._render_name()
        self._render_lead()
        self._render_button()

    def wipe(self) -> None:
        super().wipe()
        self.fields.clear()
        self.id_field.set_rule(None)
        self.name_edit.clear()
        self._relationship = None
        self._group.setExclusive(False)
        for button in self.relationship_buttons.values():
            button.setChecked(False)
            button.setEnabled(True)
        self._group.setExclusive(True)
        for widget in (
            self.pad,
            self.id_field,
            self.name_edit,
            self.id_panel,
            self.use_card_button,
        ):
            widget.setEnabled(True)
        self.id_panel.wipe()
        self.id_panel.hide()
        self.use_card_button.hide()
        for widget in (self.id_field, self.name_caption, self.name_edit):
            widget.show()
        self._render_lead()
        self._render_name()

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        self.fields.activate_first_open()
        if self.id_field.is_valid:
            self.name_edit.setFocus()

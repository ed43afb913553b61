"""What happened to the card (PRODUCT.md flow 5): who was found (masked, S2) and three big
choices, each saying what it does: a temporary loss report that can be undone at the kiosk, or
a final loss report with a new card, for a card lost or stolen. A choice this card cannot have
is greyed out with the reason. Nothing is done yet: the review step spells it out first."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain import vocabulary
from kiosk.domain.business import Business, Identified
from kiosk.domain.records import CardStatus
from kiosk.flows.business import BStep, Choice
from kiosk.ui.i18n import words
from kiosk.ui.icons import pixmap
from kiosk.ui.screens.business_parts import StepScreen
from kiosk.ui.theme import PALETTE, SPACING, set_style_property
from kiosk.ui.widgets.parts import (
    IconBadge,
    card_status_pill,
    make_label,
    make_pill,
    scroll_area,
    set_tone,
)

_ICONS = {Choice.TEMPORARY: "lock", Choice.LOST: "card-alert", Choice.STOLEN: "warning"}


class OptionCard(QPushButton):
    """A large tappable card: an icon, a title, what it means, and whether it can be undone."""

    def __init__(self, object_name: str, icon_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setProperty("role", "option")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # A QPushButton will not shrink below its size hint by default; three share a row.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._icon_name = icon_name
        self.badge = IconBadge(56, self)
        self.pill = make_pill(f"{object_name}Pill", self)
        self.heading = make_label("optionTitle", object_name=f"{object_name}Title", parent=self)
        self.body = make_label("optionText", object_name=f"{object_name}Text", parent=self)
        self.reason = make_label("optionReason", object_name=f"{object_name}Reason", parent=self)
        # An arrow says "tap to go on" without taking a line of its own in large text.
        self.action = QLabel(self)
        self.action.setObjectName(f"{object_name}Action")
        self.action.setPixmap(pixmap("chevron-right", PALETTE.primary, 36))
        for label in (self.pill, self.heading, self.body, self.reason, self.action):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.badge.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        top = QHBoxLayout()
        top.setSpacing(SPACING.m)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.heading, 1, Qt.AlignmentFlag.AlignVCenter)
        bottom = QHBoxLayout()
        bottom.setSpacing(SPACING.m)
        bottom.addWidget(self.pill, 0, Qt.AlignmentFlag.AlignVCenter)
        bottom.addStretch(1)
        bottom.addWidget(self.action, 0, Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING.l, SPACING.m + 4, SPACING.l, SPACING.m + 4)
        layout.setSpacing(SPACING.s + 4)
        layout.addLayout(top)
        layout.addWidget(self.body)
        layout.addStretch(1)
        layout.addWidget(self.reason)
        layout.addLayout(bottom)
        self.badge.set_icon(icon_name, "info")

    def set_texts(self, heading: str, text: str, pill: str, pill_tone: str) -> None:
        self.heading.setText(heading)
        self.body.setText(text)
        self.pill.setText(pill)
        set_tone(self.pill, pill_tone)
        self.setAccessibleName(heading)
        self.setAccessibleDescription(f"{pill}. {text}")

    def set_available(self, available: bool, reason: str = "") -> None:
        self.setEnabled(available)
        self.reason.setText(reason)
        self.reason.setVisible(not available and bool(reason))
        self.action.setVisible(available)
        self.pill.setVisible(available)
        self.badge.set_icon(self._icon_name, "info" if available else "neutral")
        if not available and reason:
            self.setAccessibleDescription(reason)

    def set_selected(self, selected: bool) -> None:
        set_style_property(self, "selected", selected)

    def sizeHint(self) -> QSize:
        return self.layout().sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.layout().minimumSize()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.layout().heightForWidth(width)


class WhatHappenedScreen(StepScreen):
    name = BStep.WHAT_HAPPENED.value

    chosen = Signal(str)  # a Choice value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("whatHappened", parent)

        # Who was found, masked.
        self.person = QFrame()
        self.person.setObjectName("whatHappenedPerson")
        self.person.setProperty("role", "personStrip")
        grid = QGridLayout(self.person)
        grid.setContentsMargins(SPACING.l, SPACING.s + 4, SPACING.l, SPACING.s + 4)
        grid.setHorizontalSpacing(SPACING.xl)
        grid.setVerticalSpacing(2)
        self.field_labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for col, key in enumerate(("name", "ssn", "card_number")):
            label = make_label("fieldLabel", object_name=f"whatHappenedLabel_{key}", wrap=False)
            value = make_label("fieldValue", object_name=f"whatHappenedValue_{key}", wrap=False)
            grid.addWidget(label, 0, col)
            grid.addWidget(value, 1, col)
            self.field_labels[key] = label
            self.values[key] = value
        self.status_label = make_label("fieldLabel", object_name="whatHappenedLabel_status")
        self.status_pill = make_pill("whatHappenedStatus")
        grid.addWidget(self.status_label, 0, 3)
        grid.addWidget(self.status_pill, 1, 3, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(3, 1)

        self.options: dict[Choice, OptionCard] = {}
        options = QHBoxLayout()
        options.setSpacing(SPACING.m)
        for choice in Choice:
            card = OptionCard(f"whatHappened_{choice.value}", _ICONS[choice])
            card.clicked.connect(lambda _=False, c=choice: self.choose(c))
            self.options[choice] = card
            options.addWidget(card, 1)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(SPACING.s + 4)
        body_layout.addWidget(self.title)
        body_layout.addWidget(self.lead)
        body_layout.addWidget(self.person)
        body_layout.addSpacing(SPACING.xs)
        body_layout.addLayout(options)
        body_layout.addStretch(1)

        self.column.addWidget(scroll_area(body, "whatHappenedScroll"), 1)
        self.retranslate()

    # For the controller ------------------------------------------------------------------------

    def choose(self, choice: Choice) -> None:
        card = self.options[choice]
        if self._busy or not card.isEnabled() or self._view is None:
            return
        self.chosen.emit(choice.value)

    # Texts ---------------------------------------------------------------------------------------

    def _render(self) -> None:
        view = self._view
        who: Identified | None = view.identified if view else None
        self.values["name"].setText(who.masked_name if who else "")
        self.values["ssn"].setText(who.masked_ssn if who else "")
        self.values["card_number"].setText(who.masked_card_number if who else "")
        if who is not None:
            word, tone = card_status_pill(who.card_status)
            self.status_pill.setText(word)
            set_tone(self.status_pill, tone)
            self.status_pill.setAccessibleName(self.tr("Card status: {status}").format(status=word))
        else:
            self.status_pill.clear()
            self.status_pill.setAccessibleName("")
        self.status_pill.setVisible(who is not None)
        self.person.setVisible(who is not None)

        temporary_ok = who is not None and who.temporary_report_allowed
        final_ok = who is not None and who.final_report_allowed
        if who is not None and who.card_status is CardStatus.TEMPORARY_LOSS:
            temporary_reason = self.tr(
                "This card is already under a temporary loss report. "
                "You can still report it lost for good."
            )
        else:
            temporary_reason = self.tr("Not possible for this card.")
        if who is not None and who.reissue_under_way:
            final_reason = self.tr(
                "A new card is already being made for you: see Voucher / reissue progress."
            )
        else:
            final_reason = self.tr("Not possible for this card. Please ask at a counter.")
        self.options[Choice.TEMPORARY].set_available(
            temporary_ok and not self._busy, "" if temporary_ok else temporary_reason
        )
        for choice in (Choice.LOST, Choice.STOLEN):
            self.options[choice].set_available(
                final_ok and not self._busy, "" if final_ok else final_reason
            )
        for choice, card in self.options.items():
            card.set_selected(view is not None and view.choice is choice)

    def retranslate(self) -> None:
        self.title.setText(self.tr("What happened to the card?"))
        self.lead.setText(
            self.tr("Choose one. Nothing is done yet: you will see what it means and confirm.")
        )
        names = {
            "name": self.tr("Cardholder"),
            "ssn": self.tr("ID number"),
            "card_number": self.tr("Card number"),
        }
        for key, text in names.items():
            self.field_labels[key].setText(text)
            self.values[key].setAccessibleName(text)
        self.status_label.setText(self.tr("Card status"))
        undo = self.tr("Can be undone")
        final = self.tr("Final")
        self.options[Choice.TEMPORARY].set_texts(
            words(vocabulary.BUSINESSES[Business.TEMPORARY]),
            self.tr(
                "For a card you may still find. It is blocked at once. If it turns up, you can "
                "undo this at this kiosk with the card and its PIN."
            ),
            undo,
            "ok",
        )
        self.options[Choice.LOST].set_texts(
            self.tr("Lost: report it and get a new card"),
            self.tr("The card stops working for good. A new card is made for you to collect."),
            final,
            "warn",
        )
        self.options[Choice.STOLEN].set_texts(
            self.tr("Stolen: report it and get a new card"),
            self.tr("As for a lost card, and recorded as stolen. A new card is made for you."),
            final,
            "warn",
        )
        self._render()

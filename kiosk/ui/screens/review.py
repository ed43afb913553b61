"""Check before confirming (PRODUCT.md flows 5-7): everything chosen so far, and beside it
what happens to the card, spelled out in a tinted panel (red: a final loss report cannot be
undone). Only masked values of the cardholder and the agent are shown (S2).

`consequence()` is the one place the consequence sentences live; the confirm and receipt
screens show them too. Its texts are in the context "ReviewScreen" (pyside6-lupdate reads
each translate() call literally, so there is no helper around it)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.domain import vocabulary
from kiosk.domain.masking import mask_name
from kiosk.flows.business import BStep
from kiosk.ui.i18n import words
from kiosk.ui.icons import pixmap
from kiosk.ui.screens.business_parts import (
    Business,
    BusinessScreen,
    business_name,
    business_of,
    format_day,
    format_fee,
    outlet_name,
    reason_words,
    relationship_words,
)
from kiosk.ui.theme import PALETTE, SPACING
from kiosk.ui.widgets.parts import (
    TONE_COLOURS,
    Card,
    clear_layout,
    make_label,
    set_tone,
)


def consequence(business: Business | None) -> str:
    """What the business does to the card, in one or two plain sentences."""

    if business is Business.TEMPORARY:
        return QCoreApplication.translate(
            "ReviewScreen",
            "Your card is blocked at once. "
            "You can undo this at this kiosk with the card and its PIN.",
        )
    if business is Business.FINAL:
        return QCoreApplication.translate(
            "ReviewScreen",
            "This cannot be undone. The old card stops working at once, even if you find it. "
            "A new card will be made.",
        )
    if business is Business.CANCEL:
        return QCoreApplication.translate("ReviewScreen", "Your card will work again at once.")
    if business is Business.DAMAGED:
        return QCoreApplication.translate(
            "ReviewScreen", "Your current card keeps working until you collect the new one."
        )
    return ""


def consequence_tone(business: Business | None) -> str:
    """How loud the consequence is: final is red, a block amber, good news green."""
    if business is Business.FINAL:
        return "error"
    if business is Business.TEMPORARY:
        return "warn"
    if business is Business.CANCEL:
        return "ok"
    return "info"


class ConsequencePanel(QFrame):
    """The consequence of a business in a tinted panel: an icon, "What happens to your card"
    and the sentence, coloured by how final it is."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setProperty("role", "notice")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING.l, SPACING.l, SPACING.l, SPACING.l)
        layout.setSpacing(SPACING.m)
        self.icon = QLabel(self)
        self.icon.setFixedSize(48, 48)
        self.heading = make_label("heading", object_name=f"{object_name}Heading")
        self.text = make_label("lead", object_name=f"{object_name}Text")
        top = QHBoxLayout()
        top.setSpacing(SPACING.m)
        top.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.heading, 1)
        layout.addLayout(top)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def show_business(self, business: Business | None) -> None:
        tone = consequence_tone(business)
        set_tone(self, tone)
        set_tone(self.heading, tone if tone in ("warn", "error") else "")
        set_tone(self.text, tone if tone in ("warn", "error") else "")
        colour = TONE_COLOURS.get(tone, PALETTE.brand)
        icons = {"warn": "warning", "error": "warning", "ok": "check-circle"}
        self.icon.setPixmap(pixmap(icons.get(tone, "info"), colour, 44))
        self.heading.setText(
            QCoreApplication.translate("ReviewScreen", "What happens to your card")
        )
        self.text.setText(consequence(business))
        self.setAccessibleName(f"{self.heading.text()}: {self.text.text()}")


class ReviewScreen(BusinessScreen):
    name = BStep.REVIEW.value

    next_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = Card("reviewCard", margins=SPACING.l)
        self.business = make_label("heading", object_name="reviewBusiness")
        self.details = QGridLayout()
        self.details.setHorizontalSpacing(SPACING.l)
        self.details.setVerticalSpacing(SPACING.s + 4)
        self.details.setColumnStretch(0, 1)
        self.details.setColumnStretch(1, 1)
        self.card.body.setSpacing(SPACING.s + 4)
        self.card.body.addWidget(self.business)
        self.card.body.addLayout(self.details)
        self.card.body.addStretch(1)
        self.warning = ConsequencePanel("reviewConsequence")
        row = QHBoxLayout()
        row.setSpacing(SPACING.l)
        row.addWidget(self.card, 3)
        row.addWidget(self.warning, 2)
        self.body.addLayout(row)
        self.body.addStretch(1)
        self.next_button = self.add_next_button("reviewNextButton")
        self.next_button.clicked.connect(self._on_next)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Please check the details"))
        self.guidance.setText(
            self.tr("Read what will happen to the card. If something is wrong, tap Back.")
        )
        self.next_button.set_text(self.tr("All correct"))
        self._render()

    def rows(self) -> list[tuple[str, str, bool]]:
        """(label, value, wide) of each detail shown, in order; wide ones take a whole line."""
        view = self._view
        if view is None:
            return []
        rows: list[tuple[str, str, bool]] = []
        person = view.identified
        if person is not None:
            rows.append(
                (
                    words(vocabulary.CARDHOLDER),
                    f"{person.masked_name}\n{person.masked_ssn}",
                    False,
                )
            )
            rows.append((self.tr("Card number"), person.masked_card_number, False))
        business = business_of(view)
        reason = reason_words(view)
        if reason:
            rows.append((words(vocabulary.REASON), reason, False))
        if view.agent is not None:
            rows.append(
                (
                    words(vocabulary.AGENT),
                    self.tr("{name} ({relationship})").format(
                        name=mask_name(view.agent.name),
                        relationship=relationship_words(view.agent.relationship),
                    ),
                    False,
                )
            )
        if business in (Business.FINAL, Business.DAMAGED):
            if view.outlet is not None:
                rows.append((words(vocabulary.PICKUP_OUTLET), outlet_name(view.outlet), True))
            if view.quote is not None:
                day = format_day(view.quote.expected_date)
                if not view.quote.exact:
                    day = self.tr("About {date}").format(date=day)
                rows.append((words(vocabulary.PICKUP_DATE), day, False))
                rows.append((words(vocabulary.FEE), format_fee(view.quote.fee_fen), False))
        return rows

    def _render(self) -> None:
        view = self._view
        clear_layout(self.details)
        business = business_of(view) if view else None
        self.business.setText(business_name(view) if view else "")
        self.warning.show_business(business)
        self.warning.setVisible(business is not None)
        grid_row, col = 0, 0
        for i, (label_text, value_text, wide) in enumerate(self.rows()):
            if wide and col:
                grid_row, col = grid_row + 1, 0
            cell = QVBoxLayout()
            cell.setSpacing(0)
            label = make_label("fieldLabel", object_name=f"reviewLabel{i}")
            label.setText(label_text)
            value = make_label("fieldValue", object_name=f"reviewValue{i}")
            value.setText(value_text)
            value.setAccessibleName(f"{label_text}: {value_text}")
            cell.addWidget(label)
            cell.addWidget(value)
            self.details.addLayout(
                cell, grid_row, col, 1, 2 if wide else 1, Qt.AlignmentFlag.AlignTop
            )
            if wide or col:
                grid_row, col = grid_row + 1, 0
            else:
                col = 1
        self.card.setVisible(view is not None)
        self.next_button.setEnabled(view is not None and not view.busy)

    def _on_next(self) -> None:
        if self._view is not None and not self._view.busy:
            self.next_clicked.emit()

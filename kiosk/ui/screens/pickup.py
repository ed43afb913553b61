"""When the new card can be collected (PRODUCT.md flow 7): the expected date with its weekday
("about" when it lies past the published holiday calendar), the working days it takes, the fee
and where to collect it. (The note on medical expenses of the loss period is on the materials
screen, beside the voucher it needs.)"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from kiosk.domain import vocabulary
from kiosk.flows.business import BStep
from kiosk.ui.i18n import words
from kiosk.ui.screens.business_parts import (
    BusinessScreen,
    format_day,
    format_fee,
    icon_label,
    outlet_lines,
    outlet_name,
)
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.parts import Card, divider, make_label


class PickupScreen(BusinessScreen):
    name = BStep.PICKUP.value

    next_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Left: when, how long, how much. Right: where.
        self.card = Card("pickupCard", margins=SPACING.l)
        date_head = QHBoxLayout()
        date_head.setSpacing(SPACING.s)
        self.date_label = make_label("fieldLabel", object_name="pickupDateLabel")
        date_head.addWidget(icon_label("calendar", 28), 0, Qt.AlignmentFlag.AlignVCenter)
        date_head.addWidget(self.date_label, 1, Qt.AlignmentFlag.AlignVCenter)
        self.date_value = make_label("pickupDate", object_name="pickupDate")
        self.date_note = make_label("body", object_name="pickupDateNote", tone="warn")

        facts = QGridLayout()
        facts.setHorizontalSpacing(SPACING.xl)
        facts.setVerticalSpacing(2)
        self.days_label = make_label("fieldLabel", object_name="pickupDaysLabel")
        self.days_value = make_label("fieldValue", object_name="pickupDays")
        self.fee_label = make_label("fieldLabel", object_name="pickupFeeLabel")
        self.fee_value = make_label("fieldValue", object_name="pickupFee")
        facts.addWidget(self.days_label, 0, 0)
        facts.addWidget(self.days_value, 1, 0, Qt.AlignmentFlag.AlignTop)
        facts.addWidget(self.fee_label, 0, 1)
        facts.addWidget(self.fee_value, 1, 1, Qt.AlignmentFlag.AlignTop)
        facts.setColumnStretch(0, 1)
        facts.setColumnStretch(1, 1)

        self.card.body.setSpacing(SPACING.s)
        self.card.body.addLayout(date_head)
        self.card.body.addWidget(self.date_value)
        self.card.body.addWidget(self.date_note)
        self.card.body.addWidget(divider())
        self.card.body.addLayout(facts)
        self.card.body.addStretch(1)

        self.outlet_card = Card("pickupOutletCard", margins=SPACING.l)
        outlet_head = QHBoxLayout()
        outlet_head.setSpacing(SPACING.s)
        self.outlet_label = make_label("fieldLabel", object_name="pickupOutletLabel")
        outlet_head.addWidget(icon_label("counter", 28), 0, Qt.AlignmentFlag.AlignVCenter)
        outlet_head.addWidget(self.outlet_label, 1, Qt.AlignmentFlag.AlignVCenter)
        self.outlet_name = make_label("fieldValue", object_name="pickupOutlet")
        self.outlet_details = make_label("body", object_name="pickupOutletDetails")
        self.outlet_card.body.setSpacing(SPACING.s)
        self.outlet_card.body.addLayout(outlet_head)
        self.outlet_card.body.addWidget(self.outlet_name)
        self.outlet_card.body.addWidget(self.outlet_details)
        self.outlet_card.body.addStretch(1)

        cards = QHBoxLayout()
        cards.setSpacing(SPACING.l)
        cards.addWidget(self.card, 1)
        cards.addWidget(self.outlet_card, 1)

        self.body.addLayout(cards)
        self.body.addStretch(1)

        self.next_button = self.add_next_button("pickupNextButton")
        self.next_button.clicked.connect(self._on_next)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("When your new card will be ready"))
        self.guidance.setText(
            self.tr("Your new card will be waiting at the outlet from the date below.")
        )
        self.date_label.setText(words(vocabulary.PICKUP_DATE))
        self.days_label.setText(self.tr("Time needed"))
        self.fee_label.setText(words(vocabulary.FEE))
        self.outlet_label.setText(words(vocabulary.PICKUP_OUTLET))
        self.next_button.set_text(self.tr("Next"))
        self._render()

    def _render(self) -> None:
        view = self._view
        quote = view.quote if view else None
        outlet = view.outlet if view else None
        if quote is None:
            for label in (self.date_value, self.date_note, self.days_value, self.fee_value):
                label.clear()
            self.date_note.hide()
        else:
            day = format_day(quote.expected_date)
            if quote.exact:
                self.date_value.setText(day)
                self.date_note.hide()
            else:
                self.date_value.setText(self.tr("About {date}").format(date=day))
                self.date_note.setText(
                    self.tr(
                        "The public holidays of {year} are not published yet, so this date may "
                        "move. The outlet will confirm it."
                    ).format(year=quote.expected_date.year)
                )
                self.date_note.show()
            self.days_value.setText(self.tr("{days} working days").format(days=quote.working_days))
            self.fee_value.setText(format_fee(quote.fee_fen))
        self.date_value.setAccessibleName(
            self.tr("Ready for collection from {date}").format(date=self.date_value.text())
            if quote
            else ""
        )
        if outlet is None:
            self.outlet_name.clear()
            self.outlet_details.clear()
        else:
            self.outlet_name.setText(outlet_name(outlet))
            self.outlet_details.setText("\n".join(outlet_lines(outlet)))
        self.next_button.setEnabled(view is not None and not view.busy)

    def _on_next(self) -> None:
        if self._view is not None and not self._view.busy:
            self.next_clicked.emit()

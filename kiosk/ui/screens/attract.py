"""The attract screen (PRODUCT.md flow 1): a card sliding into the reader, "insert your card",
the two services that need no card, the discreet status strip, and (invisible) the service
entry's corner. After a session that ended
with the card still in, it asks the citizen to take their card."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.ui.screens.base import Screen
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.animation import CardSlotAnimation
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.hotcorner import HotCorner
from kiosk.ui.widgets.parts import centred_column, make_label
from kiosk.ui.widgets.statusstrip import StatusStrip


class AttractScreen(Screen):
    name = "attract"
    home_allowed = False

    report_loss_clicked = Signal()
    voucher_lookup_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._take_card = False
        column = centred_column(self, top=SPACING.l, bottom=SPACING.m)

        self.animation = CardSlotAnimation(self)
        self.headline = make_label(
            "display", object_name="attractHeadline", align=Qt.AlignmentFlag.AlignCenter
        )
        self.subline = make_label(
            "lead", object_name="attractSubline", align=Qt.AlignmentFlag.AlignCenter
        )
        self.report_loss_button = KioskButton(
            "reportLossButton", kind="secondary", icon_name="card-alert"
        )
        self.voucher_button = KioskButton(
            "voucherLookupButton", kind="secondary", icon_name="receipt"
        )
        self.others_label = make_label(
            "muted", object_name="attractOthers", align=Qt.AlignmentFlag.AlignCenter
        )
        self.status_strip = StatusStrip(self)

        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING.l)
        buttons.addWidget(self.report_loss_button, 1)
        buttons.addWidget(self.voucher_button, 1)

        column.addStretch(2)
        column.addWidget(self.animation, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.headline)
        column.addWidget(self.subline)
        column.addStretch(3)
        column.addWidget(self.others_label)
        column.addLayout(buttons)
        column.addSpacing(SPACING.m)
        column.addWidget(self.status_strip)

        # The hidden service entry: an invisible corner, long-pressed (PRODUCT.md).
        self.service_corner = HotCorner(self)

        self.report_loss_button.clicked.connect(self.report_loss_clicked)
        self.voucher_button.clicked.connect(self.voucher_lookup_clicked)
        self.retranslate()

    def set_cardless_services(self, available: bool) -> None:
        """Show the "no card with you?" services only where the kiosk offers their flows: a
        button that leads nowhere is worse than none."""
        for widget in (self.others_label, self.report_loss_button, self.voucher_button):
            widget.setVisible(available)

    def set_animated(self, on: bool) -> None:
        """Run or freeze the card animation (tests and the tour freeze it)."""
        self.animation.set_animated(on)

    def set_take_card_hint(self, on: bool) -> None:
        """After a session that ended with the card still in: ask the citizen to take it."""
        self._take_card = on
        self.animation.set_outward(on)
        self.retranslate()

    @property
    def take_card_hint(self) -> bool:
        return self._take_card

    def retranslate(self) -> None:
        if self._take_card:
            self.headline.setText(self.tr("Please take your card"))
            self.subline.setText(self.tr("Thank you. Your session has ended."))
        else:
            self.headline.setText(self.tr("Please insert your social security card"))
            self.subline.setText(self.tr("Insert it into the card slot with the chip facing up."))
        self.others_label.setText(self.tr("No card with you?"))
        self.report_loss_button.set_text(self.tr("Report a lost or stolen card"))
        self.voucher_button.set_text(self.tr("Voucher / reissue progress"))

    def wipe(self) -> None:
        super().wipe()
        # Nothing personal is ever shown here; the take-card hint belongs to the last session.
        self.set_take_card_hint(False)

"""The end of a business: what was done, the voucher number large, its QR code, and whether the
voucher printed. When printing failed (R6) the number and the code are what the citizen leaves
with: both are then made bigger and framed, with what to do next. A reissue also says where and
from when to collect the new card. A replayed receipt (the same request recorded before) looks
the same: it is the same business.

In a fleet deployment a receipt the centre has not confirmed (`centre_pending`, R7 in
docs/fleet.md) says so plainly: recorded at this kiosk, and what happens to the card when the
connection returns. The voucher prints as always."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.domain.business import PrintOutcome
from kiosk.flows.business import BStep
from kiosk.ui.screens.business_parts import (
    Business,
    BusinessScreen,
    business_of,
    format_day,
    outlet_lines,
    outlet_name,
)
from kiosk.ui.screens.review import consequence
from kiosk.ui.theme import SPACING, set_style_property
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import Card, IconBadge, Notice, OneLineLabel, make_label
from kiosk.ui.widgets.qr import QrCode

# Pixels per QR module: the code on screen is bigger when it is all the citizen has (R6). A
# voucher's SSK2 code (~250 characters) is a version 9 QR code, 53 modules and a quiet zone of 4
# on each side: 61 modules, 183 px or 244 px across.
QR_MODULE = 3
QR_MODULE_FAILED = 4
QR_MODULES = 61


class ReceiptScreen(BusinessScreen):
    name = BStep.RECEIPT.value

    done_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.badge = IconBadge(72)
        self.badge.set_icon("check", "ok")
        # The badge goes before the title: the business is done.
        self.head_row.insertWidget(0, self.badge, 0, Qt.AlignmentFlag.AlignVCenter)

        # Left: the number, the print state, where to collect. Right: the QR code.
        self.number_box = QFrame()
        self.number_box.setObjectName("receiptNumberBox")
        self.number_box.setProperty("role", "receiptNumberBox")
        box = QVBoxLayout(self.number_box)
        box.setContentsMargins(SPACING.l, SPACING.s, SPACING.l, SPACING.s)
        box.setSpacing(2)
        self.number_label = make_label("fieldLabel", object_name="receiptNumberLabel")
        # Compact and on one line, whatever the text size: the number to copy down (R6).
        self.number = OneLineLabel("receiptNumber", object_name="receiptNumber")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        box.addWidget(self.number_label)
        box.addWidget(self.number)

        self.print_notice = Notice("receiptPrintState")
        self.pickup = Card("receiptPickup", margins=SPACING.m + 4)
        self.pickup_label = make_label("fieldLabel", object_name="receiptPickupLabel")
        self.pickup_date = make_label("fieldValue", object_name="receiptPickupDate")
        self.pickup_outlet = make_label("body", object_name="receiptPickupOutlet")
        self.pickup.body.setSpacing(2)
        self.pickup.body.addWidget(self.pickup_label)
        self.pickup.body.addWidget(self.pickup_date)
        self.pickup.body.addWidget(self.pickup_outlet)

        self.body.addWidget(self.number_box)
        self.body.addWidget(self.print_notice)
        self.body.addWidget(self.pickup)
        self.body.addStretch(1)

        self.qr_box = QFrame()
        self.qr_box.setObjectName("receiptQrBox")
        self.qr_box.setProperty("role", "receiptQrBox")
        qr_layout = QVBoxLayout(self.qr_box)
        qr_layout.setContentsMargins(SPACING.m, SPACING.m, SPACING.m, SPACING.m)
        qr_layout.setSpacing(SPACING.s)
        self.qr = QrCode("receiptQr")
        self.qr.set_module_size(QR_MODULE)
        self.qr_caption = make_label(
            "small", object_name="receiptQrCaption", align=Qt.AlignmentFlag.AlignCenter
        )
        self.qr_caption.setFixedWidth(QR_MODULE_FAILED * QR_MODULES)
        qr_layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        qr_layout.addWidget(self.qr_caption, 0, Qt.AlignmentFlag.AlignHCenter)
        self.done_button = KioskButton("receiptDoneButton", kind="primary", icon_name="check")

        # The QR code and Done get a column of their own beside the title and the scrolling
        # details, so the code is whole on screen in large text too.
        for item in (self.head_row, self.body_scroll, self.action_row):
            if isinstance(item, QWidget):
                self.column.removeWidget(item)
            else:
                self.column.removeItem(item)
        self.note.hide()
        left = QVBoxLayout()
        left.setSpacing(SPACING.m)
        left.addLayout(self.head_row)
        left.addWidget(self.body_scroll, 1)
        right = QVBoxLayout()
        right.setSpacing(SPACING.l)
        right.addWidget(self.qr_box, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addStretch(1)
        right.addWidget(self.done_button)
        row = QHBoxLayout()
        row.setSpacing(SPACING.l)
        row.addLayout(left, 1)
        row.addLayout(right, 0)
        self.column.addLayout(row, 1)
        self.done_button.clicked.connect(self._on_done)
        self.retranslate()

    @property
    def print_failed(self) -> bool:
        view = self._view
        return view is not None and view.print_outcome not in (None, PrintOutcome.PRINTED)

    def retranslate(self) -> None:
        self.done_button.set_text(self.tr("Done"))
        self.qr_caption.setText(self.tr("Scan this code at a kiosk to look the voucher up."))
        self.pickup_label.setText(self.tr("Collect your new card"))
        self._render()

    def headline(self, business: Business | None) -> tuple[str, str]:
        """The title and the sentence under it, by business."""
        texts = {
            Business.TEMPORARY: (
                self.tr("Your card is now blocked"),
                self.tr(
                    "The temporary loss report is recorded. If you find the card, you can undo "
                    "it at this kiosk with the card and its PIN."
                ),
            ),
            Business.FINAL: (
                self.tr("Your new card has been applied for"),
                self.tr("The loss report is recorded and the old card no longer works."),
            ),
            Business.CANCEL: (
                self.tr("Your card works again"),
                self.tr("The temporary loss report is cancelled. You can use the card at once."),
            ),
            Business.DAMAGED: (
                self.tr("Your new card has been applied for"),
                consequence(Business.DAMAGED),
            ),
        }
        if business is None:
            return "", ""
        return texts[business]

    def pending_headline(self, business: Business | None) -> tuple[str, str]:
        """The title and the sentence under it when the centre has not confirmed the business
        yet: recorded here, and what happens to the card once the connection returns."""
        texts = {
            Business.TEMPORARY: (
                self.tr("Your loss report is recorded"),
                self.tr(
                    "Recorded at this kiosk. The card will be blocked when the connection "
                    "returns, usually within minutes. Keep your voucher."
                ),
            ),
            Business.FINAL: (
                self.tr("Your loss report is recorded"),
                self.tr(
                    "Recorded at this kiosk. The old card will be blocked and the new card "
                    "applied for when the connection returns, usually within minutes. Keep "
                    "your voucher."
                ),
            ),
            Business.CANCEL: (
                self.tr("Your cancellation is recorded"),
                self.tr(
                    "Recorded at this kiosk. The card will be unblocked when the connection "
                    "returns, usually within minutes. Keep your voucher."
                ),
            ),
            Business.DAMAGED: (
                self.tr("Your application is recorded"),
                self.tr(
                    "Recorded at this kiosk. The new card will be applied for when the "
                    "connection returns, usually within minutes. Your current card keeps "
                    "working until you collect the new one."
                ),
            ),
        }
        if business is None:
            return "", ""
        return texts[business]

    def print_text(self, outcome: PrintOutcome | None) -> tuple[str, str, str]:
        """(text, tone, icon) of the print state."""
        if outcome is None:
            return self.tr("Printing your voucher…"), "info", "printer"
        if outcome is PrintOutcome.PRINTED:
            return self.tr("Please take your voucher and keep it safe."), "ok", "receipt"
        return (
            self.tr(
                "The voucher could not be printed. Please note or photograph the voucher number "
                "and the QR code; you can reprint it at this kiosk (Voucher lookup) or at a "
                "counter."
            ),
            "error",
            "printer",
        )

    def _render(self) -> None:
        view = self._view
        receipt = view.receipt if view else None
        business = business_of(view) if view else None
        pending = receipt is not None and receipt.centre_pending
        headline = self.pending_headline if pending else self.headline
        title, sentence = headline(business if receipt else None)
        self.title.setText(title)
        self.guidance.setText(sentence)
        # Done here, not yet at the centre: a clock, not a tick.
        self.badge.set_icon(*(("clock", "info") if pending else ("check", "ok")))
        self.badge.setVisible(receipt is not None)

        failed = self.print_failed
        self.number_label.setText(
            self.tr("Your voucher number: please write it down or take a photo")
            if failed
            else self.tr("Voucher number")
        )
        number = receipt.voucher_number if receipt else ""
        self.number.setText(number)
        self.number.setAccessibleName(
            self.tr("Voucher number {number}").format(number=number) if number else ""
        )
        self.qr.set_payload(receipt.qr_payload if receipt else None)
        self.qr.setAccessibleName(self.tr("QR code of the voucher") if receipt else "")
        self.qr.set_module_size(QR_MODULE_FAILED if failed else QR_MODULE)
        set_style_property(self.number_box, "emphasis", "true" if failed else "false")
        set_style_property(self.qr_box, "emphasis", "true" if failed else "false")
        self.number_box.setVisible(receipt is not None)
        self.qr_box.setVisible(receipt is not None)

        text, tone, icon_name = self.print_text(view.print_outcome if view else None)
        self.print_notice.set_text(text)
        self.print_notice.set_tone(tone, icon_name)
        self.print_notice.setVisible(receipt is not None)

        outlet = receipt.outlet if receipt else None
        pickup = receipt.pickup if receipt else None
        if outlet is not None and pickup is not None:
            day = format_day(pickup.expected_date)
            self.pickup_date.setText(
                self.tr("From {date}").format(date=day)
                if pickup.exact
                else self.tr("From about {date} (the outlet will confirm the date)").format(
                    date=day
                )
            )
            # Name, address and hours: the phone is on the voucher and at the outlet step.
            lines = [outlet_name(outlet), *outlet_lines(outlet)[:2]]
            self.pickup_outlet.setText("\n".join(lines))
            self.pickup.show()
        else:
            self.pickup_date.clear()
            self.pickup_outlet.clear()
            self.pickup.hide()
        self.done_button.setEnabled(not (view is not None and view.busy))

    def _on_done(self) -> None:
        if self._view is None or not self._view.busy:
            self.done_clicked.emit()

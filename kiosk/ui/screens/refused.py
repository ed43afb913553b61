"""When the kiosk cannot do what was asked (kiosk.domain.business.Refusal): an icon, a plain
title, what happened and what to do next, never a code. Done goes back to the start; Try again
is offered only when the records could not be reached (nothing was recorded then)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.domain.business import Refusal
from kiosk.flows.business import BStep, BusinessView
from kiosk.ui.i18n import format_moment
from kiosk.ui.screens.base import Screen
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import ExplanationCard, centred_column, centred_in_scroll, make_label


@dataclass(frozen=True)
class RefusalText:
    icon: str
    tone: str  # warn: try again later or elsewhere; error: not possible for this card
    title: str
    what: str
    steps: tuple[str, ...]


class RefusedScreen(Screen):
    name = BStep.REFUSED.value
    home_allowed = True

    done_clicked = Signal()
    retry_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view: BusinessView | None = None
        column = centred_column(self)

        self.card = ExplanationCard("refused")
        self.badge, self.title, self.what = self.card.badge, self.card.title, self.card.what
        self.next_heading, self.steps = self.card.next_heading, self.card.steps

        self.hotline = make_label("muted", object_name="refusedHotline")
        self.retry_button = KioskButton("refusedRetryButton", kind="secondary", icon_name="cloud")
        self.retry_button.hide()
        self.done_button = KioskButton("refusedDoneButton", kind="primary", icon_name="check")
        self.done_button.setMinimumWidth(300)
        actions = QHBoxLayout()
        actions.setSpacing(SPACING.l)
        actions.addWidget(self.hotline, 1)
        actions.addWidget(self.retry_button)
        actions.addWidget(self.done_button)

        column.addWidget(centred_in_scroll(self.card, "refusedScroll"), 1)
        column.addLayout(actions)

        self.done_button.clicked.connect(self._on_done)
        self.retry_button.clicked.connect(self._on_retry)
        self.retranslate()

    @property
    def view(self) -> BusinessView | None:
        return self._view

    @property
    def refusal(self) -> Refusal | None:
        return self._view.refusal if self._view else None

    def show_view(self, view: BusinessView) -> None:
        self._view = view
        self._render()

    def wipe(self) -> None:
        super().wipe()
        self._view = None
        self._render()

    def retranslate(self) -> None:
        self.next_heading.setText(self.tr("What to do now"))
        self.hotline.setText(self.tr("Social security hotline: 12333"))
        self.done_button.set_text(self.tr("Done"))
        self.retry_button.set_text(self.tr("Try again"))
        self._render()

    def _render(self) -> None:
        refusal = self.refusal
        busy = bool(self._view and self._view.busy)
        self.retry_button.setVisible(refusal is Refusal.BACKEND_OFFLINE)
        self.retry_button.setEnabled(not busy)
        self.done_button.setEnabled(not busy)
        until = self._view.refusal_until if self._view else None
        text = self.text_for(refusal, until) if refusal else None
        self.next_heading.setVisible(text is not None)
        if text is None:
            self.card.clear_text()
        else:
            self.card.show_text(text.icon, text.tone, text.title, text.what, text.steps)

    def text_for(self, refusal: Refusal, until: dt.datetime | None = None) -> RefusalText:
        """The icon, tone, title, explanation and next steps for a refusal; `until` is when an
        ID_LOCKED or KIOSK_PAUSED lock lifts."""
        when = format_moment(until) if until is not None else ""
        counter = self.tr("Go to a service counter with your ID card.")
        progress = self.tr(
            "To see how far your new card is, tap Voucher / reissue progress on the start screen."
        )
        texts = {
            Refusal.NO_MATCH: RefusalText(
                "id-card",
                "warn",
                self.tr("Your details do not match our records"),
                self.tr(
                    "The ID number and mobile number do not match our records. "
                    "Check both and try again."
                ),
                (self.tr("If your mobile number has changed, a service counter can update it."),),
            ),
            Refusal.ID_LOCKED: RefusalText(
                "lock",
                "error",
                self.tr("This ID number is locked for now"),
                self.tr(
                    "The mobile number given for this ID number was wrong too many times, so to "
                    "protect the cardholder it cannot be used to identify at any kiosk until "
                    "{when}."
                ).format(when=when)
                if when
                else self.tr(
                    "The mobile number given for this ID number was wrong too many times, so to "
                    "protect the cardholder it cannot be used to identify at a kiosk for now."
                ),
                (
                    self.tr("Go to a service counter with your ID card: staff can help at once."),
                    self.tr("If your mobile number has changed, a service counter can update it."),
                ),
            ),
            Refusal.KIOSK_PAUSED: RefusalText(
                "lock",
                "warn",
                self.tr("This kiosk has paused checking details"),
                self.tr(
                    "There were many wrong attempts at this kiosk in a short time, so it does not "
                    "check ID numbers or vouchers until {when}. Inserting a social security card "
                    "still works."
                ).format(when=when)
                if when
                else self.tr(
                    "There were many wrong attempts at this kiosk in a short time, so it does not "
                    "check ID numbers or vouchers for now. Inserting a social security card "
                    "still works."
                ),
                (
                    self.tr("Go to a service counter with your ID card."),
                    self.tr("Or try again at this kiosk after that time."),
                ),
            ),
            Refusal.VOUCHER_CODE_INVALID: RefusalText(
                "qr-code",
                "warn",
                self.tr("This is not a voucher of this service"),
                self.tr("The code scanned is not the QR code of a voucher printed by a kiosk."),
                (self.tr("Bring the voucher to a service counter with your ID card."),),
            ),
            Refusal.PROOF_REQUIRED: RefusalText(
                "qr-code",
                "warn",
                self.tr("Please look the voucher up again"),
                self.tr(
                    "To see or reprint a voucher, scan its QR code or give the cardholder's ID "
                    "number and mobile number again."
                ),
                (self.tr("Tap Voucher / reissue progress on the start screen."),),
            ),
            Refusal.CARD_LOST: RefusalText(
                "card-alert",
                "error",
                self.tr("This card has already been reported lost"),
                self.tr(
                    "A final loss report was made for this card, so it cannot be reported or "
                    "replaced here again."
                ),
                (
                    progress,
                    self.tr("For anything else, go to a service counter with your ID card."),
                ),
            ),
            Refusal.CARD_CANCELLED: RefusalText(
                "error",
                "error",
                self.tr("This card has been cancelled"),
                self.tr("The card can no longer be used, and this kiosk cannot replace it."),
                (self.tr("To get a new card, go to a service counter with your ID card."),),
            ),
            Refusal.REISSUE_UNDER_WAY: RefusalText(
                "card",
                "info",
                self.tr("A new card is already being made"),
                self.tr("You have already applied for a new card, so you cannot apply again now."),
                (progress, self.tr("Collect the new card with the voucher you were given.")),
            ),
            Refusal.CARD_UNKNOWN: RefusalText(
                "id-card",
                "warn",
                self.tr("We have no record of this card"),
                self.tr("The social security system does not know this card."),
                (self.tr("Go to a service counter with this card and your ID card."),),
            ),
            Refusal.NOT_UNDER_TEMPORARY_LOSS: RefusalText(
                "info",
                "info",
                self.tr("There is no loss report to cancel"),
                self.tr("This card is not under a temporary loss report."),
                (self.tr("If the card does not work, go to a service counter with your ID card."),),
            ),
            Refusal.BACKEND_OFFLINE: RefusalText(
                "cloud-off",
                "warn",
                self.tr("The service is not available right now"),
                self.tr(
                    "The kiosk cannot reach the social security system at the moment. "
                    "Nothing was recorded."
                ),
                (
                    self.tr("Try again in a few minutes: tap Try again."),
                    self.tr("Or go to a service counter with your ID card."),
                ),
            ),
            Refusal.REPRINT_USED: RefusalText(
                "receipt",
                "warn",
                self.tr("This voucher was already reprinted"),
                self.tr("A voucher can be reprinted at the kiosk only once."),
                (self.tr("A service counter can print it again for you. Bring your ID card."),),
            ),
            Refusal.VOUCHER_NOT_FOUND: RefusalText(
                "search",
                "warn",
                self.tr("No voucher was found"),
                self.tr("We found no voucher with these details."),
                (
                    self.tr("Scan the QR code on the voucher again."),
                    self.tr("Or go to a service counter with your ID card."),
                ),
            ),
        }
        return texts.get(refusal) or RefusalText(
            "info", "warn", self.tr("This cannot be done here"), "", (counter,)
        )

    def _on_done(self) -> None:
        if not (self._view and self._view.busy):
            self.done_clicked.emit()

    def _on_retry(self) -> None:
        if self.refusal is Refusal.BACKEND_OFFLINE and not (self._view and self._view.busy):
            self.retry_clicked.emit()

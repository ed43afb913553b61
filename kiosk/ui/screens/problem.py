"""One screen for everything that stops a card session (every CardProblem, and a reader that
is not working): an icon, a plain title, what happened and what to do next, and Done. Never a
status word or an error code on its own, and never a promise the kiosk cannot keep for the card
in the slot. A card under temporary loss report whose PIN works also gets the way to cancel
that report here (flow 6); with its PIN blocked, the way to a counter. A card reported lost
whose new card is under way shows when and where to collect the new card."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.domain.session import CardProblem, ReissueUnderWay
from kiosk.ui.i18n import current_language, format_date
from kiosk.ui.screens.base import Screen
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import (
    ExplanationCard,
    Fact,
    centred_column,
    centred_in_scroll,
    make_label,
)

READER_UNAVAILABLE = "reader_unavailable"


@dataclass(frozen=True)
class _Text:
    icon: str
    tone: str  # warn: the citizen can put it right or wait; error: the card cannot be used
    title: str
    what: str
    steps: tuple[str, ...]
    details: tuple[Fact, ...] = ()  # facts about this card, in a box under `what`


class ProblemScreen(Screen):
    name = "problem"

    done_clicked = Signal()
    cancel_loss_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problem: CardProblem | None = None
        self._reader_unavailable = False
        self._expiry: dt.date | None = None
        self._reissue: ReissueUnderWay | None = None
        column = centred_column(self)

        self.card = ExplanationCard("problem")
        self.badge, self.title, self.what = self.card.badge, self.card.title, self.card.what
        self.next_heading, self.steps = self.card.next_heading, self.card.steps

        self.hotline = make_label("muted", object_name="problemHotline")
        self.done_button = KioskButton("problemDoneButton", kind="primary", icon_name="check")
        self.done_button.setMinimumWidth(300)
        self.cancel_loss_button = KioskButton(
            "cancelLossButton", kind="secondary", icon_name="lock"
        )
        self.cancel_loss_button.hide()
        actions = QHBoxLayout()
        actions.setSpacing(SPACING.l)
        actions.addWidget(self.hotline, 1)
        actions.addWidget(self.cancel_loss_button)
        actions.addWidget(self.done_button)

        # Long explanations in large text may outgrow 1280x800: they scroll, Done stays put.
        column.addWidget(centred_in_scroll(self.card, "problemScroll"), 1)
        column.addLayout(actions)

        self.done_button.clicked.connect(self.done_clicked)
        self.cancel_loss_button.clicked.connect(self.cancel_loss_clicked)
        self.retranslate()

    # For the controller ------------------------------------------------------------------------

    @property
    def problem(self) -> CardProblem | None:
        return self._problem

    @property
    def reader_unavailable(self) -> bool:
        return self._reader_unavailable

    @property
    def key(self) -> str:
        """What is shown: a CardProblem value, or "reader_unavailable"; empty when wiped."""
        if self._reader_unavailable:
            return READER_UNAVAILABLE
        return self._problem.value if self._problem else ""

    def show_problem(
        self,
        problem: CardProblem,
        *,
        expiry_date: dt.date | None = None,
        reissue: ReissueUnderWay | None = None,
    ) -> None:
        """`reissue`: for a card reported lost, its new card under way, if any."""
        self._problem = problem
        self._reader_unavailable = False
        self._expiry = expiry_date if problem is CardProblem.EXPIRED else None
        self._reissue = reissue if problem is CardProblem.LOST else None
        self._render()

    def show_reader_unavailable(self) -> None:
        self._problem = None
        self._reader_unavailable = True
        self._expiry = None
        self._reissue = None
        self._render()

    def set_busy(self, busy: bool) -> None:
        """While the card is asked for its PIN tries: no second tap."""
        self.cancel_loss_button.setEnabled(not busy)
        self.done_button.setEnabled(not busy)

    def wipe(self) -> None:
        super().wipe()
        self.set_busy(False)
        self._problem = None
        self._reader_unavailable = False
        self._expiry = None
        self._reissue = None
        self._render()

    # Texts ---------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.next_heading.setText(self.tr("What to do now"))
        self.hotline.setText(self.tr("Social security hotline: 12333"))
        self.done_button.set_text(self.tr("Done"))
        self.cancel_loss_button.set_text(self.tr("Cancel the loss report"))
        self._render()

    def _render(self) -> None:
        # Logs and the tour name the screen after what it shows: problem-expired.png.
        self.name = f"problem-{self.key}" if self.key else type(self).name
        self.cancel_loss_button.setVisible(self._problem is CardProblem.TEMPORARY_LOSS)
        # The reader screen stays until the reader is back: there is nothing for Done to do.
        self.done_button.setVisible(not self._reader_unavailable)
        text = self.text_for(self.key)
        if text is None:
            self.card.clear_text()
            return
        self.card.show_text(text.icon, text.tone, text.title, text.what, text.steps, text.details)

    def text_for(self, key: str) -> _Text | None:
        """The icon, tone, title, explanation and next steps for a problem key."""
        take_out = self.tr("Take the card out.")
        counter_with_id = self.tr("Go to a counter with this card and your ID card.")
        texts = {
            CardProblem.UNREADABLE.value: _Text(
                "card",
                "warn",
                self.tr("Your card could not be read"),
                self.tr("The kiosk could not read the chip on this card."),
                (
                    take_out,
                    self.tr("Check that the chip is clean and not scratched."),
                    self.tr("Insert it again with the chip facing up."),
                    self.tr("If it still cannot be read, a counter can help you."),
                ),
            ),
            CardProblem.NOT_SOCIAL_SECURITY.value: _Text(
                "card",
                "warn",
                self.tr("This is not a social security card"),
                self.tr("The card in the slot is another kind of chip card, such as a bank card."),
                (take_out, self.tr("Insert your social security card with the chip facing up.")),
            ),
            CardProblem.NEEDS_SAM.value: _Text(
                "card",
                "warn",
                self.tr("This card cannot be read at this kiosk"),
                self.tr(
                    "Your card is a newer type that this kiosk cannot read. "
                    "This does not mean that anything is wrong with it."
                ),
                (take_out, self.tr("A counter can show you your records. Bring your ID card.")),
            ),
            CardProblem.UNKNOWN.value: _Text(
                "id-card",
                "warn",
                self.tr("We have no record of this card"),
                self.tr(
                    "The social security system does not know this card. "
                    "It may not have been activated yet."
                ),
                (take_out, counter_with_id),
            ),
            CardProblem.EXPIRED.value: _Text(
                "calendar",
                "warn",
                self.tr("This card has expired"),
                self.tr("This card expired on {date}.").format(date=format_date(self._expiry))
                if self._expiry
                else self.tr("The validity period of this card has ended."),
                (
                    take_out,
                    self.tr(
                        "Apply for a replacement card at a counter. "
                        "Bring this card and your ID card."
                    ),
                ),
            ),
            CardProblem.TEMPORARY_LOSS.value: _Text(
                "lock",
                "warn",
                self.tr("This card is under a temporary loss report"),
                self.tr("It was reported lost, so it is blocked for now to protect you."),
                (
                    self.tr(
                        "If you have found your card, you can cancel the loss report here: "
                        "tap Cancel the loss report and enter the card's PIN."
                    ),
                    self.tr("Otherwise, take the card out."),
                ),
            ),
            CardProblem.TEMPORARY_LOSS_PIN_BLOCKED.value: _Text(
                "lock",
                "error",
                self.tr("This card is under a temporary loss report and its PIN is blocked"),
                self.tr(
                    "It was reported lost, so it is blocked for now to protect you. Its PIN was "
                    "entered wrongly too many times, so the loss report cannot be cancelled at "
                    "this kiosk."
                ),
                (
                    take_out,
                    self.tr(
                        "Go to a counter with this card and your ID card. Staff there can "
                        "unblock the PIN and cancel the loss report."
                    ),
                ),
            ),
            CardProblem.LOST.value: self._lost_text(take_out),
            CardProblem.REPLACED.value: _Text(
                "card-alert",
                "error",
                self.tr("This card has been replaced"),
                self.tr("A new card was issued in its place, so this card can no longer be used."),
                (
                    take_out,
                    self.tr("Please use your new card."),
                    self.tr("For help, go to a counter with your ID card."),
                ),
            ),
            CardProblem.CANCELLED.value: _Text(
                "error",
                "error",
                self.tr("This card has been cancelled"),
                self.tr("This card can no longer be used."),
                (take_out, self.tr("To get a new card, go to a counter with your ID card.")),
            ),
            CardProblem.PIN_BLOCKED.value: _Text(
                "lock",
                "error",
                self.tr("Your card's PIN is blocked"),
                self.tr(
                    "The PIN was entered wrongly too many times, so the card has locked it to "
                    "protect you. No more tries are possible."
                ),
                (
                    take_out,
                    self.tr("Go to a counter with this card and your ID card to unblock it."),
                ),
            ),
            CardProblem.BACKEND_OFFLINE.value: _Text(
                "cloud-off",
                "warn",
                self.tr("Your records cannot be reached right now"),
                self.tr(
                    "The kiosk cannot connect to the social security system at the moment. "
                    "This is not a fault of your card."
                ),
                (take_out, self.tr("Please try again later, or go to a counter.")),
            ),
            READER_UNAVAILABLE: _Text(
                "reader",
                "warn",
                self.tr("The card reader is not working right now"),
                self.tr("Until it is repaired, this kiosk cannot read cards."),
                (self.tr("Please use a counter, or try again later."),),
            ),
        }
        return texts.get(key)

    def _lost_text(self, take_out: str) -> _Text:
        """A final loss report: with the new card under way, when and where to collect it."""
        title = self.tr("This card has been reported lost")
        reissue = self._reissue
        if reissue is None:
            return _Text(
                "card-alert",
                "error",
                title,
                self.tr("A final loss report was made for this card, so it can no longer be used."),
                (take_out, self.tr("To get a new card, go to a counter with your ID card.")),
            )
        language = current_language()
        outlet = reissue.outlet
        if reissue.ready:
            what = self.tr(
                "A final loss report was made for this card, so it can no longer be used. "
                "Your new card is ready to collect."
            )
            when = Fact(self.tr("Ready for collection"), self.tr("Now"))
        else:
            what = self.tr(
                "A final loss report was made for this card, so it can no longer be used. "
                "A new card is being made for you."
            )
            day = format_date(reissue.expected_date)
            if not reissue.date_exact:
                day = self.tr("About {date}").format(date=day)
            when = Fact(self.tr("Ready from"), day)
        return _Text(
            "card-alert",
            "error",
            title,
            what,
            (
                take_out,
                self.tr(
                    "Collect your new card at the outlet above. Bring your ID card and your "
                    "card receipt voucher."
                ),
            ),
            details=(
                when,
                Fact(self.tr("Collect at"), outlet.name_in(language)),
                Fact(self.tr("Address"), outlet.address_in(language), strong=False),
                Fact(self.tr("Opening hours"), outlet.hours_in(language), strong=False),
            ),
        )

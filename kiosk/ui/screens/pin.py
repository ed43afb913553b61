"""The PIN screen (PRODUCT.md flow 3): the step bar, the keypad, and the tries left, shown
before the first attempt, after each wrong PIN, and as a clear warning when one try is left.
The PIN itself goes from the keypad to `pin_entered` as a bytearray and nowhere else."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.flows.business import PIN_PURPOSES, Phase
from kiosk.flows.citizen import PinPurpose
from kiosk.ui.screens.base import Screen
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.keypad import Keypad
from kiosk.ui.widgets.parts import Notice, centred_column, make_label
from kiosk.ui.widgets.stepbar import StepBar, card_steps, phase_labels


class PinScreen(Screen):
    name = "pin"

    pin_entered = Signal(object)  # bytearray of six ASCII digits; the receiver wipes it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tries: int | None = None
        self._after_wrong = False
        self._busy = False
        self._purpose = PinPurpose.RECORDS
        column = centred_column(self)
        self.step_bar = StepBar(current=1, parent=self)

        self.title = make_label("title", object_name="pinTitle")
        self.instructions = make_label("lead", object_name="pinInstructions")
        self.tries_notice = Notice("pinTries", self)
        self.busy_label = Notice("pinBusy", self)
        self.busy_label.set_tone("info", "clock")
        self.forgot_label = make_label("muted", object_name="pinForgot")
        self.keypad = Keypad(self)
        self.keypad.setMaximumWidth(520)

        text = QVBoxLayout()
        text.setSpacing(SPACING.l)
        text.addWidget(self.title)
        text.addWidget(self.instructions)
        text.addWidget(self.tries_notice)
        text.addWidget(self.busy_label)
        text.addSpacing(SPACING.s)
        text.addWidget(self.forgot_label)
        text.addStretch(1)

        body = QHBoxLayout()
        body.setSpacing(SPACING.xxl)
        body.addLayout(text, 5)
        body.addWidget(self.keypad, 4, Qt.AlignmentFlag.AlignTop)

        column.addWidget(self.step_bar)
        column.addStretch(1)
        column.addLayout(body)
        column.addStretch(2)

        self.keypad.pin_complete.connect(self.pin_entered)
        self.busy_label.hide()
        self.tries_notice.hide()
        self.retranslate()

    # For the controller ------------------------------------------------------------------------

    @property
    def tries_left(self) -> int | None:
        return self._tries

    def set_tries(self, tries_left: int, after_wrong: bool = False) -> None:
        """How many tries the card has left, and whether a wrong PIN was just entered."""
        self._tries = tries_left
        self._after_wrong = after_wrong
        self._render_tries()

    def set_busy(self, busy: bool) -> None:
        """While VERIFY runs: the keypad is locked and the screen says what is happening."""
        self._busy = busy
        self.keypad.setEnabled(not busy)
        self.busy_label.setVisible(busy)
        self._render_tries()  # the last attempt's outcome gives way to "checking"
        if not busy and self.isVisible():
            self.keypad.setFocus()

    def clear(self) -> None:
        self.keypad.clear()

    def set_purpose(self, purpose: PinPurpose) -> None:
        """What the PIN is for decides the step bar: the records (the card's own three steps),
        or the business it opens, whose bar the wizard's screens then go on showing."""
        if purpose is self._purpose:
            return
        self._purpose = purpose
        business = PIN_PURPOSES.get(purpose)
        if business is None:
            self.step_bar.set_steps(card_steps, 1)
            return
        phases = business.phases
        self.step_bar.set_steps(
            lambda: phase_labels(phases, reissue=purpose is PinPurpose.REPLACE),
            phases.index(Phase.PIN),
        )

    # Texts ---------------------------------------------------------------------------------------

    def _render_tries(self) -> None:
        n = self._tries
        # Unknown, blocked (another screen says so), already verified, or being checked now.
        if n is None or n <= 0 or self._busy:
            self.tries_notice.hide()
            self.tries_notice.set_text("")  # nothing of the last card's tries left behind
            self.tries_notice.setAccessibleName("")
            return
        if n == 1:
            self.tries_notice.set_tone("warn")
            text = (
                self.tr("Wrong PIN. Only 1 try left: one more wrong PIN will block your card.")
                if self._after_wrong
                else self.tr("Only 1 try left: one more wrong PIN will block your card.")
            )
        elif self._after_wrong:
            self.tries_notice.set_tone("error")
            text = self.tr("Wrong PIN. {n} tries left.").format(n=n)
        else:
            self.tries_notice.set_tone("info")
            text = self.tr("You have {n} tries.").format(n=n)
        self.tries_notice.set_text(text)
        self.tries_notice.setAccessibleName(text)
        self.tries_notice.show()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Enter your card PIN"))
        self.instructions.setText(
            self.tr("Type the 6-digit PIN of your social security card, then press OK.")
        )
        self.busy_label.set_text(self.tr("Checking your PIN…"))
        self.forgot_label.setText(
            self.tr("Forgot your PIN? A counter can reset it when you show your ID card.")
        )
        self._render_tries()

    def wipe(self) -> None:
        super().wipe()
        self.keypad.clear()
        self._tries = None
        self._after_wrong = False
        self.set_busy(False)
        self.set_purpose(PinPurpose.RECORDS)
        self._render_tries()

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        # Physical keyboards (and the technician's) type straight into the keypad.
        self.keypad.setFocus()

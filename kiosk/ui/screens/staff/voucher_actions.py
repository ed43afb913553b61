"""The pages of one action on a voucher (kiosk.flows.staff_voucher_actions): reprint with a
reason, move a reissue's progress, hand over the new card, record the medical reimbursement.
Each shows the voucher in one line, then its inputs, or, when the action cannot be done, why
not in plain words. The words of the actions' refusals and outcomes are the desk's
(kiosk.ui.screens.staff.desk_words), shared with the voucher page. Texts are translated in
the context "StaffScreen".
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain import vocabulary
from kiosk.domain.desk import (
    REASON_MAX_CHARS,
    REPRINT_REASONS,
    REVIEWER_MAX_CHARS,
    ReprintReason,
)
from kiosk.domain.journal import ReissueProgress
from kiosk.flows.staff_voucher_actions import (
    PAGES,
    ActionKind,
    ActionNotice,
    ActionView,
    VoucherAction,
)
from kiosk.ui.i18n import words
from kiosk.ui.screens.staff.base import Send, StaffScreen
from kiosk.ui.screens.staff.desk_words import refusal_text, voucher_line
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.datestep import DateStepper
from kiosk.ui.widgets.entry import EntryField
from kiosk.ui.widgets.fields import AmountField
from kiosk.ui.widgets.keyboard import Keyboard, TextField
from kiosk.ui.widgets.parts import Notice as NoticeBox
from kiosk.ui.widgets.parts import OneLineLabel, make_label, make_pill, set_tone
from kiosk.ui.widgets.textpad import DECIMAL, TextPad

# Each text names its context and source literally, so that pyside6-lupdate finds it.
translate = QCoreApplication.translate


# Words --------------------------------------------------------------------------------------------


def notice_words(notice: ActionNotice) -> str:
    texts = {
        ActionNotice.REASON_REQUIRED: translate(
            "StaffScreen", "Choose why it is printed again (for Other, type it)."
        ),
        ActionNotice.REASON_TOO_LONG: translate(
            "StaffScreen", "The reason is too long: at most {n} characters."
        ).format(n=REASON_MAX_CHARS),
        ActionNotice.AMOUNT_INVALID: translate(
            "StaffScreen",
            "Enter the amount in yuan, with at most two decimals (for example 1234.50).",
        ),
        ActionNotice.REVIEWER_REQUIRED: translate(
            "StaffScreen", "Enter the name of who reviewed the expenses."
        ),
        ActionNotice.REVIEW_DATE_INVALID: translate(
            "StaffScreen", "The review date is between the voucher's date and today."
        ),
        ActionNotice.PRINTER_OFFLINE: translate(
            "StaffScreen",
            "The printer is not available. Nothing was printed or recorded; "
            "check the printer, then print again.",
        ),
        ActionNotice.OUT_OF_PAPER: translate(
            "StaffScreen",
            "The printer is out of paper. Nothing was recorded; load paper, then print again.",
        ),
        ActionNotice.PRINT_FAILED: translate(
            "StaffScreen",
            "The printer reported a fault. Nothing was recorded; check it, then print again.",
        ),
        ActionNotice.DATABASE: translate(
            "StaffScreen",
            "The kiosk's database did not answer. Nothing was done; please try again.",
        ),
        ActionNotice.CENTRE: translate(
            "StaffScreen",
            "The central service cannot be reached, so this voucher's progress cannot be "
            "checked. Nothing was done; please try again later.",
        ),
        ActionNotice.FAILED: translate(
            "StaffScreen",
            "That did not work. Go back to the voucher and look at it before trying again.",
        ),
    }
    return texts[notice]


def _error_notice(notice: ActionNotice) -> bool:
    return notice in (ActionNotice.DATABASE, ActionNotice.CENTRE, ActionNotice.FAILED)


# The pages ---------------------------------------------------------------------------------------


class ActionScreen(StaffScreen):
    """An action's page: its title with the voucher's line beside it, then `form` with the
    inputs, replaced by the refusal when the action cannot be done. What to put right
    (`notice`) takes the title's row while it is shown, as on the login screen: nothing below
    moves, and the keyboard pages fit 1280x800 in large text."""

    kind: ClassVar[ActionKind]
    prefix: ClassVar[str]  # objectName stem: staffReprint...

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for moved in (self.title, self.lead):
            self.layout().removeWidget(moved)
        self.lead.deleteLater()  # the voucher's line, beside the title, never wrapped
        self.lead = OneLineLabel("lead", object_name=f"{self.prefix}Voucher")
        self.title.setWordWrap(False)
        title_row = QWidget()
        row = QHBoxLayout(title_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(SPACING.l)
        row.addWidget(self.title, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.lead, 1, Qt.AlignmentFlag.AlignVCenter)
        self.notice = NoticeBox(f"{self.prefix}Notice")
        self.heading = QStackedWidget()
        self.heading.addWidget(title_row)
        self.heading.addWidget(self.notice)
        self.layout().insertWidget(1, self.heading)
        self.form = QWidget()
        self.form.setObjectName(f"{self.prefix}Form")
        self.form_layout = QVBoxLayout(self.form)
        self.form_layout.setContentsMargins(0, 0, 0, 0)
        self.form_layout.setSpacing(SPACING.m)
        self.refused = NoticeBox(f"{self.prefix}Refused")
        self.refused.set_tone("error")
        refused_page = QWidget()
        refused_layout = QVBoxLayout(refused_page)
        refused_layout.setContentsMargins(0, 0, 0, 0)
        refused_layout.addWidget(self.refused)
        refused_layout.addStretch(1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.form)
        self.stack.addWidget(refused_page)
        self.body.addWidget(self.stack, 1)
        self.view: ActionView | None = None

    def show_view(self, view: ActionView) -> None:
        self.view = view
        self.lead.setText(voucher_line(view.voucher))
        self.lead.setAccessibleName(self.lead.text())
        if view.refusal is not None:
            self.refused.set_text(refusal_text(view.refusal, view.voucher))
            self.stack.setCurrentIndex(1)
        else:
            self.stack.setCurrentIndex(0)
        if view.notice is not None:
            self.notice.set_tone("error" if _error_notice(view.notice) else "warn")
            self.notice.set_text(notice_words(view.notice))
        self.heading.setCurrentIndex(0 if view.notice is None else 1)
        self.render(view)

    def render(self, view: ActionView) -> None:
        """The inputs as the view has them (each page)."""

    def retranslate(self) -> None:
        if self.view is not None:
            self.show_view(self.view)

    def wipe(self) -> None:
        super().wipe()
        self.view = None
        self.lead.clear()
        self.refused.set_text("")
        self.heading.setCurrentIndex(0)
        self.stack.setCurrentIndex(0)


class ReprintScreen(ActionScreen):
    """Why it is printed again (a preset, or Other typed on the keyboard), then Print. Other
    puts the field and the keyboard where the presets were (all of it would not fit 1280x800
    in large text); "Other reasons" brings the presets back."""

    name = PAGES[ActionKind.REPRINT]
    kind = ActionKind.REPRINT
    prefix = "staffReprint"
    reason_chosen = Signal(str)  # a ReprintReason value, "" for none (the presets again)
    print_clicked = Signal(str)  # the text typed for Other ("" for a preset)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reason_caption = make_label("heading", object_name="staffReprintReasonCaption")
        self.reasons: dict[ReprintReason, KioskButton] = {}
        group = QButtonGroup(self)
        group.setExclusive(True)
        grid = QGridLayout()
        grid.setSpacing(SPACING.s)
        for i, reason in enumerate(ReprintReason):
            button = KioskButton(f"staffReprintReason_{reason.value}", kind="segment")
            button.setCheckable(True)
            button.setProperty("role", "choice")
            button.clicked.connect(lambda _=False, r=reason: self.reason_chosen.emit(r.value))
            group.addButton(button)
            self.reasons[reason] = button
            grid.addWidget(button, i // 2, i % 2)
        self.presets = QWidget()
        presets = QVBoxLayout(self.presets)
        presets.setContentsMargins(0, 0, 0, 0)
        presets.setSpacing(SPACING.s)
        presets.addWidget(self.reason_caption)
        presets.addLayout(grid)
        self.mark = make_label("body", object_name="staffReprintMark")
        presets.addWidget(self.mark)
        self.other_field = TextField("staffReprintOther", REASON_MAX_CHARS)
        self.other_field.caption.setVisible(False)  # the title says it: room for the keyboard
        self.keyboard = Keyboard(object_name="staffReprintKeyboard")
        self.keyboard.set_target(self.other_field)
        self.presets_button = KioskButton(
            "staffReprintPresets", kind="secondary", icon_name="chevron-left"
        )
        self.presets_button.clicked.connect(lambda: self.reason_chosen.emit(""))
        self.print_button = KioskButton("staffReprintPrint", kind="primary", icon_name="printer")
        row = QHBoxLayout()
        row.setSpacing(SPACING.m)
        row.addWidget(self.other_field, 1, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.presets_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.form_layout.setSpacing(SPACING.s)  # the field close to its keyboard
        self.form_layout.addWidget(self.presets)
        self.form_layout.addLayout(row)
        self.form_layout.addWidget(self.keyboard)
        self.form_layout.addStretch(1)
        self.other_field.message.setVisible(False)
        self.other_field.set_active(True)
        self.other_field.changed.connect(self._refresh)
        self.keyboard.enter.connect(self._print)
        self.print_button.clicked.connect(self._print)
        for widget in (self.other_field, self.presets_button, self.keyboard):
            widget.setVisible(False)  # the presets first: the page as wipe() leaves it
        self._refresh()
        self.retranslate()

    def _other(self) -> bool:
        return self.view is not None and self.view.reason is ReprintReason.OTHER

    def _print(self) -> None:
        if self.print_button.isEnabled():
            self.print_clicked.emit(self.other_field.text if self._other() else "")

    def _refresh(self) -> None:
        view = self.view
        ready = view is not None and view.reason is not None and not view.busy
        self.print_button.setEnabled(ready and (not self._other() or self.other_field.is_valid))

    def render(self, view: ActionView) -> None:
        for reason, button in self.reasons.items():
            button.setChecked(reason is view.reason)
            button.set_text(words(REPRINT_REASONS[reason]))
            button.setEnabled(not view.busy)
        other = view.reason is ReprintReason.OTHER
        self.title.setText(
            translate("StaffScreen", "Reprint: other reason")
            if other
            else translate("StaffScreen", "Reprint")
        )
        self.presets.setVisible(not other)
        self.other_field.setVisible(other)
        self.presets_button.setVisible(other)
        self.presets_button.setEnabled(not view.busy)
        self.keyboard.setVisible(other)
        self.keyboard.setEnabled(not view.busy)
        self.mark.setText(
            translate(
                "StaffScreen",
                "It prints marked 补打 / REPRINT {n}, with your name and the reason on record.",
            ).format(n=view.voucher.prints)
        )
        self.print_button.set_text(
            translate("StaffScreen", "Printing…")
            if view.busy
            else translate("StaffScreen", "Print again")
        )
        self._refresh()

    def retranslate(self) -> None:
        self.title.setText(translate("StaffScreen", "Reprint"))  # and render()
        self.reason_caption.setText(translate("StaffScreen", "Why is it printed again?"))
        self.other_field.set_caption(translate("StaffScreen", "Other reason, in a few words"))
        self.presets_button.set_text(translate("StaffScreen", "The usual reasons"))
        if self.view is None:
            self.print_button.set_text(translate("StaffScreen", "Print again"))
        super().retranslate()

    def wipe(self) -> None:
        super().wipe()
        self.other_field.clear()
        self.keyboard.reset()
        for button in self.reasons.values():
            button.setChecked(False)
        self.presets.setVisible(True)
        for widget in (self.other_field, self.presets_button, self.keyboard):
            widget.setVisible(False)


class ProgressScreen(ActionScreen):
    """Where the new card is now, and the steps forward as buttons (never back)."""

    name = PAGES[ActionKind.PROGRESS]
    kind = ActionKind.PROGRESS
    prefix = "staffProgress"
    step_chosen = Signal(str)  # a ReissueProgress value

    STEPS = (ReissueProgress.IN_PRODUCTION, ReissueProgress.READY)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.now_caption = make_label("fieldLabel", object_name="staffProgressNowCaption")
        self.now = make_pill("staffProgressNow")
        self.steps_caption = make_label("heading", object_name="staffProgressStepsCaption")
        self.explanation = make_label("body", object_name="staffProgressExplanation")
        self.buttons: dict[ReissueProgress, KioskButton] = {}
        steps = QHBoxLayout()
        steps.setSpacing(SPACING.m)
        for step in self.STEPS:
            button = KioskButton(
                f"staffProgressTo_{step.value}", kind="primary", icon_name="chevron-right"
            )
            button.setMinimumHeight(SPACING.touch + SPACING.m)
            button.clicked.connect(lambda _=False, s=step: self.step_chosen.emit(s.value))
            self.buttons[step] = button
            steps.addWidget(button, 1)
        now = QHBoxLayout()
        now.setSpacing(SPACING.m)
        now.addWidget(self.now_caption, 0, Qt.AlignmentFlag.AlignVCenter)
        now.addWidget(self.now, 0, Qt.AlignmentFlag.AlignVCenter)
        now.addStretch(1)
        self.form_layout.addLayout(now)
        self.form_layout.addSpacing(SPACING.s)
        self.form_layout.addWidget(self.steps_caption)
        self.form_layout.addLayout(steps)
        self.form_layout.addWidget(self.explanation)
        self.form_layout.addStretch(1)
        self.retranslate()

    def render(self, view: ActionView) -> None:
        progress = view.voucher.progress
        self.now.setText(words(vocabulary.PROGRESS[progress]) if progress else "")
        set_tone(self.now, "info")
        for step, button in self.buttons.items():
            button.setVisible(step in view.steps)
            button.setEnabled(not view.busy)
            button.set_text(words(vocabulary.PROGRESS[step]))

    def retranslate(self) -> None:
        self.title.setText(translate("StaffScreen", "New card's progress"))
        self.now_caption.setText(translate("StaffScreen", "Now:"))
        self.steps_caption.setText(translate("StaffScreen", "Move it on to:"))
        self.explanation.setText(
            translate(
                "StaffScreen",
                "The citizen's voucher lookup shows the new progress at once. Progress never "
                "moves back; the hand-over marks the card collected.",
            )
        )
        super().retranslate()


class HandOverScreen(ActionScreen):
    """What to check (the seeds: the original ID card and the card receipt voucher), the
    check confirmed on a large toggle, then Hand over."""

    name = PAGES[ActionKind.HAND_OVER]
    kind = ActionKind.HAND_OVER
    prefix = "staffHandOver"
    id_checked_changed = Signal(bool)
    hand_over_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checklist_caption = make_label("heading", object_name="staffHandOverCheckCaption")
        self.checklist = [
            make_label("lead", object_name=f"staffHandOverCheck{i}") for i in range(3)
        ]
        self.toggle = KioskButton("staffHandOverIdChecked", kind="segment", icon_name="id-card")
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self._toggled)
        self.hand_over_button = KioskButton("staffHandOverButton", kind="primary", icon_name="card")
        for button in (self.toggle, self.hand_over_button):
            button.setProperty("size", "large")  # staff.qss: the toggle is the page's point
        self.hand_over_button.clicked.connect(self.hand_over_clicked)
        self.form_layout.addWidget(self.checklist_caption)
        for label in self.checklist:
            self.form_layout.addWidget(label)
        row = QHBoxLayout()
        row.setSpacing(SPACING.l)
        row.addWidget(self.toggle, 1)
        row.addWidget(self.hand_over_button, 0)
        self.form_layout.addSpacing(SPACING.s)
        self.form_layout.addLayout(row)
        self.form_layout.addStretch(1)
        self._rendering = False
        self.retranslate()

    def _toggled(self, checked: bool) -> None:
        if not self._rendering:
            self.id_checked_changed.emit(checked)

    def render(self, view: ActionView) -> None:
        self._rendering = True
        self.toggle.setChecked(view.id_checked)
        self._rendering = False
        self.toggle.set_icon_name("check-circle" if view.id_checked else "id-card")
        self.toggle.setEnabled(not view.busy)
        self.hand_over_button.setEnabled(view.id_checked and not view.busy)

    def retranslate(self) -> None:
        self.title.setText(translate("StaffScreen", "Hand over the new card"))
        self.checklist_caption.setText(
            translate("StaffScreen", "Before you hand over the new card, check:")
        )
        items = (
            translate(
                "StaffScreen",
                "1. The cardholder's original ID card (or household register), and the face.",
            ),
            translate("StaffScreen", "2. The card receipt voucher: this number, scanned or typed."),
            translate(
                "StaffScreen",
                "3. Someone collecting for the cardholder: their own original ID card too.",
            ),
        )
        for label, text in zip(self.checklist, items, strict=True):
            label.setText(text)
        self.toggle.set_text(
            translate("StaffScreen", "I have checked the citizen's original ID card")
        )
        self.hand_over_button.set_text(
            translate("StaffScreen", "Hand over"),
            translate("StaffScreen", "Hand over the new card"),
        )
        super().retranslate()

    def wipe(self) -> None:
        super().wipe()
        self._rendering = True
        self.toggle.setChecked(False)
        self._rendering = False


class ReimburseScreen(ActionScreen):
    """The amount in yuan on a decimal pad, the reviewer (the clerk unless changed on the
    keyboard), the review date with − and +, then Record."""

    name = PAGES[ActionKind.REIMBURSE]
    kind = ActionKind.REIMBURSE
    prefix = "staffReimburse"
    date_stepped = Signal(int)
    record_clicked = Signal(str, str)  # the amount as typed, the reviewer

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.amount_field = AmountField("staffReimburseAmount")
        self.reviewer_field = TextField("staffReimburseReviewer", REVIEWER_MAX_CHARS)
        self.reviewer_field.message.setVisible(False)
        self.amount_field.message.setVisible(False)  # the record button says the amount
        self.date = DateStepper("staffReimburseDate")
        self.record_button = KioskButton("staffReimburseRecord", kind="primary", icon_name="check")
        self.pad = TextPad(DECIMAL, object_name="staffReimbursePad")
        self.keyboard = Keyboard(object_name="staffReimburseKeyboard")
        self.keys = QStackedWidget()
        self.keys.addWidget(self.pad)
        self.keys.addWidget(self.keyboard)
        fields = QVBoxLayout()
        fields.setSpacing(SPACING.s)
        for widget in (self.amount_field, self.reviewer_field, self.date):
            fields.addWidget(widget)
        fields.addStretch(1)
        keys = QVBoxLayout()
        keys.setSpacing(SPACING.s)
        keys.addWidget(self.keys)
        keys.addStretch(1)
        keys.addWidget(self.record_button, 0, Qt.AlignmentFlag.AlignRight)
        row = QHBoxLayout()
        row.setSpacing(SPACING.xl)
        row.addLayout(fields, 2)
        row.addLayout(keys, 3)
        self.form_layout.addLayout(row)
        self.form_layout.addStretch(1)
        self.amount_field.activated.connect(lambda: self._type_into(self.amount_field))
        self.reviewer_field.activated.connect(lambda: self._type_into(self.reviewer_field))
        for field in (self.amount_field, self.reviewer_field):
            field.changed.connect(self._refresh)
        self.keyboard.enter.connect(self._record)
        self.record_button.clicked.connect(self._record)
        self.date.stepped.connect(self.date_stepped)
        self._shown_for: str | None = None  # the voucher the reviewer was filled in for
        self._type_into(self.amount_field)
        self.retranslate()

    def _type_into(self, field: EntryField) -> None:
        self.amount_field.set_active(field is self.amount_field)
        self.reviewer_field.set_active(field is self.reviewer_field)
        if field is self.amount_field:
            self.pad.set_target(self.amount_field)
            self.keyboard.set_target(None)
            self.keys.setCurrentWidget(self.pad)
        else:
            self.keyboard.set_target(self.reviewer_field)
            self.pad.set_target(None)
            self.keys.setCurrentWidget(self.keyboard)

    def _record(self) -> None:
        if self.record_button.isEnabled():
            self.record_clicked.emit(self.amount_field.text, self.reviewer_field.text)

    def _refresh(self) -> None:
        view = self.view
        ready = view is not None and view.reviewed_on is not None and not view.busy
        amount = self.amount_field.hint() if self.amount_field.is_valid else ""
        self.record_button.set_text(
            translate("StaffScreen", "Record {amount}").format(amount=amount)
            if amount
            else translate("StaffScreen", "Record")
        )
        self.record_button.setEnabled(bool(amount) and ready and self.reviewer_field.is_valid)

    def render(self, view: ActionView) -> None:
        if self._shown_for != view.voucher.number and view.reviewer:
            self.reviewer_field.set_text(view.reviewer)
            self._shown_for = view.voucher.number
        latest = view.today or view.earliest_review
        self.date.show_date(view.reviewed_on, earliest=view.earliest_review, latest=latest)
        for widget in (self.keys, self.date, self.amount_field, self.reviewer_field):
            widget.setEnabled(not view.busy)
        self._refresh()

    def retranslate(self) -> None:
        self.title.setText(translate("StaffScreen", "Medical reimbursement"))
        self.amount_field.set_caption(translate("StaffScreen", "Amount (yuan)"))
        self.reviewer_field.set_caption(translate("StaffScreen", "Reviewed by"))
        self.date.set_caption(translate("StaffScreen", "Reviewed on"))
        self._refresh()
        super().retranslate()

    def wipe(self) -> None:
        super().wipe()
        self.amount_field.clear()
        self.reviewer_field.clear()
        self._shown_for = None
        self.keyboard.reset()
        self._type_into(self.amount_field)


# The area's screens and their wiring -------------------------------------------------------------


def make() -> list[StaffScreen]:
    return [ReprintScreen(), ProgressScreen(), HandOverScreen(), ReimburseScreen()]


def connect(screens: dict[str, StaffScreen], send: Send) -> None:
    """The pages' signals to the open action (the desk area's `sub`)."""

    def to_action(fn: Any) -> None:
        send(VoucherAction, fn)

    reprint = screens[PAGES[ActionKind.REPRINT]]
    assert isinstance(reprint, ReprintScreen)
    reprint.reason_chosen.connect(
        lambda value: to_action(lambda a: a.choose_reason(ReprintReason(value) if value else None))
    )
    reprint.print_clicked.connect(lambda typed: to_action(lambda a: a.reprint(typed)))
    progress = screens[PAGES[ActionKind.PROGRESS]]
    assert isinstance(progress, ProgressScreen)
    progress.step_chosen.connect(
        lambda value: to_action(lambda a: a.move_to(ReissueProgress(value)))
    )
    hand_over = screens[PAGES[ActionKind.HAND_OVER]]
    assert isinstance(hand_over, HandOverScreen)
    hand_over.id_checked_changed.connect(
        lambda checked: to_action(lambda a: a.set_id_checked(checked))
    )
    hand_over.hand_over_clicked.connect(lambda: to_action(lambda a: a.hand_over()))
    reimburse = screens[PAGES[ActionKind.REIMBURSE]]
    assert isinstance(reimburse, ReimburseScreen)
    reimburse.date_stepped.connect(lambda days: to_action(lambda a: a.step_review_date(days)))
    reimburse.record_clicked.connect(
        lambda amount, reviewer: to_action(lambda a: a.record_reimbursement(amount, reviewer))
    )

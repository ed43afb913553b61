"""What the business screens share: the head of the first steps that lay out their own page
(identify, agent, what happened, voucher lookup and its result); the page layout of the later
ones (outlet, materials, pickup date, review, confirm, receipt: step bar, title, one sentence of
guidance, a scrolling body and an action row); the name of each business, its reason and an
agent's relationship in the words vouchers print (kiosk.domain.vocabulary), outlets, dates
and fees in the language shown, and the ID number (typed or read from the ID card) with the
mobile number that identification and the voucher lookup ask for. Texts here are translated
in the context "BusinessScreen"."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QObject, Qt, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from kiosk.domain import vocabulary
from kiosk.domain.business import Business
from kiosk.domain.records import Outlet
from kiosk.flows.business import BusinessView, Choice, Purpose
from kiosk.ui.i18n import CHINESE, current_language, format_date, format_yuan, words
from kiosk.ui.icons import pixmap
from kiosk.ui.screens.base import Screen
from kiosk.ui.theme import PALETTE, SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.fields import FieldGroup, IdNumberField, MobileField
from kiosk.ui.widgets.idcardpanel import IdCardPanel
from kiosk.ui.widgets.parts import Notice, centred_column, make_label, scroll_area
from kiosk.ui.widgets.stepbar import BusinessStepBar


def business_of(view: BusinessView) -> Business | None:
    """Which business a view is about; None while a loss report has no choice yet."""
    if view.purpose is Purpose.CANCEL_LOSS:
        return Business.CANCEL
    if view.purpose is Purpose.REPLACE_DAMAGED:
        return Business.DAMAGED
    if view.purpose is Purpose.LOSS_REPORT:
        if view.choice is Choice.TEMPORARY:
            return Business.TEMPORARY
        if view.choice in (Choice.LOST, Choice.STOLEN):
            return Business.FINAL
    return None


def business_name(view: BusinessView) -> str:
    """The business in words, as a heading and as the voucher prints it: "Temporary loss
    report"; empty while a loss report has no choice yet."""
    business = business_of(view)
    return "" if business is None else words(vocabulary.BUSINESSES[business])


def reason_words(view: BusinessView) -> str:
    """Why the business is done (the card lost, stolen, damaged or missing), as the voucher
    prints it; empty for a cancellation and while a loss report has no choice yet."""
    business = business_of(view)
    if business is None or business is Business.CANCEL:
        return ""
    return words(vocabulary.reason(business, view.reissue_reason))


def relationship_words(key: str) -> str:
    """An agent's relationship ("child") in words, as the agent screen offers it and the voucher
    prints it; an unknown key is "other"."""
    return words(vocabulary.relationship(key))


def no_match_text(attempts_left: int | None) -> str:
    """A wrong ID number + mobile pair, in two short lines (they must fit beside the lookup's
    mode buttons in large text): what is wrong, never which of the two, and the tries this ID
    number has left before the back end locks it (S8)."""
    what = QCoreApplication.translate("BusinessScreen", "These numbers do not match.")
    if attempts_left == 1:
        tries = QCoreApplication.translate(
            "BusinessScreen", "Check both: 1 try left, then the ID number is locked."
        )
    elif attempts_left is not None and attempts_left > 1:
        tries = QCoreApplication.translate(
            "BusinessScreen", "Check both and try again ({n} tries left)."
        ).format(n=attempts_left)
    else:
        tries = QCoreApplication.translate("BusinessScreen", "Check both and try again.")
    return f"{what}\n{tries}"


def id_card_no_match_text(attempts_left: int | None, as_agent: bool) -> str:
    """A wrong pair after an ID card was read: the ID card may be the wrong person's (an agent
    who laid their own). Still never which of the two does not match, with the tries left."""
    what = QCoreApplication.translate(
        "BusinessScreen", "This ID card and the mobile number do not match."
    )
    if as_agent:
        hint = QCoreApplication.translate(
            "BusinessScreen",
            "Lay the cardholder's ID card, not your own, and type their registered mobile number.",
        )
    else:
        hint = QCoreApplication.translate(
            "BusinessScreen",
            "If this ID card is not the cardholder's, tap 'I am reporting for someone else'.",
        )
    tries = no_match_text(attempts_left).split("\n", 1)[1]
    return f"{what} {hint}\n{tries}"


def group_voucher_number(number: str) -> str:
    """BJCY01-20251103-000017-R shown with gaps at the dashes: easier to read out and copy, and
    a long number can wrap there in large text instead of running off the screen."""
    return number.replace("-", " - ")


def outlet_name(outlet: Outlet) -> str:
    return outlet.name_in(current_language())


def outlet_address(outlet: Outlet) -> str:
    return outlet.address_in(current_language())


def outlet_lines(outlet: Outlet) -> list[str]:
    """Address, opening hours and phone, one line each."""
    lines = [outlet_address(outlet)]
    lines.append(
        QCoreApplication.translate("BusinessScreen", "Opening hours: {hours}").format(
            hours=outlet.hours_in(current_language())
        )
    )
    if outlet.phone:
        lines.append(
            QCoreApplication.translate("BusinessScreen", "Phone: {phone}").format(
                phone=outlet.phone
            )
        )
    return lines


_WEEKDAYS_ZH = ("一", "二", "三", "四", "五", "六", "日")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def format_day(day: dt.date) -> str:
    """2025年11月24日 星期一 / Monday 24 Nov 2025: a date to plan a trip by."""
    if current_language() == CHINESE:
        # Chinese may break between any two characters; U+2060 WORD JOINER keeps the date and
        # the weekday whole, so a narrow column breaks only at the space between them.
        date, weekday = format_date(day), f"星期{_WEEKDAYS_ZH[day.weekday()]}"
        return f"{_unbroken(date)} {_unbroken(weekday)}"
    return f"{_WEEKDAYS_EN[day.weekday()]} {format_date(day)}"


def _unbroken(text: str) -> str:
    return "\u2060".join(text)


def format_fee(fee_fen: int) -> str:
    return words(vocabulary.FREE) if fee_fen == 0 else format_yuan(fee_fen)


def icon_label(name: str, size: int = 32, colour: str = PALETTE.brand) -> QLabel:
    label = QLabel()
    label.setPixmap(pixmap(name, colour, size))
    label.setFixedSize(size + 8, size + 8)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


PRIMARY_MIN_WIDTH = 280


def primary_button(object_name: str, icon_name: str, *, arrow: bool = False) -> KioskButton:
    """The screen's main button ("Next", "Search"), which every wizard page puts in the same
    place, at the right of its action row; with `arrow`, the icon comes after the text."""
    button = KioskButton(object_name, kind="primary", icon_name=icon_name)
    if arrow:
        button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    button.setMinimumWidth(PRIMARY_MIN_WIDTH)
    return button


def action_row(note: QLabel) -> QHBoxLayout:
    """The row at the foot of a wizard page: `note` at the left, the buttons at the right."""
    row = QHBoxLayout()
    row.setSpacing(SPACING.l)
    row.addWidget(note, 1, Qt.AlignmentFlag.AlignVCenter)
    return row


class MessageSlot(QStackedWidget):
    """A screen's heading (its title and lead), or in its place a notice: what the last tap
    of the primary button found wrong. The slot is as tall as the taller of the two, and the
    screen fills the notice with its longest message while it is hidden, so showing it moves
    nothing below it, where a tap meant for one field would land on another."""

    def __init__(self, title: QLabel, lead: QLabel, notice: QWidget) -> None:
        super().__init__()
        heading = QWidget()
        layout = QVBoxLayout(heading)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING.s)
        layout.addWidget(title)
        layout.addWidget(lead)
        layout.addStretch(1)
        self.addWidget(heading)
        self.addWidget(notice)
        self._heading, self._notice = heading, notice

    def show_heading(self) -> None:
        self.setCurrentWidget(self._heading)

    def show_notice(self) -> None:
        self.setCurrentWidget(self._notice)

    @property
    def notice_shown(self) -> bool:
        return self.currentWidget() is self._notice


def form_beside_pad(form: QWidget, pad: QWidget, button: QWidget) -> QHBoxLayout:
    """A page typed on the number pad: the form at the left (a scroll area), the pad at the
    right with the primary button at the foot, where every wizard page has it."""
    right = QVBoxLayout()
    right.setSpacing(SPACING.s)
    right.addWidget(pad)
    right.addStretch(1)
    # Absolute: the button's own right-to-left direction (its arrow after the text) must not
    # turn "right" into "left" here.
    right.addWidget(button, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    row = QHBoxLayout()
    row.setSpacing(SPACING.xl)
    row.addWidget(form, 6)
    row.addLayout(right, 4)
    return row


class IdNumberAndMobile:
    """The cardholder's ID number and registered mobile number, as identification and the voucher
    lookup ask for them, typed on `pad`. With a resident ID card reader (issue 15) the ID number
    comes from the ID card laid on it: its panel stands in place of the typed field while the
    ID card comes first, and `use_card_button` is the way back to it from typing. `prefix` names
    the widgets ("identify": identifyIdCard, identifyIdNumber, identifyUseIdCard, identifyMobile).
    The screen sets the captions (its own words) and lays `widgets` out in this order."""

    def __init__(self, prefix: str, pad: QWidget, owner: QObject) -> None:
        self.id_panel = IdCardPanel(f"{prefix}IdCard")
        self.id_panel.hide()
        self.id_field = IdNumberField(f"{prefix}IdNumber")
        self.use_card_button = KioskButton(
            f"{prefix}UseIdCard", kind="secondary", icon_name="id-card-reader"
        )
        self.use_card_button.hide()
        self.mobile_field = MobileField(f"{prefix}Mobile")
        self.widgets: tuple[QWidget, ...] = (
            self.id_panel,
            self.id_field,
            self.use_card_button,
            self.mobile_field,
        )
        self.fields = FieldGroup(pad, (self.id_field, self.mobile_field), owner)

    def add_to(self, layout: QVBoxLayout) -> None:
        layout.addWidget(self.id_panel)
        layout.addWidget(self.id_field)
        layout.addWidget(self.use_card_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.mobile_field)

    def forward(
        self, type_instead: SignalInstance, use_id: SignalInstance, clear_id: SignalInstance
    ) -> None:
        """The panel's way out to typing, the way back to the ID card, "use another ID card"."""
        self.id_panel.type_instead.connect(type_instead)
        self.id_panel.clear_card.connect(clear_id)
        self.use_card_button.clicked.connect(use_id)

    def render(self, view: BusinessView | None) -> None:
        """The ID card panel in place of the typed ID number while the ID card comes first;
        the way back to it while typing with a reader there."""
        card_first = view is not None and view.id_card_first
        self.id_panel.setVisible(card_first)
        self.id_field.setVisible(not card_first)
        self.use_card_button.setVisible(view is not None and view.id_reader and not card_first)
        if view is not None:
            self.id_panel.show_card(view.id_card, view.id_problem)
        if card_first and self.fields.active is self.id_field:
            self.fields.activate(self.mobile_field, focus=self.id_field.hasFocus())

    def complete(self, view: BusinessView | None) -> bool:
        """The ID number (read, or typed and right) and the mobile number are there."""
        if view is not None and view.id_card_first:
            return view.id_card is not None and self.mobile_field.is_valid
        return self.fields.all_valid

    def activate(self, view: BusinessView | None) -> None:
        """A physical keyboard types into the field being filled in."""
        if view is not None and view.id_card_first:
            self.fields.activate(self.mobile_field, focus=True)
        else:
            self.fields.activate_first_open()

    def wipe(self) -> None:
        self.fields.clear()
        self.id_panel.wipe()
        self.id_panel.hide()
        self.use_card_button.hide()
        self.id_field.show()


class StepScreen(Screen):
    """A business step that lays out its own page: `column` with the step bar at the top, and a
    title and a lead sentence (object names `{prefix}Title`, `{prefix}Lead`) for the screen to
    place, or to put in a `message_slot()` with `error_notice` (object name `{prefix}Error`),
    which says in the heading's place what the last tap of the primary button found wrong.
    `show_view` keeps the view, follows its busy flag and redraws with `_render()`."""

    home_allowed = True

    def __init__(self, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view: BusinessView | None = None
        self._busy = False
        self.column = centred_column(self)
        self.column.setSpacing(SPACING.m)
        self.step_bar = BusinessStepBar(parent=self)
        self.title = make_label("title", object_name=f"{prefix}Title")
        self.lead = make_label("lead", object_name=f"{prefix}Lead")
        self.error_notice = Notice(f"{prefix}Error")
        self._slot: MessageSlot | None = None
        self.column.addWidget(self.step_bar)

    @property
    def view(self) -> BusinessView | None:
        return self._view

    def show_view(self, view: BusinessView) -> None:
        self._view = view
        self._busy = view.busy
        self.step_bar.show_view(view)
        self._render()

    def wipe(self) -> None:
        super().wipe()
        self._view = None
        self._busy = False
        self.step_bar.clear()
        self.hide_error()
        self._render()

    def _render(self) -> None:
        """Draw `self._view` (None: the empty, wiped screen)."""

    def message_slot(self) -> MessageSlot:
        """The title and lead, which `show_error` replaces with `error_notice`."""
        if self._slot is None:
            self._slot = MessageSlot(self.title, self.lead, self.error_notice)
        return self._slot

    def add_form_beside_pad(
        self, form: QWidget, scroll_name: str, pad: QWidget, button: QWidget
    ) -> None:
        """The rest of the page for details typed on the number pad: the heading (or what
        went wrong) above `form` (scrolling if large text needs more room) at the left, the
        pad at the right, and `button` (the primary one) under it (form_beside_pad)."""
        left = QWidget()
        layout = QVBoxLayout(left)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING.m)
        layout.addWidget(self.message_slot())
        layout.addWidget(scroll_area(form, scroll_name), 1)
        self.column.addLayout(form_beside_pad(left, pad, button), 1)

    def show_error(self, text: str, tone: str = "error") -> None:
        self.error_notice.set_tone(tone)
        self.error_notice.set_text(text)
        self.error_notice.setAccessibleName(text)
        self.message_slot().show_notice()

    def hide_error(self, longest: str = "") -> None:
        """Back to the heading; `longest`, the longest message the screen may show, keeps
        the slot tall enough for it. Nothing to do on a page without the slot."""
        if longest:
            self.error_notice.set_text(longest)
        if self._slot is not None:
            self._slot.show_heading()


class BusinessScreen(Screen):
    """A business wizard page: the step bar from the view, a title, one sentence of guidance,
    `body` (scrolls when large text outgrows the page) and `actions` (a note at the left,
    the screen's buttons at the right). Subclasses fill `body`/`actions`, set texts in
    `retranslate()` and draw the view in `_render()`."""

    home_allowed = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view: BusinessView | None = None
        key = type(self).name
        self.column = centred_column(self)
        self.column.setSpacing(SPACING.m)
        self.step_bar = BusinessStepBar(object_name=f"{key}StepBar", parent=self)
        self.title = make_label("title", object_name=f"{key}Title")
        self.guidance = make_label("guidance", object_name=f"{key}Guidance")
        heading = QVBoxLayout()
        heading.setSpacing(SPACING.xs)
        heading.addWidget(self.title)
        heading.addWidget(self.guidance)
        self.head_row = QHBoxLayout()  # a screen may put a badge before the title
        self.head_row.setSpacing(SPACING.l)
        self.head_row.addLayout(heading, 1)

        content = QWidget()
        self.body = QVBoxLayout(content)
        self.body.setContentsMargins(0, SPACING.xs, SPACING.s, SPACING.xs)
        self.body.setSpacing(SPACING.m)
        self.body_scroll = scroll_area(content, f"{key}Scroll")

        self.note = make_label("muted", object_name=f"{key}Note")
        self.action_row = action_row(self.note)

        self.column.addWidget(self.step_bar)
        self.column.addLayout(self.head_row)
        self.column.addWidget(self.body_scroll, 1)
        self.column.addLayout(self.action_row)

    @property
    def view(self) -> BusinessView | None:
        return self._view

    def show_view(self, view: BusinessView) -> None:
        """Draw everything from `view`; called after every flow change (idempotent)."""
        self._view = view
        self.step_bar.show_view(view)
        self._render()

    def wipe(self) -> None:
        super().wipe()
        self._view = None
        self.step_bar.clear()
        self._render()

    def retranslate(self) -> None:
        self._render()

    def add_next_button(self, object_name: str) -> KioskButton:
        """The primary Next button at the right of the action row, its arrow after the text."""
        button = primary_button(object_name, "chevron-right", arrow=True)
        self.action_row.addWidget(button)
        return button

    def _render(self) -> None:
        """Draw `self._view` (None: the empty, wiped screen)."""

"""Voucher lookup (PRODUCT.md flow 8): find vouchers by the voucher number (letters and digits
on a pad; its check character tells a typo at once) or by ID number and registered mobile
number, the same fields as identification. No card needed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.business import Refusal
from kiosk.flows.business import BStep, BusinessView
from kiosk.ui.screens.business_parts import StepScreen
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.fields import FieldGroup, IdNumberField, MobileField, VoucherField
from kiosk.ui.widgets.parts import Notice, scroll_area
from kiosk.ui.widgets.textpad import ALPHANUMERIC, DIGITS, TextPad

VOUCHER = "voucher"
PERSON = "person"
MODES = (VOUCHER, PERSON)


class LookupScreen(StepScreen):
    name = BStep.LOOKUP.value

    by_number = Signal(str)  # the voucher number in its printed form
    by_person = Signal(str, str)  # ssn, mobile

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("lookup", parent)
        self._mode = VOUCHER
        self._error_shown: Refusal | None = None  # what the last search found wrong
        self.column.setSpacing(SPACING.s + 2)
        self.lead.setMinimumHeight(1)  # one line at 1280 px: never what decides the height
        # After a search that found nothing by ID and mobile: a message above the two fields.
        self.person_notice = Notice("lookupPersonError")
        self.person_notice.set_tone("error")
        self.person_notice.hide()

        self.mode_buttons: dict[str, KioskButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        modes = QHBoxLayout()
        modes.setSpacing(SPACING.s)
        for mode, icon_name in ((VOUCHER, "receipt"), (PERSON, "id-card")):
            button = KioskButton(
                f"lookupMode_{mode}", kind="segment", icon_name=icon_name, checkable=True
            )
            button.clicked.connect(lambda _=False, m=mode: self.set_mode(m))
            self._group.addButton(button)
            self.mode_buttons[mode] = button
            modes.addWidget(button, 1)

        # By voucher number: the field and Search on one row, the letter pad below.
        self.voucher_field = VoucherField("lookupVoucher")
        self.voucher_pad = TextPad(ALPHANUMERIC, object_name="lookupVoucherPad")
        self.voucher_search = KioskButton("lookupVoucherSearch", kind="primary", icon_name="search")
        self.voucher_search.setMinimumWidth(220)
        voucher_page = QWidget()
        voucher_layout = QVBoxLayout(voucher_page)
        voucher_layout.setContentsMargins(0, 0, 0, 0)
        voucher_layout.setSpacing(SPACING.m)
        field_row = QHBoxLayout()
        field_row.setSpacing(SPACING.m)
        field_row.addWidget(self.voucher_field, 1)
        field_row.addWidget(self.voucher_search, 0, Qt.AlignmentFlag.AlignTop)
        voucher_layout.addLayout(field_row)
        voucher_layout.addWidget(self.voucher_pad)
        voucher_layout.addStretch(1)

        # By ID number and mobile: the identify screen's fields, the number pad beside them.
        self.id_field = IdNumberField("lookupIdNumber")
        self.mobile_field = MobileField("lookupMobile")
        self.person_pad = TextPad(DIGITS, object_name="lookupPersonPad")
        self.person_search = KioskButton("lookupPersonSearch", kind="primary", icon_name="search")
        form = QWidget()
        form_layout = QVBoxLayout(form)
        form_layout.setContentsMargins(0, 0, SPACING.s, 0)
        form_layout.setSpacing(SPACING.m)
        form_layout.addWidget(self.person_notice)
        form_layout.addWidget(self.id_field)
        form_layout.addWidget(self.mobile_field)
        form_layout.addStretch(1)
        left = QVBoxLayout()
        left.setSpacing(SPACING.m)
        left.addWidget(scroll_area(form, "lookupPersonScroll"), 1)
        left.addWidget(self.person_search)
        person_page = QWidget()
        person_layout = QHBoxLayout(person_page)
        person_layout.setContentsMargins(0, 0, 0, 0)
        person_layout.setSpacing(SPACING.xl)
        person_layout.addLayout(left, 6)
        person_layout.addWidget(self.person_pad, 4, Qt.AlignmentFlag.AlignTop)

        self.pages = QStackedWidget()
        self.pages.setObjectName("lookupPages")
        self.pages.addWidget(voucher_page)
        self.pages.addWidget(person_page)

        heading = QHBoxLayout()
        heading.setSpacing(SPACING.xl)
        heading.addWidget(self.title, 1)
        heading.addLayout(modes, 0)

        self.column.addLayout(heading)
        self.column.addWidget(self.lead)
        self.column.addWidget(self.pages, 1)

        self.voucher_fields = FieldGroup(self.voucher_pad, (self.voucher_field,), self)
        self.person_fields = FieldGroup(self.person_pad, (self.id_field, self.mobile_field), self)
        self.voucher_fields.changed.connect(self._render_buttons)
        self.person_fields.changed.connect(self._render_buttons)
        self.voucher_field.submitted.connect(self.search)
        self.id_field.submitted.connect(self.search)
        self.mobile_field.submitted.connect(self.search)
        self.voucher_search.clicked.connect(self.search)
        self.person_search.clicked.connect(self.search)
        self.mode_buttons[VOUCHER].setChecked(True)
        self.retranslate()

    # For the controller ------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        return self._mode

    def set_mode(self, mode: str) -> None:
        """Look up by voucher number ("voucher") or by ID number and mobile ("person")."""
        if mode not in MODES:
            raise ValueError(f"unknown lookup mode {mode!r}")
        changed = mode != self._mode
        self._mode = mode
        self.mode_buttons[mode].setChecked(True)
        self.pages.setCurrentIndex(MODES.index(mode))
        if changed:
            self._error_shown = None
        self._render_texts()
        self._render_error()
        self._render_buttons()
        group = self.voucher_fields if mode == VOUCHER else self.person_fields
        if self.isVisible():
            group.activate_first_open()

    def _inputs(self) -> tuple[QWidget, ...]:
        """What can be typed or tapped: disabled while a search is under way."""
        return (
            self.voucher_pad,
            self.person_pad,
            self.voucher_field,
            self.id_field,
            self.mobile_field,
            *self.mode_buttons.values(),
        )

    def show_view(self, view: BusinessView) -> None:
        previous = self._view
        fresh = previous is None or previous.busy or previous.lookup_error is None
        self._view = view
        self._busy = view.busy
        self._error_shown = view.lookup_error
        self.step_bar.show_view(view)
        for widget in self._inputs():
            widget.setEnabled(not view.busy)
        if fresh and view.lookup_error is not None and self._mode == VOUCHER:
            self.voucher_field.set_external_error(self._error_text(view.lookup_error))
        self._render_error()
        self._render_buttons()

    def search(self) -> None:
        if self._busy:
            return
        if self._mode == VOUCHER:
            if self.voucher_field.is_valid:
                self.by_number.emit(self.voucher_field.value)
        elif self.person_fields.all_valid:
            self.by_person.emit(self.id_field.value, self.mobile_field.value)

    # Texts ---------------------------------------------------------------------------------------

    def _render_buttons(self) -> None:
        label = self.tr("Searching…") if self._busy else self.tr("Search")
        self.voucher_search.set_text(label)
        self.person_search.set_text(label)
        self.voucher_search.setEnabled(self.voucher_field.is_valid and not self._busy)
        self.person_search.setEnabled(self.person_fields.all_valid and not self._busy)

    def _error_text(self, error: Refusal) -> str:
        if error is Refusal.VOUCHER_NOT_FOUND and self._mode == VOUCHER:
            return self.tr("We found no voucher with this number. Please check it and try again.")
        if error in (Refusal.VOUCHER_NOT_FOUND, Refusal.NO_MATCH):
            return self.tr(
                "We found no vouchers for this ID number and mobile number. "
                "Check both and try again."
            )
        if error is Refusal.BACKEND_OFFLINE:
            return self.tr(
                "Voucher information cannot be reached right now. Please try again in a few "
                "minutes, or ask at a counter."
            )
        return self.tr("We could not look this up. Please ask at a counter.")

    def _render_error(self) -> None:
        # By voucher number the message sits under the number itself (VoucherField); by ID
        # and mobile it is a notice above the two fields.
        error = self._error_shown
        if error is None or self._busy or self._mode == VOUCHER:
            self.person_notice.hide()
            self.lead.show()
            return
        text = self._error_text(error)
        self.person_notice.set_text(text)
        self.person_notice.setAccessibleName(text)
        self.person_notice.show()
        self.lead.hide()  # the message says what to do now; the fields keep their room

    def _render_texts(self) -> None:
        if self._mode == VOUCHER:
            self.lead.setText(self.tr("Type the number printed on your voucher, then tap Search."))
        else:
            self.lead.setText(
                self.tr("No voucher at hand? Type the cardholder's ID number and mobile number.")
            )

    def retranslate(self) -> None:
        self.title.setText(self.tr("Find your voucher"))
        self.mode_buttons[VOUCHER].set_text(self.tr("Voucher number"))
        self.mode_buttons[PERSON].set_text(self.tr("ID number"))
        self.mode_buttons[PERSON].setAccessibleName(self.tr("ID number and mobile number"))
        self.voucher_field.set_caption(self.tr("Voucher number"))
        self.voucher_field.caption.hide()  # the chosen mode's button just above says so
        self.id_field.set_caption(self.tr("ID number"))
        self.mobile_field.set_caption(self.tr("Registered mobile number"))
        self._render_texts()
        self._render_error()
        self._render_buttons()

    def wipe(self) -> None:
        super().wipe()
        self._error_shown = None
        self.voucher_fields.clear()
        self.person_fields.clear()
        for widget in self._inputs():
            widget.setEnabled(True)
        self.set_mode(VOUCHER)

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        group = self.voucher_fields if self._mode == VOUCHER else self.person_fields
        group.activate_first_open()

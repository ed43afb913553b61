"""Voucher lookup (PRODUCT.md flow 8), only on proof (S8): scan the QR code printed on the
voucher (the terminal's scanner types it; its signature says the voucher is genuine, and
holding it is the proof), or give the cardholder's ID number and registered mobile number,
the same fields and the same limits as identification. A voucher number alone, which anyone
can guess, opens nothing. No card needed."""

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
from kiosk.ui.screens.business_parts import (
    IdNumberAndMobile,
    StepScreen,
    form_beside_pad,
    icon_label,
    no_match_text,
    primary_button,
)
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import Card, Notice, make_label, scroll_area
from kiosk.ui.widgets.scanner import ScannerInput
from kiosk.ui.widgets.textpad import DIGITS, TextPad

SCAN = "scan"
PERSON = "person"
MODES = (SCAN, PERSON)


class LookupScreen(StepScreen):
    name = BStep.LOOKUP.value

    by_code = Signal(str)  # a voucher's QR code, as the scanner typed it
    by_person = Signal(str, str)  # ssn, mobile
    type_instead = Signal()  # the ID card panel's way out to typing
    use_id_card = Signal()
    clear_id_card = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("lookup", parent)
        self._mode = SCAN
        self._scan_error = ""  # what the last scan found wrong, shown in the scan card
        self.column.setSpacing(SPACING.s + 2)
        self.scanner = ScannerInput(self)
        self.scanner.scanned.connect(self._on_scanned)

        self.mode_buttons: dict[str, KioskButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        modes = QHBoxLayout()
        modes.setSpacing(SPACING.s)
        for mode, icon_name in ((SCAN, "qr-code"), (PERSON, "id-card")):
            button = KioskButton(
                f"lookupMode_{mode}", kind="segment", icon_name=icon_name, checkable=True
            )
            button.clicked.connect(lambda _=False, m=mode: self.set_mode(m))
            self._group.addButton(button)
            self.mode_buttons[mode] = button
            modes.addWidget(button, 1)

        # By the voucher's QR code: where to hold it, and what the kiosk is doing or found
        # wrong, right there where the citizen looks while scanning.
        self.scan_card = Card("lookupScanCard", margins=SPACING.xl)
        scan_row = QHBoxLayout()
        scan_row.setSpacing(SPACING.xl)
        scan_row.addWidget(icon_label("qr-code", 120), 0, Qt.AlignmentFlag.AlignTop)
        scan_text = QVBoxLayout()
        scan_text.setSpacing(SPACING.s)
        self.scan_title = make_label("heading", object_name="lookupScanTitle")
        self.scan_steps = make_label("lead", object_name="lookupScanSteps")
        scan_text.addWidget(self.scan_title)
        scan_text.addWidget(self.scan_steps)
        scan_text.addStretch(1)
        scan_row.addLayout(scan_text, 1)
        self.scan_card.body.addLayout(scan_row)
        self.scan_state = Notice("lookupScanState")
        self.scan_card.body.addWidget(self.scan_state)
        scan_content = QWidget()
        scan_layout = QVBoxLayout(scan_content)
        scan_layout.setContentsMargins(0, 0, SPACING.s, 0)
        scan_layout.addWidget(self.scan_card)
        scan_layout.addStretch(1)
        scan_page = QWidget()
        page_layout = QVBoxLayout(scan_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(scroll_area(scan_content, "lookupScanScroll"), 1)

        # By ID number and mobile: the identify screen's fields, the number pad beside them.
        # With a resident ID card reader (issue 15) the ID number comes from the ID card.
        self.person_pad = TextPad(DIGITS, object_name="lookupPersonPad")
        self.id_form = IdNumberAndMobile("lookup", self.person_pad, self)
        self.id_panel, self.id_field, self.use_card_button, self.mobile_field = self.id_form.widgets
        self.person_fields = self.id_form.fields
        form = QWidget()
        form_layout = QVBoxLayout(form)
        form_layout.setContentsMargins(0, 0, SPACING.s, 0)
        form_layout.setSpacing(SPACING.m)
        self.id_form.add_to(form_layout)
        form_layout.addStretch(1)
        self.person_search = primary_button("lookupPersonSearch", "search")
        person_page = QWidget()
        person_layout = form_beside_pad(
            scroll_area(form, "lookupPersonScroll"), self.person_pad, self.person_search
        )
        person_layout.setContentsMargins(0, 0, 0, 0)
        person_page.setLayout(person_layout)

        self.pages = QStackedWidget()
        self.pages.setObjectName("lookupPages")
        self.pages.addWidget(scan_page)
        self.pages.addWidget(person_page)

        # The title and lead (or what the last search found wrong) beside the two ways.
        heading = QHBoxLayout()
        heading.setSpacing(SPACING.xl)
        heading.addWidget(self.message_slot(), 1)
        modes_at_top = QVBoxLayout()
        modes_at_top.addLayout(modes)
        modes_at_top.addStretch(1)
        heading.addLayout(modes_at_top, 0)
        self.column.addLayout(heading)
        self.column.addWidget(self.pages, 1)

        self.person_fields.changed.connect(self._render_buttons)
        self.id_field.submitted.connect(self.search)
        self.mobile_field.submitted.connect(self.search)
        self.person_search.clicked.connect(self.search)
        self.id_form.forward(self.type_instead, self.use_id_card, self.clear_id_card)
        self.mode_buttons[SCAN].setChecked(True)
        self.retranslate()

    # For the controller ------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        return self._mode

    def set_mode(self, mode: str) -> None:
        """Look up by the voucher's QR code ("scan") or by ID and mobile number ("person")."""
        if mode not in MODES:
            raise ValueError(f"unknown lookup mode {mode!r}")
        changed = mode != self._mode
        self._mode = mode
        self.mode_buttons[mode].setChecked(True)
        self.pages.setCurrentIndex(MODES.index(mode))
        if changed:  # a message was about the other way of looking up
            self.hide_error(longest=self._longest_error())
            self._scan_error = ""
        self._listen()
        self._render_texts()
        self._render_buttons()
        if self.isVisible() and mode == PERSON:
            self.person_fields.activate_first_open()

    def _inputs(self) -> tuple[QWidget, ...]:
        """What can be typed or tapped: disabled while a search is under way."""
        return (self.person_pad, *self.id_form.widgets, *self.mode_buttons.values())

    def show_view(self, view: BusinessView) -> None:
        previous = self._view
        fresh = previous is None or previous.busy
        self._view = view
        self._busy = view.busy
        self.step_bar.show_view(view)
        for widget in self._inputs():
            widget.setEnabled(not view.busy)
        newly_read = view.holder_card is not None and (
            previous is None or previous.holder_card is None
        )
        if newly_read and self._mode == SCAN:
            self.set_mode(PERSON)  # an ID card laid on: the person's way, its number filled
        self.id_form.render(view)
        if view.lookup_error is not None and not view.busy and fresh:
            if view.lookup_error is Refusal.NO_MATCH:
                self.person_fields.doubt_all()
            self._show_error(view.lookup_error, view.attempts_left)
        elif view.busy or view.lookup_error is None:
            self.hide_error(longest=self._longest_error())
            self._scan_error = ""
        self._listen()
        self._render_texts()
        self._render_buttons()

    @property
    def person_complete(self) -> bool:
        return self.id_form.complete(self._view)

    def search(self) -> None:
        if self._busy or self._mode != PERSON:
            return
        if self.person_complete:
            self.by_person.emit(self.id_field.value, self.mobile_field.value)

    def _on_scanned(self, code: str) -> None:
        if not self._busy and self._mode == SCAN:
            self.by_code.emit(code)

    def _listen(self) -> None:
        """The scanner is heard only while this screen shows the scan page."""
        self.scanner.set_active(self.isVisible() and self._mode == SCAN and not self._busy)

    # Texts ---------------------------------------------------------------------------------------

    def _render_buttons(self) -> None:
        self.person_search.set_text(self.tr("Searching…") if self._busy else self.tr("Search"))
        self.person_search.setEnabled(self.person_complete and not self._busy)
        self.person_search.setVisible(self._mode == PERSON)

    def _error_text(self, error: Refusal, attempts_left: int | None) -> str:
        if error is Refusal.VOUCHER_CODE_INVALID:
            return self.tr(
                "This code is not a voucher of this service. Please scan the QR code printed "
                "on your voucher, or find it by ID number."
            )
        if error is Refusal.VOUCHER_NOT_FOUND and self._mode == SCAN:
            return self.tr(
                "This voucher is genuine, but this kiosk has no record of it. "
                "Please ask at a service counter."
            )
        if error is Refusal.VOUCHER_NOT_FOUND:
            return self.tr("This cardholder has no vouchers from a kiosk.")
        if error is Refusal.NO_MATCH:
            return no_match_text(attempts_left)
        return self.tr("We could not look this up. Please ask at a counter.")

    def _longest_error(self) -> str:
        return self._error_text(Refusal.NO_MATCH, 2)

    def _show_error(self, error: Refusal, attempts_left: int | None) -> None:
        text = self._error_text(error, attempts_left)
        if self._mode == SCAN:
            self._scan_error = text
            self._render_texts()
        else:
            self.show_error(text, "warn" if attempts_left == 1 else "error")

    def _render_texts(self) -> None:
        if self._mode == SCAN:
            self.lead.setText(self.tr("Scan the QR code on your voucher to see how far it is."))
        else:
            self.lead.setText(
                self.tr("No voucher at hand? Give the cardholder's ID and mobile numbers.")
            )
        if self._busy:
            self.scan_state.set_tone("info", "search")
            self.scan_state.set_text(self.tr("Looking the voucher up…"))
        elif self._scan_error:
            self.scan_state.set_tone("error")
            self.scan_state.set_text(self._scan_error)
        else:
            self.scan_state.set_tone("info", "qr-code")
            self.scan_state.set_text(self.tr("Waiting for the QR code…"))
        self.scan_state.setAccessibleName(self.scan_state.text.text())

    def retranslate(self) -> None:
        self.title.setText(self.tr("Find your voucher"))
        self.mode_buttons[SCAN].set_text(self.tr("Scan the voucher"))
        self.mode_buttons[PERSON].set_text(self.tr("ID number"))
        self.mode_buttons[PERSON].setAccessibleName(self.tr("ID number and mobile number"))
        self.scan_title.setText(self.tr("Hold the QR code under the scanner"))
        self.scan_steps.setText(
            self.tr(
                "Hold the QR code printed on your voucher over the kiosk's scanner window, "
                "about a hand's width away. As soon as the code is read, the kiosk looks the "
                "voucher up by itself."
            )
        )
        self.id_field.set_caption(self.tr("ID number"))
        self.mobile_field.set_caption(self.tr("Registered mobile number"))
        self.use_card_button.set_text(self.tr("Use the ID card reader instead"))
        self.id_panel.retranslate()
        view = self._view
        shown = self.message_slot().notice_shown or self._scan_error
        if shown and view is not None and view.lookup_error:
            self._show_error(view.lookup_error, view.attempts_left)  # in the new language
        else:
            self.hide_error(longest=self._longest_error())
        self._render_texts()
        self._render_buttons()

    def wipe(self) -> None:
        super().wipe()
        self._scan_error = ""
        self.id_form.wipe()
        for widget in self._inputs():
            widget.setEnabled(True)
        self.set_mode(SCAN)
        self.retranslate()

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        self._listen()
        if self._mode == PERSON:
            self.id_form.activate(self._view)

    def hideEvent(self, event: QEvent) -> None:
        super().hideEvent(event)
        self._listen()

"""The voucher desk's screens (kiosk.flows.staff_vouchers): staff-find, four ways to find a
voucher (its QR code under the counter scanner, its number, the holder's ID number, a range of
issue dates, each touch-only), and staff-found, what a search found. The voucher and the
check of a scanned code are kiosk.ui.screens.staff.voucher_page. Texts in "StaffScreen".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.calendar import local_date
from kiosk.domain.desk import FIND_SPAN_MAX_DAYS, DeskVoucher
from kiosk.flows.staff_vouchers import FindBy, VoucherDeskArea, VouchersView, VPage
from kiosk.services.voucher_desk import FIND_LIMIT
from kiosk.ui.i18n import format_moment
from kiosk.ui.screens.business_parts import (
    form_beside_pad,
    group_voucher_number,
    icon_label,
    primary_button,
)
from kiosk.ui.screens.staff.base import StaffScreen
from kiosk.ui.screens.staff.desk_words import (
    dates_words,
    kind_words,
    notice_text,
    progress_words,
)
from kiosk.ui.screens.staff.entry import menu_item
from kiosk.ui.screens.staff.voucher_page import VoucherCheckScreen, VoucherScreen
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.datestep import DateStepper
from kiosk.ui.widgets.fields import IdNumberField, VoucherField
from kiosk.ui.widgets.parts import Card, Notice, clear_layout, make_label, scroll_area
from kiosk.ui.widgets.scanner import ScannerInput
from kiosk.ui.widgets.textpad import ALPHANUMERIC, DIGITS, TextPad

menu_item(
    VoucherDeskArea.key,
    "receipt",
    QT_TRANSLATE_NOOP("StaffScreen", "Vouchers"),
    QT_TRANSLATE_NOOP("StaffScreen", "Find, check, reprint, hand over"),
)

MODES = (FindBy.CODE, FindBy.NUMBER, FindBy.HOLDER, FindBy.DATES)
_MODE_ICONS = {
    FindBy.CODE: "qr-code",
    FindBy.NUMBER: "receipt",
    FindBy.HOLDER: "id-card",
    FindBy.DATES: "calendar",
}
TODAY, LAST_7_DAYS, THIS_MONTH = "today", "week", "month"
PRESETS = (TODAY, LAST_7_DAYS, THIS_MONTH)


def _today() -> dt.date:
    return local_date(dt.datetime.now(dt.UTC))


class VoucherFindScreen(StaffScreen):
    """Four ways to find a voucher, as segments; a scan is checked as it is found."""

    name = VPage.FIND.value
    by_code = Signal(str)
    by_number = Signal(str)
    by_holder = Signal(str)
    by_dates = Signal(object, object)  # first, last (dt.date)

    def __init__(self, parent: QWidget | None = None, *, today: Callable[[], dt.date] = _today):
        super().__init__(parent)
        self.today = today
        self._first = self._last = today()  # the dates searched by (set by a preset)
        self._mode = FindBy.CODE
        self._view = VouchersView()
        self.scanner = ScannerInput(self)
        self.scanner.scanned.connect(self._on_scanned)

        self.mode_buttons: dict[FindBy, KioskButton] = {}
        group = QButtonGroup(self)
        group.setExclusive(True)
        modes = QHBoxLayout()
        modes.setSpacing(SPACING.s)
        for mode in MODES:
            button = KioskButton(
                f"staffFindMode_{mode.value}",
                kind="segment",
                icon_name=_MODE_ICONS[mode],
                checkable=True,
            )
            button.clicked.connect(lambda _=False, m=mode: self.set_mode(m))
            group.addButton(button)
            self.mode_buttons[mode] = button
            modes.addWidget(button, 1)
        self.notice = Notice("staffFindNotice")
        self.notice.setVisible(False)

        self.pages = QStackedWidget()
        self.pages.setObjectName("staffFindPages")
        self.pages.addWidget(self._scan_page())
        self.pages.addWidget(self._number_page())
        self.pages.addWidget(self._holder_page())
        self.pages.addWidget(self._dates_page())

        # The title and the four ways in one row: the letter pad needs the height.
        heading = QHBoxLayout()
        heading.setSpacing(SPACING.xl)
        self.title.setParent(None)
        self.title.setWordWrap(False)  # squeezed, it would wrap into a tall column
        heading.addWidget(self.title, 0, Qt.AlignmentFlag.AlignVCenter)
        heading.addLayout(modes, 1)
        self.lead.setVisible(False)  # each way explains itself; the letter pad needs the room
        self.body.addLayout(heading)
        self.body.addWidget(self.notice)
        self.body.addWidget(self.pages, 1)
        self.mode_buttons[FindBy.CODE].setChecked(True)
        self.preset(TODAY)
        self.retranslate()

    # The four pages ------------------------------------------------------------------------------

    def _scan_page(self) -> QWidget:
        self.scan_card = Card("staffFindScanCard", margins=SPACING.xl)
        row = QHBoxLayout()
        row.setSpacing(SPACING.xl)
        row.addWidget(icon_label("qr-code", 120), 0, Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        texts.setSpacing(SPACING.s)
        self.scan_title = make_label("heading", object_name="staffFindScanTitle")
        self.scan_steps = make_label("lead", object_name="staffFindScanSteps")
        texts.addWidget(self.scan_title)
        texts.addWidget(self.scan_steps)
        texts.addStretch(1)
        row.addLayout(texts, 1)
        self.scan_card.body.addLayout(row)
        self.scan_state = Notice("staffFindScanState")
        self.scan_card.body.addWidget(self.scan_state)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, SPACING.s, 0)
        layout.addWidget(self.scan_card)
        layout.addStretch(1)
        return scroll_area(content, "staffFindScanScroll")

    def _number_page(self) -> QWidget:
        self.number_field = VoucherField("staffFindNumber")
        self.number_pad = TextPad(ALPHANUMERIC, object_name="staffFindNumberPad")
        self.number_pad.set_target(self.number_field)
        self.number_search = primary_button("staffFindNumberSearch", "search")
        self.number_field.changed.connect(self._render_buttons)
        self.number_field.submitted.connect(self.search)
        self.number_search.clicked.connect(self.search)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING.m)
        top = QHBoxLayout()
        top.setSpacing(SPACING.l)
        top.addWidget(self.number_field, 1)
        top.addWidget(self.number_search, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(top)
        layout.addWidget(self.number_pad)
        layout.addStretch(1)
        return page

    def _holder_page(self) -> QWidget:
        self.id_field = IdNumberField("staffFindIdNumber")
        self.id_pad = TextPad(DIGITS, object_name="staffFindIdPad")
        self.id_pad.set_target(self.id_field)
        self.id_search = primary_button("staffFindIdSearch", "search")
        self.id_field.changed.connect(self._render_buttons)
        self.id_field.submitted.connect(self.search)
        self.id_search.clicked.connect(self.search)
        form = QWidget()
        column = QVBoxLayout(form)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.id_field)
        column.addStretch(1)
        page = QWidget()
        page.setLayout(form_beside_pad(form, self.id_pad, self.id_search))
        page.layout().setContentsMargins(0, 0, 0, 0)
        return page

    def _dates_page(self) -> QWidget:
        self.preset_buttons: dict[str, KioskButton] = {}
        self._presets = QButtonGroup(self)
        self._presets.setExclusive(True)
        presets = QHBoxLayout()
        presets.setSpacing(SPACING.s)
        for key in PRESETS:
            button = KioskButton(f"staffFindPreset_{key}", kind="segment", checkable=True)
            button.clicked.connect(lambda _=False, k=key: self.preset(k))
            self._presets.addButton(button)
            self.preset_buttons[key] = button
            presets.addWidget(button, 1)
        self.first = DateStepper("staffFindFirst")
        self.last = DateStepper("staffFindLast")
        self.first.stepped.connect(lambda days: self._dates_stepped(days, 0))
        self.last.stepped.connect(lambda days: self._dates_stepped(0, days))
        self.dates_search = primary_button("staffFindDatesSearch", "search")
        self.dates_search.clicked.connect(self.search)
        steppers = QGridLayout()
        steppers.setHorizontalSpacing(SPACING.xl)
        steppers.addWidget(self.first, 0, 0)
        steppers.addWidget(self.last, 0, 1)
        self.dates_hint = make_label("muted", object_name="staffFindDatesHint")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING.l)
        layout.addLayout(presets)
        layout.addLayout(steppers)
        layout.addWidget(self.dates_hint)
        layout.addStretch(1)
        layout.addWidget(self.dates_search, 0, Qt.AlignmentFlag.AlignRight)
        return page

    # Inputs --------------------------------------------------------------------------------------

    @property
    def mode(self) -> FindBy:
        return self._mode

    def set_mode(self, mode: FindBy) -> None:
        self._mode = mode
        self.mode_buttons[mode].setChecked(True)
        self.pages.setCurrentIndex(MODES.index(mode))
        self.notice.setVisible(False)  # it was about the other way
        self._listen()
        self._render_texts()
        self._render_buttons()

    def preset(self, key: str) -> None:
        """Today, the last 7 days or this month, up to today."""
        today = self.today()
        first = {
            TODAY: today,
            LAST_7_DAYS: today - dt.timedelta(days=6),
            THIS_MONTH: today.replace(day=1),
        }[key]
        self.preset_buttons[key].setChecked(True)
        self._set_dates(first, today)

    @property
    def first_date(self) -> dt.date:
        return self._first

    @property
    def last_date(self) -> dt.date:
        return self._last

    def _set_dates(self, first: dt.date, last: dt.date) -> None:
        """The range shown: the last day at most today, the first within a year before it and
        never after it (it follows the last day back)."""
        today = self.today()
        span = dt.timedelta(days=FIND_SPAN_MAX_DAYS - 1)
        self._last = min(max(last, dt.date.min + span), today)
        self._first = min(max(first, self._last - span), self._last)
        self.last.show_date(self._last, earliest=dt.date.min + span, latest=today)
        self.first.show_date(self._first, earliest=self._last - span, latest=self._last)

    def _dates_stepped(self, first_days: int, last_days: int) -> None:
        """A stepper moved: no preset is what is shown any more."""
        self._presets.setExclusive(False)
        for button in self.preset_buttons.values():
            button.setChecked(False)
        self._presets.setExclusive(True)
        step = dt.timedelta
        self._set_dates(self._first + step(days=first_days), self._last + step(days=last_days))

    def search(self) -> None:
        if self._view.busy:
            return
        if self._mode is FindBy.NUMBER and self.number_field.is_valid:
            self.by_number.emit(self.number_field.value)
        elif self._mode is FindBy.HOLDER and self.id_field.is_valid:
            self.by_holder.emit(self.id_field.value)
        elif self._mode is FindBy.DATES:
            self.by_dates.emit(self._first, self._last)

    def _on_scanned(self, code: str) -> None:
        if not self._view.busy and self._mode is FindBy.CODE:
            self.by_code.emit(code)

    def _listen(self) -> None:
        """The counter scanner is heard only while the scan page is on screen."""
        self.scanner.set_active(
            self.isVisible() and self._mode is FindBy.CODE and not self._view.busy
        )

    # Rendering -----------------------------------------------------------------------------------

    def show_view(self, view: VouchersView) -> None:
        self._view = view
        for widget in (
            *self.mode_buttons.values(),
            self.number_pad,
            self.id_pad,
            *self.preset_buttons.values(),
            self.first,
            self.last,
        ):
            widget.setEnabled(not view.busy)
        if view.notice is not None and view.searching in MODES:
            self.set_mode(view.searching)  # the notice is about the way just tried
        text = notice_text(view.notice) if view.notice is not None else ""
        self.notice.set_tone("warn")
        self.notice.set_text(text)
        self.notice.setVisible(bool(text) and self._mode is not FindBy.CODE)
        self._listen()
        self._render_texts()
        self._render_buttons()

    def _render_buttons(self) -> None:
        busy = self._view.busy
        searching = QCoreApplication.translate("StaffScreen", "Searching…")
        for button, valid in (
            (self.number_search, self.number_field.is_valid),
            (self.id_search, self.id_field.is_valid),
            (self.dates_search, True),
        ):
            button.set_text(
                searching if busy else QCoreApplication.translate("StaffScreen", "Search")
            )
            button.setEnabled(valid and not busy)

    def _render_texts(self) -> None:
        view = self._view
        if view.busy:
            self.scan_state.set_tone("info", "search")
            self.scan_state.set_text(
                QCoreApplication.translate("StaffScreen", "Checking the code…")
            )
        elif view.notice is not None and view.searching is FindBy.CODE:
            self.scan_state.set_tone("warn")
            self.scan_state.set_text(notice_text(view.notice))
        else:
            self.scan_state.set_tone("info", "qr-code")
            self.scan_state.set_text(
                QCoreApplication.translate("StaffScreen", "Waiting for the QR code…")
            )
        self.scan_state.setAccessibleName(self.scan_state.text.text())

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("StaffScreen", "Find a voucher"))
        names = {
            FindBy.CODE: QCoreApplication.translate("StaffScreen", "Scan"),
            FindBy.NUMBER: QCoreApplication.translate("StaffScreen", "Number"),
            FindBy.HOLDER: QCoreApplication.translate("StaffScreen", "ID number"),
            FindBy.DATES: QCoreApplication.translate("StaffScreen", "Dates"),
        }
        for mode, button in self.mode_buttons.items():
            button.set_text(names[mode])
        self.scan_title.setText(
            QCoreApplication.translate("StaffScreen", "Scan the voucher's QR code")
        )
        self.scan_steps.setText(
            QCoreApplication.translate(
                "StaffScreen",
                "Hold the voucher's QR code under the counter scanner. The kiosk checks its "
                "signature offline, with public keys only, and shows the voucher.",
            )
        )
        self.number_field.set_caption(QCoreApplication.translate("StaffScreen", "Voucher number"))
        self.id_field.set_caption(
            QCoreApplication.translate("StaffScreen", "Cardholder's ID number")
        )
        presets = {
            TODAY: QCoreApplication.translate("StaffScreen", "Today"),
            LAST_7_DAYS: QCoreApplication.translate("StaffScreen", "Last 7 days"),
            THIS_MONTH: QCoreApplication.translate("StaffScreen", "This month"),
        }
        for key, button in self.preset_buttons.items():
            button.set_text(presets[key])
        self.first.set_caption(QCoreApplication.translate("StaffScreen", "From"))
        self.last.set_caption(QCoreApplication.translate("StaffScreen", "To"))
        self.dates_hint.setText(
            QCoreApplication.translate(
                "StaffScreen",
                "Both days included, at most a year; the newest {n} vouchers are listed.",
            ).format(n=FIND_LIMIT)
        )
        self._render_texts()
        self._render_buttons()

    def wipe(self) -> None:
        super().wipe()
        self._view = VouchersView()
        self.number_field.clear()
        self.id_field.clear()
        self.notice.setVisible(False)
        self.preset(TODAY)
        self.set_mode(FindBy.CODE)
        self.show_view(self._view)

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        self._listen()

    def hideEvent(self, event: QEvent) -> None:
        super().hideEvent(event)
        self._listen()


class VoucherFoundScreen(StaffScreen):
    """What a search by ID number or dates found: one row per voucher, tap one to open it."""

    name = VPage.FOUND.value
    voucher_chosen = Signal(str)
    new_search = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = VouchersView(VPage.FOUND)
        self.rows: dict[str, KioskButton] = {}
        self.truncated = Notice("staffFoundTruncated")
        self.truncated.set_tone("warn")
        self.truncated.setVisible(False)
        self.empty = make_label("lead", object_name="staffFoundEmpty")
        self.list_body = QWidget()
        self.list = QVBoxLayout(self.list_body)
        self.list.setContentsMargins(0, 0, SPACING.s, 0)
        self.list.setSpacing(SPACING.s)
        self.new_button = KioskButton("staffFoundNewSearch", kind="secondary", icon_name="search")
        self.new_button.clicked.connect(self.new_search)
        self.body.addWidget(self.truncated)
        self.body.addWidget(self.empty)
        self.body.addWidget(scroll_area(self.list_body, "staffFoundScroll"), 1)
        self.body.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.retranslate()

    def show_view(self, view: VouchersView) -> None:
        self._view = view
        self._render()

    def _row(self, i: int, voucher: DeskVoucher) -> KioskButton:
        button = KioskButton(f"staffFoundRow{i}", kind="secondary", icon_name="receipt")
        button.setProperty("role", "staffRow")
        first = f"{group_voucher_number(voucher.number)}  ·  {kind_words(voucher.kind.value)}"
        second = [voucher.masked_name]
        if voucher.issued_at is not None:
            second.append(format_moment(voucher.issued_at))
        if voucher.progress is not None:
            second.append(progress_words(voucher.progress))
        button.set_text(
            f"{first}\n{'  ·  '.join(second)}",
            QCoreApplication.translate("StaffScreen", "Voucher {number}").format(
                number=voucher.number
            ),
        )
        button.clicked.connect(lambda _=False, n=voucher.number: self.voucher_chosen.emit(n))
        return button

    def _render(self) -> None:
        view = self._view
        clear_layout(self.list)
        self.rows = {}
        found = view.found
        vouchers = found.vouchers if found is not None else ()
        for i, voucher in enumerate(vouchers):
            row = self._row(i, voucher)
            self.rows[voucher.number] = row
            self.list.addWidget(row)
        self.list.addStretch(1)
        self.empty.setVisible(not vouchers)
        self.empty.setText(QCoreApplication.translate("StaffScreen", "Nothing found."))
        truncated = found is not None and found.truncated
        self.truncated.setVisible(truncated)
        if view.searching is FindBy.DATES:
            self.truncated.set_text(
                QCoreApplication.translate(
                    "StaffScreen",
                    "More than {n} found: only the newest are listed. Narrow the dates.",
                ).format(n=len(vouchers))
            )
        else:
            self.truncated.set_text(
                QCoreApplication.translate(
                    "StaffScreen", "More than {n} found: only the newest are listed."
                ).format(n=len(vouchers))
            )
        if view.searching is FindBy.DATES and view.dates is not None:
            self.title.setText(
                QCoreApplication.translate("StaffScreen", "Issued {dates}").format(
                    dates=dates_words(*view.dates)
                )
            )
        else:
            self.title.setText(
                QCoreApplication.translate("StaffScreen", "The cardholder's vouchers")
            )
        self.lead.setText(
            QCoreApplication.translate(
                "StaffScreen", "{n} vouchers, newest first. Tap one to see it."
            ).format(n=len(vouchers))
            if len(vouchers) != 1
            else QCoreApplication.translate("StaffScreen", "1 voucher. Tap it to see it.")
        )

    def retranslate(self) -> None:
        self.new_button.set_text(QCoreApplication.translate("StaffScreen", "New search"))
        self._render()

    def wipe(self) -> None:
        super().wipe()
        self._view = VouchersView(VPage.FOUND)
        self._render()


# The area's screens, for kiosk.ui.screens.staff.AREA_SCREENS -----------------------------------


def make_screens() -> list[StaffScreen]:
    return [VoucherFindScreen(), VoucherFoundScreen(), VoucherScreen(), VoucherCheckScreen()]


def connect_screens(screens: dict[str, Any], send: Callable[..., None]) -> None:
    area = VoucherDeskArea
    find: VoucherFindScreen = screens[VPage.FIND.value]
    find.by_code.connect(lambda code: send(area, lambda a: a.find_by_code(code)))
    find.by_number.connect(lambda text: send(area, lambda a: a.find_by_number(text)))
    find.by_holder.connect(lambda ssn: send(area, lambda a: a.find_by_holder(ssn)))
    find.by_dates.connect(lambda first, last: send(area, lambda a: a.find_by_dates(first, last)))
    found: VoucherFoundScreen = screens[VPage.FOUND.value]
    found.voucher_chosen.connect(lambda n: send(area, lambda a: a.open_voucher(n)))
    found.new_search.connect(lambda: send(area, lambda a: a.show_find()))
    voucher: VoucherScreen = screens[VPage.VOUCHER.value]
    voucher.action_chosen.connect(lambda kind: send(area, lambda a: a.act(kind)))
    voucher.new_search.connect(lambda: send(area, lambda a: a.show_find()))
    check: VoucherCheckScreen = screens[VPage.CHECK.value]
    check.new_search.connect(lambda: send(area, lambda a: a.show_find()))

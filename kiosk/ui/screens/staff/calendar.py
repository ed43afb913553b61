"""The working-day calendar's screens (kiosk.flows.staff_calendar): a year one month at a time,
each day a button that cycles holiday / make-up working day / normal, the year's state and a
legend beside it; and the confirmation that says the arrangement in words before it is saved.
Twelve months of touch-sized days do not fit 1280x800 in large text, so ‹ › step the months.
Texts are translated in the context "StaffScreen"."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRect, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.calendar import FixedHoliday
from kiosk.flows.staff_calendar import (
    CalendarArea,
    CalendarView,
    CalNotice,
    CalPage,
    DayCell,
    DayKind,
    HolidayRun,
    YearState,
)
from kiosk.ui.i18n import format_day_month, format_day_range, format_moment, format_month_only
from kiosk.ui.screens.staff.base import StaffScreen
from kiosk.ui.screens.staff.entry import menu_item
from kiosk.ui.theme import SPACING, set_style_property
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import Card, clear_layout, make_label, scroll_area
from kiosk.ui.widgets.parts import Notice as NoticeBox

if TYPE_CHECKING:  # the package imports this module to list its screens
    from kiosk.ui.screens.staff import Send


# QCoreApplication.translate by the name pyside6-lupdate looks for (a helper taking only the
# text would hide the strings from it).
translate = QCoreApplication.translate


def _weekdays() -> tuple[str, ...]:
    return (
        translate("StaffScreen", "Mon"),
        translate("StaffScreen", "Tue"),
        translate("StaffScreen", "Wed"),
        translate("StaffScreen", "Thu"),
        translate("StaffScreen", "Fri"),
        translate("StaffScreen", "Sat"),
        translate("StaffScreen", "Sun"),
    )


def _weekday_long(day: dt.date) -> str:
    names = (
        translate("StaffScreen", "Monday"),
        translate("StaffScreen", "Tuesday"),
        translate("StaffScreen", "Wednesday"),
        translate("StaffScreen", "Thursday"),
        translate("StaffScreen", "Friday"),
        translate("StaffScreen", "Saturday"),
        translate("StaffScreen", "Sunday"),
    )
    return names[day.weekday()]


def _holiday_name(name: FixedHoliday) -> str:
    return {
        FixedHoliday.NEW_YEAR: translate("StaffScreen", "New Year's Day"),
        FixedHoliday.LABOUR_DAY: translate("StaffScreen", "Labour Day"),
        FixedHoliday.NATIONAL_DAY: translate("StaffScreen", "National Day"),
    }[name]


def _marker(kind: DayKind) -> str:
    """The short word a day shows beside its number (colour alone says nothing to some)."""
    if kind is DayKind.HOLIDAY:
        return translate("StaffScreen", "off")
    if kind is DayKind.MAKEUP:
        return translate("StaffScreen", "work")
    return ""


def notice_text(view: CalendarView) -> str:
    """The calendar pages' one sentence for `view.notice` (what went wrong)."""
    notice = view.notice
    if notice is CalNotice.DATABASE:
        return translate(
            "StaffScreen",
            "The kiosk's database did not answer. Nothing was changed; please try again in a "
            "moment.",
        )
    if notice is CalNotice.NOTHING_ENTERED:
        return translate(
            "StaffScreen",
            "Nothing is entered yet. Tap the year's public holidays, and any make-up working "
            "days, then save.",
        )
    if notice is CalNotice.NO_HOLIDAYS:
        return translate(
            "StaffScreen",
            "Only make-up working days are marked. Mark the public holidays too "
            "(Spring Festival at least).",
        )
    if notice is CalNotice.WEEKDAY_WORKDAY:
        return translate("StaffScreen", "A make-up working day is a Saturday or a Sunday.")
    if notice is CalNotice.IN_BOTH:
        return translate(
            "StaffScreen", "A day cannot be a holiday and a make-up working day at once."
        )
    if notice is CalNotice.REFUSED:
        return translate("StaffScreen", "This arrangement cannot be saved. Check the days marked.")
    return ""  # SAVED: said in the year's state (state_text)


def _notice_tone(notice: CalNotice | None) -> str:
    return "error" if notice is CalNotice.DATABASE else "warn"


def state_text(view: CalendarView) -> str:
    """Whether the year's pickup dates are exact, and why; just saved, it says so first (in
    the same box: a second one would push the legend out of sight in large text)."""
    if view.notice is CalNotice.SAVED:
        return translate("StaffScreen", "Saved. {state}").format(state=_state_words(view))
    return _state_words(view)


def _state_words(view: CalendarView) -> str:
    if view.state is YearState.SET:
        if view.set_by and view.set_at:
            return translate(
                "StaffScreen", "{year} is exact: arrangement entered by {who}, {when}."
            ).format(year=view.year, who=view.set_by, when=format_moment(view.set_at))
        return translate("StaffScreen", "{year} is exact: an arrangement is entered.").format(
            year=view.year
        )
    if view.state is YearState.PUBLISHED:
        return translate(
            "StaffScreen", "{year} is exact: the published calendar. Saving here replaces it."
        ).format(year=view.year)
    return translate(
        "StaffScreen", "No arrangement for {year} yet: its pickup dates are approximate."
    ).format(year=view.year)


class DayButton(QPushButton):
    """One day of the month: its number, and "off" or "work" under it when it is a holiday or a
    make-up working day. Its colours come from staff.qss by the `day` property; the button has
    no text of its own (the number and the word are painted, one above the other)."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setProperty("role", "calendarDay")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the grid keeps its shape for shorter months
        self.setSizePolicy(policy)
        self.cell: DayCell | None = None
        self.marker = ""

    def show_cell(self, cell: DayCell | None) -> None:
        self.cell = cell
        self.setVisible(cell is not None)
        if cell is None:
            self.marker = ""
            return
        self.marker = _marker(cell.kind)
        set_style_property(self, "day", cell.kind.value)
        set_style_property(self, "fixed", "true" if cell.fixed else "false")
        words = {
            DayKind.WORKING: translate("StaffScreen", "working day"),
            DayKind.WEEKEND: translate("StaffScreen", "weekend"),
            DayKind.HOLIDAY: translate("StaffScreen", "public holiday"),
            DayKind.MAKEUP: translate("StaffScreen", "make-up working day"),
        }[cell.kind]
        self.setAccessibleName(f"{format_day_month(cell.day)} {words}")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """The frame as the style sheet draws it, then the number, and the word under it."""
        super().paintEvent(event)
        if self.cell is None:
            return
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        font = QFont(self.font())
        painter.setFont(font)
        number = str(self.cell.day.day)
        centre = int(Qt.AlignmentFlag.AlignCenter)
        if not self.marker:
            painter.drawText(self.rect(), centre, number)
            painter.end()
            return
        size = font.pixelSize() if font.pixelSize() > 0 else 20
        word = QFont(font)
        word.setPixelSize(max(14, round(size * 0.6)))
        word_height = QFontMetrics(word).height()
        number_height = QFontMetrics(font).height()
        top = max(0, (self.height() - number_height - word_height) // 2)
        painter.drawText(QRect(0, top, self.width(), number_height), centre, number)
        painter.setFont(word)
        painter.drawText(
            QRect(0, top + number_height - 2, self.width(), word_height), centre, self.marker
        )
        painter.end()


def _swatch(kind: DayKind, object_name: str) -> QLabel:
    """A small day as the legend shows it."""
    label = make_label("calendarSwatch", object_name=object_name, wrap=False)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setProperty("day", kind.value)
    label.setFixedSize(64, 40)
    return label


class CalendarScreen(StaffScreen):
    """The year, one month of days, and beside them the year's state, a legend and Save."""

    name = CalPage.CALENDAR.value
    year_stepped = Signal(int)
    month_stepped = Signal(int)
    day_tapped = Signal(object)  # a datetime.date
    save_clicked = Signal()
    retry_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lead.setVisible(False)  # the legend says how; the month needs the height
        # The title, the year's and the month's steppers on one line: the days need the height.
        self.earlier_year = KioskButton(
            "calendarEarlierYear", kind="arrow", icon_name="chevron-left"
        )
        self.later_year = KioskButton("calendarLaterYear", kind="arrow", icon_name="chevron-right")
        self.year_label = make_label("heading", object_name="calendarYear", wrap=False)
        self.year_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.year_label.setMinimumWidth(110)
        self.earlier_month = KioskButton(
            "calendarEarlierMonth", kind="arrow", icon_name="chevron-left"
        )
        self.later_month = KioskButton(
            "calendarLaterMonth", kind="arrow", icon_name="chevron-right"
        )
        self.month_label = make_label("heading", object_name="calendarMonth", wrap=False)
        self.month_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.month_label.setMinimumWidth(110)
        top = QHBoxLayout()
        top.setSpacing(SPACING.s)
        self.title.setParent(None)
        top.addWidget(self.title, 1)
        for widget in (self.earlier_year, self.year_label, self.later_year):
            top.addWidget(widget)
        top.addSpacing(SPACING.l)
        for widget in (self.earlier_month, self.month_label, self.later_month):
            top.addWidget(widget)
        self.body.addLayout(top)

        # The month: the weekdays, six weeks of days.
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(SPACING.xs + 2)
        self.grid.setVerticalSpacing(SPACING.xs + 2)
        self.weekday_labels: list[QLabel] = []
        for column in range(7):
            label = make_label("small", object_name=f"calendarWeekday{column}", wrap=False)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            self.weekday_labels.append(label)
            self.grid.addWidget(label, 0, column)
        self.days: list[DayButton] = []
        for index in range(6 * 7):
            button = DayButton(f"calendarDay{index}")
            button.clicked.connect(lambda _=False, b=button: self._tapped(b))
            self.days.append(button)
            self.grid.addWidget(button, 1 + index // 7, index % 7)
        month = QVBoxLayout()
        month.setSpacing(SPACING.s)
        month.addLayout(self.grid)
        month.addStretch(1)  # the weeks at the top, however tall the window

        # Beside it: the year's state, what is entered, the legend; then what went wrong, Save.
        self.state = NoticeBox("calendarState")
        set_style_property(self.state.text, "role", "body")  # room for the legend below it
        self.counts = make_label("body", object_name="calendarCounts")
        self.legend = QGridLayout()
        self.legend.setHorizontalSpacing(SPACING.m)
        self.legend.setVerticalSpacing(SPACING.s)
        self.legend_words: dict[DayKind, tuple[QLabel, QLabel]] = {}
        for row, kind in enumerate((DayKind.HOLIDAY, DayKind.MAKEUP)):  # weekends: grey, Sat, Sun
            swatch = _swatch(kind, f"calendarLegendSwatch_{kind.value}")
            words = make_label("body", object_name=f"calendarLegend_{kind.value}")
            self.legend_words[kind] = (swatch, words)
            self.legend.addWidget(swatch, row, 0, Qt.AlignmentFlag.AlignTop)
            self.legend.addWidget(words, row, 1)
        self.legend.setColumnStretch(1, 1)
        self.how = make_label("small", object_name="calendarHow")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, SPACING.s, 0)
        side_layout.setSpacing(SPACING.m)
        side_layout.addWidget(self.state)
        side_layout.addWidget(self.counts)
        side_layout.addLayout(self.legend)
        side_layout.addWidget(self.how)
        side_layout.addStretch(1)
        self.side = scroll_area(side, "calendarSide")
        self.notice = NoticeBox("calendarNotice")
        self.notice.setVisible(False)
        self.retry_button = KioskButton("calendarRetry", kind="secondary", icon_name="back")
        self.save_button = KioskButton("calendarSave", kind="primary", icon_name="check")
        right = QVBoxLayout()
        right.setSpacing(SPACING.m)
        right.addWidget(self.side, 1)
        right.addWidget(self.notice)
        right.addWidget(self.retry_button)
        right.addWidget(self.save_button)

        row = QHBoxLayout()
        row.setSpacing(SPACING.xl)
        row.addLayout(month, 5)
        row.addLayout(right, 6)
        self.body.addLayout(row, 1)

        self.earlier_year.clicked.connect(lambda: self.year_stepped.emit(-1))
        self.later_year.clicked.connect(lambda: self.year_stepped.emit(1))
        self.earlier_month.clicked.connect(lambda: self.month_stepped.emit(-1))
        self.later_month.clicked.connect(lambda: self.month_stepped.emit(1))
        self.save_button.clicked.connect(self.save_clicked)
        self.retry_button.clicked.connect(self.retry_clicked)
        self._view = CalendarView()
        self.retranslate()
        self.show_view(self._view)

    def _tapped(self, button: DayButton) -> None:
        if button.cell is not None and not button.cell.fixed:
            self.day_tapped.emit(button.cell.day)

    def show_view(self, view: CalendarView) -> None:
        self._view = view
        loaded, busy = view.loaded, view.busy
        self.earlier_year.setEnabled(loaded and not busy and view.year > view.first_year)
        self.later_year.setEnabled(loaded and not busy and view.year < view.last_year)
        self.earlier_month.setEnabled(loaded and not busy and view.month > 1)
        self.later_month.setEnabled(loaded and not busy and view.month < 12)
        cells = [cell for week in view.weeks for cell in week] or [None] * len(self.days)
        for button, cell in zip(self.days, cells, strict=True):
            button.show_cell(cell)
            button.setEnabled(not busy and cell is not None and not cell.fixed)
        self.state.setVisible(loaded)
        self.counts.setVisible(loaded)
        self.save_button.setVisible(loaded)
        self.save_button.setEnabled(not busy)
        self.retry_button.setVisible(not loaded and not busy)
        text = notice_text(view)
        self.notice.set_tone(_notice_tone(view.notice))
        self.notice.set_text(text)
        self.notice.setVisible(bool(text))
        self._words()

    def _words(self) -> None:
        """Every text that depends on the view (and the language)."""
        view = self._view
        self.year_label.setText(str(view.year) if view.loaded else "")
        self.month_label.setText(format_month_only(view.month) if view.loaded else "")
        for button in self.days:
            button.show_cell(button.cell)
        if view.loaded:
            self.state.set_tone("warn" if view.state is YearState.APPROXIMATE else "ok")
            self.state.set_text(state_text(view))
            if view.changed:
                counts = translate(
                    "StaffScreen",
                    "Marked: holidays {holidays} · make-up working days {workdays}. Not saved yet.",
                )
            else:
                counts = translate(
                    "StaffScreen", "Marked: holidays {holidays} · make-up working days {workdays}."
                )
            text = counts.format(holidays=view.marked_holidays, workdays=view.marked_workdays)
            self.counts.setText(text)
        self.notice.set_text(notice_text(view))

    def retranslate(self) -> None:
        self.title.setText(translate("StaffScreen", "Working-day calendar"))
        self.earlier_year.setAccessibleName(translate("StaffScreen", "Earlier year"))
        self.later_year.setAccessibleName(translate("StaffScreen", "Later year"))
        self.earlier_month.setAccessibleName(translate("StaffScreen", "Earlier month"))
        self.later_month.setAccessibleName(translate("StaffScreen", "Later month"))
        for label, name in zip(self.weekday_labels, _weekdays(), strict=True):
            label.setText(name)
        legend = {
            DayKind.HOLIDAY: translate("StaffScreen", "Public holiday"),
            DayKind.MAKEUP: translate("StaffScreen", "Make-up working day"),
        }
        for kind, (swatch, words) in self.legend_words.items():
            swatch.setText(_marker(kind))
            words.setText(legend[kind])
        self.how.setText(
            translate(
                "StaffScreen",
                "Tap a day: holiday, then make-up working day (weekend days only), then back "
                "to normal. New Year's Day, 1–2 May and 1–3 October are holidays by law.",
            )
        )
        self.save_button.set_text(translate("StaffScreen", "Save arrangement"))
        self.retry_button.set_text(translate("StaffScreen", "Try again"))
        self._words()

    def wipe(self) -> None:
        super().wipe()
        self.show_view(CalendarView())


class CalendarConfirmScreen(StaffScreen):
    """The arrangement in words, as the State Council's notice lists it, before it is saved."""

    name = CalPage.CONFIRM.value
    confirm_clicked = Signal()
    cancel_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = Card("calendarSummary", margins=SPACING.l)
        self.holidays_heading = make_label("heading", object_name="calendarSummaryHolidays")
        self.holiday_lines = QVBoxLayout()
        self.holiday_lines.setSpacing(SPACING.xs)
        self.workdays_heading = make_label("heading", object_name="calendarSummaryWorkdays")
        self.workday_lines = QVBoxLayout()
        self.workday_lines.setSpacing(SPACING.xs)
        # The holidays and the make-up working days side by side, as the notice lists them.
        columns = QHBoxLayout()
        columns.setSpacing(SPACING.xl)
        for heading, lines in (
            (self.holidays_heading, self.holiday_lines),
            (self.workdays_heading, self.workday_lines),
        ):
            column = QVBoxLayout()
            column.setSpacing(SPACING.s)
            column.addWidget(heading)
            column.addLayout(lines)
            column.addStretch(1)
            columns.addLayout(column, 1)
        self.card.body.addLayout(columns)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(self.card)
        holder_layout.addStretch(1)
        self.notice = NoticeBox("calendarConfirmNotice")
        self.notice.setVisible(False)
        self.cancel_button = KioskButton("calendarConfirmBack", kind="secondary", icon_name="back")
        self.confirm_button = KioskButton("calendarConfirmSave", kind="primary", icon_name="check")
        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING.m)
        buttons.addWidget(self.cancel_button, 1)
        buttons.addWidget(self.confirm_button, 1)
        self.body.addWidget(scroll_area(holder, "calendarSummaryScroll"), 1)
        self.body.addWidget(self.notice)
        self.body.addLayout(buttons)
        self.confirm_button.clicked.connect(self.confirm_clicked)
        self.cancel_button.clicked.connect(self.cancel_clicked)
        self._view = CalendarView()
        self.retranslate()

    def show_view(self, view: CalendarView) -> None:
        self._view = view
        self.confirm_button.setEnabled(not view.busy)
        self.cancel_button.setEnabled(not view.busy)
        text = notice_text(view)
        self.notice.set_tone(_notice_tone(view.notice))
        self.notice.set_text(text)
        self.notice.setVisible(bool(text))
        self._words()

    def _words(self) -> None:
        view = self._view
        self.title.setText(
            translate("StaffScreen", "Save the {year} holiday arrangement?").format(year=view.year)
        )
        self.lead.setText(
            translate(
                "StaffScreen",
                "Check it against the State Council's notice. Saved, it replaces whatever {year} "
                "counted before, its pickup dates are exact, and the audit log records it with "
                "your name.",
            ).format(year=view.year)
        )
        days = sum((run.last - run.first).days + 1 for run in view.holidays)
        self.holidays_heading.setText(
            translate("StaffScreen", "Public holidays: {days} days").format(days=days)
        )
        self.workdays_heading.setText(
            translate("StaffScreen", "Make-up working days: {days}").format(days=len(view.workdays))
        )
        clear_layout(self.holiday_lines)
        clear_layout(self.workday_lines)
        for index, run in enumerate(view.holidays):
            self.holiday_lines.addWidget(self._line(f"calendarSummaryHoliday{index}", _run(run)))
        for index, day in enumerate(view.workdays):
            text = translate("StaffScreen", "{date}, {weekday}, worked").format(
                date=format_day_month(day), weekday=_weekday_long(day)
            )
            self.workday_lines.addWidget(self._line(f"calendarSummaryWorkday{index}", text))
        if not view.workdays:
            self.workday_lines.addWidget(
                self._line("calendarSummaryNoWorkday", translate("StaffScreen", "None"))
            )

    @staticmethod
    def _line(object_name: str, text: str) -> QWidget:
        label = make_label("lead", object_name=object_name)
        label.setText(text)
        label.ensurePolished()  # styled now, as the labels of a window just built are
        return label

    def retranslate(self) -> None:
        self.cancel_button.set_text(translate("StaffScreen", "Back to the calendar"))
        self.confirm_button.set_text(translate("StaffScreen", "Save arrangement"))
        self._words()

    def wipe(self) -> None:
        super().wipe()
        self.show_view(CalendarView())


def _run(run: HolidayRun) -> str:
    """1月1日–1月3日 元旦，共3天 / 1–3 Jan, New Year's Day (3 days)."""
    dates = format_day_range(run.first, run.last)
    days = (run.last - run.first).days + 1
    if run.name is None:
        if days == 1:
            return translate("StaffScreen", "{dates} (1 day)").format(dates=dates)
        return translate("StaffScreen", "{dates} ({days} days)").format(dates=dates, days=days)
    name = _holiday_name(run.name)
    if days == 1:
        return translate("StaffScreen", "{dates}, {name} (1 day)").format(dates=dates, name=name)
    return translate("StaffScreen", "{dates}, {name} ({days} days)").format(
        dates=dates, name=name, days=days
    )


def make_screens() -> list[StaffScreen]:
    return [CalendarScreen(), CalendarConfirmScreen()]


def connect(screens: dict[str, StaffScreen], send: Send) -> None:
    calendar = screens[CalPage.CALENDAR.value]
    confirm = screens[CalPage.CONFIRM.value]
    assert isinstance(calendar, CalendarScreen) and isinstance(confirm, CalendarConfirmScreen)
    calendar.year_stepped.connect(lambda d: send(CalendarArea, lambda a: a.step_year(d)))
    calendar.month_stepped.connect(lambda d: send(CalendarArea, lambda a: a.step_month(d)))
    calendar.day_tapped.connect(lambda day: send(CalendarArea, lambda a: a.tap(day)))
    calendar.save_clicked.connect(lambda: send(CalendarArea, lambda a: a.save()))
    calendar.retry_clicked.connect(lambda: send(CalendarArea, lambda a: a.retry()))
    confirm.confirm_clicked.connect(lambda: send(CalendarArea, lambda a: a.confirm()))
    confirm.cancel_clicked.connect(lambda: send(CalendarArea, lambda a: a.to_calendar()))


menu_item(
    "calendar",
    "calendar",
    QT_TRANSLATE_NOOP("StaffScreen", "Working-day calendar"),
    QT_TRANSLATE_NOOP("StaffScreen", "Enter a year's holiday arrangement"),
)

"""The working-day calendar area (administrators): a year's holiday arrangement entered on
screen, as `kiosk calendar set` enters it on the command line.

The page `staff-calendar` shows a year (this year and the next two), whether its pickup dates
are exact (the calendar package publishes it, or an arrangement was entered: by whom, when) or
approximate, and one month at a time, each day a working day, a weekend day, a public holiday
or a make-up working day. A tap cycles a day: normal → holiday → make-up working day → normal,
the make-up step only on weekend days (kiosk.domain.holiday_arrangement.may_be_workday); the
fixed-date holidays (New Year's Day, 1-2 May, 1-3 October) stay holidays. "Save" checks the
arrangement with the domain's checks and asks on `staff-calendar-confirm`, which says it in
words; saving replaces the year's overrides and is audited with the administrator's login.

What is tapped is a draft per year: stepping to another year and back loses nothing.
No Qt; the plans (`plans`) run the service calls on the worker.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from dataclasses import dataclass
from typing import ClassVar

from kiosk.domain.calendar import FixedHoliday, fixed_holiday
from kiosk.domain.holiday_arrangement import (
    Arrangement,
    ArrangementError,
    Problem,
    may_be_workday,
    runs,
)
from kiosk.domain.staff import Permission, StaffSession
from kiosk.flows.runner import Action, Commands, CommandTable
from kiosk.flows.staff_runner import AreaPlans
from kiosk.services.calendar_admin import ArrangementSet, YearRecord

YEARS_AHEAD = 2  # this year and the next two: pickup dates reach a few weeks ahead at most
WEEKS = 6  # a month's grid always has six rows, so the page does not jump between months


class CalPage(enum.Enum):
    CALENDAR = "staff-calendar"
    CONFIRM = "staff-calendar-confirm"


class Mark(enum.Enum):
    """What the administrator entered for a day."""

    NONE = "none"  # the usual rule: Monday to Friday, except the fixed-date holidays
    HOLIDAY = "holiday"
    WORKDAY = "workday"  # a make-up working day (调休上班): weekend days only


class DayKind(enum.Enum):
    """A day as it counts under the draft."""

    WORKING = "working"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    MAKEUP = "makeup"


class YearState(enum.Enum):
    PUBLISHED = "published"  # exact: the installed calendar package publishes the year
    SET = "set"  # exact: an administrator entered the arrangement
    APPROXIMATE = "approximate"  # weekends and fixed-date holidays only: dates marked so


class CalNotice(enum.Enum):
    """What the calendar pages tell the administrator, one plain sentence each."""

    DATABASE = "database"  # the kiosk's database did not answer
    NOTHING_ENTERED = "nothing_entered"
    NO_HOLIDAYS = "no_holidays"  # make-up working days but no holiday
    WEEKDAY_WORKDAY = "weekday_workday"
    IN_BOTH = "in_both"
    REFUSED = "refused"  # any other refusal of the domain's checks
    SAVED = "saved"


_NOTICE_OF_PROBLEM = {
    Problem.NO_HOLIDAYS: CalNotice.NO_HOLIDAYS,
    Problem.WEEKDAY_WORKDAY: CalNotice.WEEKDAY_WORKDAY,
    Problem.IN_BOTH: CalNotice.IN_BOTH,
}


# Commands ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoadYear:
    year: int | None  # None: the kiosk's current year


@dataclass(frozen=True, slots=True)
class SaveArrangement:
    arrangement: Arrangement
    actor: str  # the administrator's login, for the audit log


# The view ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DayCell:
    day: dt.date
    kind: DayKind
    fixed: bool  # a fixed-date public holiday: always a holiday, not tappable


@dataclass(frozen=True, slots=True)
class HolidayRun:
    first: dt.date
    last: dt.date
    name: FixedHoliday | None  # the fixed-date holiday in it, if any (the domain names no other)


@dataclass(frozen=True, slots=True)
class CalendarView:
    busy: bool = False
    loaded: bool = False  # a year is on screen (False: the first read failed)
    year: int = 0
    month: int = 1
    first_year: int = 0
    last_year: int = 0
    state: YearState = YearState.APPROXIMATE
    set_by: str | None = None
    set_at: dt.datetime | None = None
    weeks: tuple[tuple[DayCell | None, ...], ...] = ()  # Monday first; None outside the month
    marked_holidays: int = 0  # days tapped as holidays, in the whole year
    marked_workdays: int = 0
    holidays: tuple[HolidayRun, ...] = ()  # every holiday of the draft, fixed-date ones too
    workdays: tuple[dt.date, ...] = ()
    changed: bool = False  # the draft differs from how the year counts now
    notice: CalNotice | None = None


def _kind(day: dt.date, mark: Mark) -> DayKind:
    if mark is Mark.HOLIDAY:
        return DayKind.HOLIDAY
    if mark is Mark.WORKDAY:
        return DayKind.MAKEUP
    if fixed_holiday(day) is not None:
        return DayKind.HOLIDAY
    return DayKind.WEEKEND if day.weekday() >= 5 else DayKind.WORKING


def _initial_marks(record: YearRecord) -> dict[dt.date, Mark]:
    """The year as it counts now, as marks: the arrangement entered, else the package's."""
    year = record.calendar
    if year.arrangement_set:
        holidays, workdays = frozenset(year.holidays), frozenset(year.workdays)
    else:
        holidays, workdays = record.published_holidays, record.published_workdays
    marks = {day: Mark.HOLIDAY for day in holidays if fixed_holiday(day) is None}
    marks.update({day: Mark.WORKDAY for day in workdays})
    return marks


class CalendarArea:
    key: ClassVar[str] = "calendar"
    permission: ClassVar[Permission] = Permission.CALENDAR

    def __init__(self, session: StaffSession) -> None:
        self.session = session
        self._page = CalPage.CALENDAR
        self._busy = False
        self._notice: CalNotice | None = None
        self._year: int | None = None
        self._month = 1
        self._this_year = 0
        self._records: dict[int, YearRecord] = {}
        self._marks: dict[int, dict[dt.date, Mark]] = {}  # the drafts, by year
        self._pending: Arrangement | None = None  # checked, awaiting confirmation

    # Where it stands ----------------------------------------------------------------------------

    @property
    def page(self) -> str:
        return self._page.value

    @property
    def year(self) -> int | None:
        return self._year

    def mark(self, day: dt.date) -> Mark:
        return self._marks.get(day.year, {}).get(day, Mark.NONE)

    @property
    def view(self) -> CalendarView:
        year = self._year
        if year is None:
            return CalendarView(busy=self._busy, notice=self._notice)
        record = self._records[year]
        marks = self._marks[year]
        if record.calendar.arrangement_set:
            state = YearState.SET
        elif record.calendar.published:
            state = YearState.PUBLISHED
        else:
            state = YearState.APPROXIMATE
        holidays, workdays = self._days(year)
        return CalendarView(
            busy=self._busy,
            loaded=True,
            year=year,
            month=self._month,
            first_year=self._this_year,
            last_year=self._this_year + YEARS_AHEAD,
            state=state,
            set_by=record.set_by,
            set_at=record.set_at,
            weeks=self._weeks(year, self._month),
            marked_holidays=sum(mark is Mark.HOLIDAY for mark in marks.values()),
            marked_workdays=sum(mark is Mark.WORKDAY for mark in marks.values()),
            holidays=tuple(
                HolidayRun(first, last, self._name(first, last)) for first, last in runs(holidays)
            ),
            workdays=tuple(sorted(workdays)),
            changed=marks != _initial_marks(record),
            notice=self._notice,
        )

    def _weeks(self, year: int, month: int) -> tuple[tuple[DayCell | None, ...], ...]:
        weeks = [
            tuple(
                DayCell(day, _kind(day, self.mark(day)), fixed_holiday(day) is not None)
                if day.month == month
                else None
                for day in week
            )
            for week in calendar.Calendar(calendar.MONDAY).monthdatescalendar(year, month)
        ]
        weeks += [(None,) * 7] * (WEEKS - len(weeks))
        return tuple(weeks)

    def _days(self, year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
        """The draft's holidays (the fixed-date ones included) and make-up working days."""
        marks = self._marks[year]
        workdays = frozenset(day for day, mark in marks.items() if mark is Mark.WORKDAY)
        first = dt.date(year, 1, 1)
        fixed = {
            day
            for day in (first + dt.timedelta(n) for n in range(366))
            if day.year == year and fixed_holiday(day) is not None
        }
        holidays = {day for day, mark in marks.items() if mark is Mark.HOLIDAY}
        return frozenset(holidays | (fixed - workdays)), workdays

    @staticmethod
    def _name(first: dt.date, last: dt.date) -> FixedHoliday | None:
        for n in range((last - first).days + 1):
            name = fixed_holiday(first + dt.timedelta(n))
            if name is not None:
                return name
        return None

    # Opening and moving about -------------------------------------------------------------------

    def start(self) -> Commands:
        self._busy = True
        return [LoadYear(None)]

    def back(self) -> bool:
        if self._page is CalPage.CONFIRM:
            self.to_calendar()
            return True
        return False

    def to_calendar(self) -> Commands:
        """From the confirmation back to the calendar, to change something (not while saving:
        stay until it is answered)."""
        if self._page is CalPage.CONFIRM and not self._busy:
            self._page = CalPage.CALENDAR
            self._pending = None
            self._notice = None
        return []

    def step_year(self, delta: int) -> Commands:
        """− / +: another year, within this year and the next two."""
        year = self._year
        if self._page is not CalPage.CALENDAR or self._busy or year is None:
            return []
        target = year + delta
        if not self._this_year <= target <= self._this_year + YEARS_AHEAD or target == year:
            return []
        self._busy = True
        self._notice = None
        return [LoadYear(target)]

    def step_month(self, delta: int) -> Commands:
        """‹ / ›: another month of the same year."""
        if self._page is CalPage.CALENDAR and not self._busy:
            self._month = min(12, max(1, self._month + delta))
        return []

    def retry(self) -> Commands:
        """The first read failed: read again."""
        if self._busy or self._year is not None:
            return []
        self._busy = True
        self._notice = None
        return [LoadYear(None)]

    def year_loaded(self, record: YearRecord) -> Commands:
        year = record.calendar.year
        self._busy = False
        self._records[year] = record
        self._this_year = record.this_year
        self._marks.setdefault(year, _initial_marks(record))
        self._year = year
        return []

    def load_failed(self, error: BaseException) -> Commands:
        self._busy = False
        self._notice = CalNotice.DATABASE
        return []

    # Entering -----------------------------------------------------------------------------------

    def tap(self, day: dt.date) -> Commands:
        """Cycle a day: normal → holiday → make-up working day (weekend days) → normal."""
        year = self._year
        if self._page is not CalPage.CALENDAR or self._busy or day.year != year:
            return []
        if fixed_holiday(day) is not None:
            return []
        order = [Mark.NONE, Mark.HOLIDAY] + ([Mark.WORKDAY] if may_be_workday(day) else [])
        marks = self._marks[year]
        current = marks.get(day, Mark.NONE)
        following = (
            order[(order.index(current) + 1) % len(order)] if current in order else Mark.NONE
        )
        if following is Mark.NONE:
            marks.pop(day, None)
        else:
            marks[day] = following
        self._notice = None
        return []

    def save(self) -> Commands:
        """Save: check the draft with the domain's checks, then ask for confirmation."""
        year = self._year
        if self._page is not CalPage.CALENDAR or self._busy or year is None:
            return []
        marks = self._marks[year]
        if not marks:
            self._notice = CalNotice.NOTHING_ENTERED
            return []
        if Mark.HOLIDAY not in marks.values():
            # The domain would take the fixed-date holidays alone, but no year is without a
            # lunar one (Spring Festival): make-up days alone are a half-entered arrangement.
            self._notice = CalNotice.NO_HOLIDAYS
            return []
        holidays, workdays = self._days(year)
        try:
            self._pending = Arrangement.of(year, holidays, workdays)
        except ArrangementError as exc:
            self._notice = _NOTICE_OF_PROBLEM.get(exc.problem, CalNotice.REFUSED)
            return []
        self._notice = None
        self._page = CalPage.CONFIRM
        return []

    def confirm(self) -> Commands:
        pending = self._pending
        if self._page is not CalPage.CONFIRM or self._busy or pending is None:
            return []
        self._busy = True
        self._notice = None
        return [SaveArrangement(pending, self.session.login)]

    def saved(self, done: ArrangementSet) -> Commands:
        """Recorded: read the year back, now exact (the draft is what was saved; still busy)."""
        self._pending = None
        self._page = CalPage.CALENDAR
        self._notice = CalNotice.SAVED
        return [LoadYear(done.year)]

    def save_failed(self, error: BaseException) -> Commands:
        """Not recorded (nothing changed): say so, and keep the confirmation to try again."""
        self._busy = False
        self._notice = CalNotice.DATABASE
        return []


def plans(helper: AreaPlans) -> CommandTable:
    """The calendar area's commands as jobs on the real CalendarAdmin."""
    admin = helper.services.calendar
    table = CommandTable()

    def load(command: LoadYear) -> Action | None:
        area = helper.area(CalendarArea)
        if area is None:
            return None
        return helper.job(lambda: admin.record(command.year), area.year_loaded, area.load_failed)

    def save(command: SaveArrangement) -> Action | None:
        area = helper.area(CalendarArea)
        if area is None:
            return None
        return helper.job(
            lambda: admin.set_arrangement(command.arrangement, actor=command.actor),
            area.saved,
            area.save_failed,
        )

    table.add(LoadYear, load)
    table.add(SaveArrangement, save)
    return table

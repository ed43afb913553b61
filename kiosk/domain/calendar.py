"""The Chinese working-day calendar: public holidays and adjusted working days (调休).

The State Council publishes each year's holiday arrangement late in the year before; the
`chinesecalendar` package carries the published years. Local overrides (a table in the store,
kept by staff) win over the package, for a late announcement or a local closure. For a day in a
year the package does not cover and no override names, the calendar falls back to "Monday to
Friday, except the public holidays on fixed dates" and says so: the result is then approximate
(the lunar holidays and the make-up working days are not known), and the caller should word it
that way.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import chinese_calendar  # untyped: see [tool.mypy] overrides in pyproject.toml

log = logging.getLogger(__name__)

Overrides = Mapping[dt.date, bool]  # day -> is a working day

# China Standard Time, all year (no daylight saving since 1991): the kiosk's local dates.
CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "CST")


class FixedHoliday(enum.Enum):
    """The public holidays on fixed dates, by name (screens word them)."""

    NEW_YEAR = "new_year"
    LABOUR_DAY = "labour_day"
    NATIONAL_DAY = "national_day"


# Public holidays on fixed dates (全国年节及纪念日放假办法, 2024 revision): New Year's Day,
# Labour Day (1-2 May) and National Day (1-3 October). Every year has them, published or not.
FIXED_HOLIDAY_NAMES: Mapping[tuple[int, int], FixedHoliday] = {
    (1, 1): FixedHoliday.NEW_YEAR,
    (5, 1): FixedHoliday.LABOUR_DAY,
    (5, 2): FixedHoliday.LABOUR_DAY,
    (10, 1): FixedHoliday.NATIONAL_DAY,
    (10, 2): FixedHoliday.NATIONAL_DAY,
    (10, 3): FixedHoliday.NATIONAL_DAY,
}
FIXED_HOLIDAYS = frozenset(FIXED_HOLIDAY_NAMES)


def fixed_holiday(day: dt.date) -> FixedHoliday | None:
    """The fixed-date public holiday `day` is, if any."""
    return FIXED_HOLIDAY_NAMES.get((day.month, day.day))


def local_date(at: dt.datetime) -> dt.date:
    """The date in China of an aware time: vouchers and pickup dates are local dates."""
    return at.astimezone(CHINA_TZ).date()


@cache
def covered_years() -> range:
    """The years whose holiday arrangement the installed `chinesecalendar` knows."""
    years = [day.year for day in chinese_calendar.holidays]
    return range(min(years), max(years) + 1)


def is_covered(day: dt.date) -> bool:
    return day.year in covered_years()


def published_days(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """The installed package's holidays and make-up working days of `year` (both empty for a
    year it does not cover)."""
    return (
        frozenset(day for day in chinese_calendar.holidays if day.year == year),
        frozenset(day for day in chinese_calendar.workdays if day.year == year),
    )


def is_workday(day: dt.date, overrides: Overrides | None = None) -> bool:
    """Whether `day` is a working day: override, else the published calendar, else Mon-Fri
    outside the fixed-date public holidays."""
    if overrides and day in overrides:
        return overrides[day]
    if is_covered(day):
        return bool(chinese_calendar.is_workday(day))
    return day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS


@dataclass(frozen=True, slots=True)
class WorkingDayResult:
    date: dt.date
    # False when some day counted lay in a year the published calendar does not cover and no
    # override named it: the date was counted without the lunar holidays and may be early.
    exact: bool


def add_working_days_checked(
    start: dt.date, n: int, overrides: Overrides | None = None
) -> WorkingDayResult:
    """The n-th working day after `start` (`start` itself never counts), and whether it is exact.

    n = 0 gives `start`. "Come back in 15 working days" from a Friday is counted from Monday.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    day = start
    exact = True
    remaining = n
    while remaining:
        day += dt.timedelta(days=1)
        if not is_covered(day) and not (overrides and day in overrides):
            exact = False
        if is_workday(day, overrides):
            remaining -= 1
    return WorkingDayResult(day, exact)


def add_working_days(start: dt.date, n: int, overrides: Overrides | None = None) -> dt.date:
    """The n-th working day after `start`; logs `calendar.approximate` when it had to guess."""
    result = add_working_days_checked(start, n, overrides)
    if not result.exact:
        last = covered_years().stop - 1
        log.warning("calendar.approximate start=%s n=%d covered_until=%d", start, n, last)
    return result.date

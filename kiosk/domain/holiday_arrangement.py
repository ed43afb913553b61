"""A year's holiday arrangement (节假日安排) as the State Council publishes it, entered by an
administrator: the holidays and the make-up working days (调休上班), checked and turned into a
working-day flag for every day of the year, which the calendar then counts as exact.

Dates are ISO (2027-02-06) or inclusive ranges (2027-02-06..2027-02-13), separated by commas
or spaces. A file holds the same, one list per line:

    # 2027 arrangement (国务院办公厅通知)
    holidays: 2027-01-01, 2027-02-06..2027-02-13
    workdays: 2027-02-14, 2027-02-20

Days in neither list follow the usual rule: Monday to Friday work, except the fixed-date
public holidays (kiosk.domain.calendar.FIXED_HOLIDAYS).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass

from kiosk.domain.calendar import FIXED_HOLIDAYS

MIN_YEAR, MAX_YEAR = 2000, 2099
MAX_FILE_BYTES = 16_384
_SPLIT = re.compile(r"[,\s]+")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


class Problem(enum.Enum):
    """Why an arrangement is refused, for a screen to word (the message is the command's)."""

    BAD_YEAR = "bad_year"
    BAD_DATE = "bad_date"  # not a date, a range backwards, a line of a file not understood
    OUTSIDE_YEAR = "outside_year"
    NO_HOLIDAYS = "no_holidays"
    IN_BOTH = "in_both"
    WEEKDAY_WORKDAY = "weekday_workday"


class ArrangementError(ValueError):
    """The arrangement is refused; the message says what and where, in one line."""

    def __init__(self, message: str, problem: Problem = Problem.BAD_DATE) -> None:
        super().__init__(message)
        self.problem = problem


def may_be_workday(day: dt.date) -> bool:
    """Whether `day` may be a make-up working day (调休上班): a Saturday or a Sunday."""
    return day.weekday() >= 5


def runs(days: Iterable[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """The days as runs of consecutive days, (first, last) each, in order."""
    out: list[tuple[dt.date, dt.date]] = []
    for day in sorted(set(days)):
        if out and day - out[-1][1] == dt.timedelta(days=1):
            out[-1] = (out[-1][0], day)
        else:
            out.append((day, day))
    return out


def _day(text: str) -> dt.date:
    if not _ISO.fullmatch(text):
        raise ArrangementError(f"{text[:40]!r} is not a date like 2027-02-06")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ArrangementError(f"{text!r} is not a date of the calendar") from None


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ArrangementError(
            f"the year must be from {MIN_YEAR} to {MAX_YEAR}, not {year}", Problem.BAD_YEAR
        )


def parse_dates(text: str, year: int, what: str) -> frozenset[dt.date]:
    """The days `text` names, each in `year`; `what` names the list in messages."""
    days: set[dt.date] = set()
    for item in (part for part in _SPLIT.split(text.strip()) if part):
        first_text, sep, last_text = item.partition("..")
        first = _day(first_text)
        last = _day(last_text) if sep else first
        if last < first:
            raise ArrangementError(f"{what}: the range {item} ends before it starts")
        for end in (first, last):
            if end.year != year:
                raise ArrangementError(
                    f"{what}: {end.isoformat()} is not in {year}", Problem.OUTSIDE_YEAR
                )
        days.update(first + dt.timedelta(n) for n in range((last - first).days + 1))
    return frozenset(days)


@dataclass(frozen=True)
class Arrangement:
    year: int
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]

    @classmethod
    def parse(cls, year: int, holidays: str, workdays: str) -> Arrangement:
        """Check the year and both lists. Raises ArrangementError."""
        _check_year(year)  # before the dates: they are checked against it
        return cls.of(
            year,
            parse_dates(holidays, year, "--holidays"),
            parse_dates(workdays, year, "--workdays"),
        )

    @classmethod
    def of(cls, year: int, holidays: Iterable[dt.date], workdays: Iterable[dt.date]) -> Arrangement:
        """Check days already picked (on a screen, or parsed). Raises ArrangementError."""
        off, on = frozenset(holidays), frozenset(workdays)
        _check_year(year)
        outside = sorted(day for day in off | on if day.year != year)
        if outside:
            raise ArrangementError(
                f"{outside[0].isoformat()} is not in {year}", Problem.OUTSIDE_YEAR
            )
        if not off:
            raise ArrangementError(
                "--holidays names no day: give the year's public holidays", Problem.NO_HOLIDAYS
            )
        both = sorted(off & on)
        if both:
            raise ArrangementError(
                f"{both[0].isoformat()} is in both --holidays and --workdays"
                + (f" (and {len(both) - 1} more)" if len(both) > 1 else ""),
                Problem.IN_BOTH,
            )
        weekday = sorted(day for day in on if not may_be_workday(day))
        if weekday:
            # A make-up working day is a Saturday or Sunday; a weekday here is a list mix-up.
            raise ArrangementError(
                f"--workdays: {weekday[0].isoformat()} is a {weekday[0]:%A}, already a working "
                "day (make-up working days are weekend days)",
                Problem.WEEKDAY_WORKDAY,
            )
        return cls(year, off, on)

    @classmethod
    def parse_file(cls, year: int, text: str) -> Arrangement:
        """An arrangement file (see the module docstring). Raises ArrangementError."""
        lists = {"holidays": "", "workdays": ""}
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            name, sep, value = line.partition(":")
            name = name.strip().lower()
            if not sep or name not in lists:
                raise ArrangementError(
                    f"line {number}: expected 'holidays: DATES' or 'workdays: DATES'"
                )
            lists[name] += " " + value
        return cls.parse(year, lists["holidays"], lists["workdays"])

    def working_days(self) -> dict[dt.date, bool]:
        """Every day of the year: whether it is a working day under this arrangement."""
        first = dt.date(self.year, 1, 1)
        days = (dt.date(self.year + 1, 1, 1) - first).days
        out = {}
        for n in range(days):
            day = first + dt.timedelta(n)
            if day in self.holidays:
                out[day] = False
            elif day in self.workdays:
                out[day] = True
            else:
                out[day] = day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS
        return out

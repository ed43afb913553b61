"""A whole year of calendar overrides at once: an administrator's holiday arrangement, stored
as one override per day of the year so the calendar counts that year as exact. The note says
which list a day came from, so the arrangement can be shown back as it was entered."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kiosk.store import models as m

NOTE_HOLIDAY = "arrangement:holiday"
NOTE_WORKDAY = "arrangement:workday"
NOTE_OTHER = "arrangement"  # a day in neither list, by the weekday rule
ARRANGEMENT_NOTES = (NOTE_HOLIDAY, NOTE_WORKDAY, NOTE_OTHER)


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


class CalendarYearRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def overrides(self, year: int) -> list[tuple[dt.date, bool, str]]:
        first, last = _year(year)
        return [
            (day, is_workday, note)
            for day, is_workday, note in self.session.execute(
                sa.select(
                    m.CalendarOverride.day, m.CalendarOverride.is_workday, m.CalendarOverride.note
                )
                .where(m.CalendarOverride.day >= first, m.CalendarOverride.day <= last)
                .order_by(m.CalendarOverride.day)
            )
        ]

    def replace_year(
        self,
        year: int,
        days: dict[dt.date, bool],
        holidays: frozenset[dt.date],
        workdays: frozenset[dt.date],
    ) -> int:
        """Replace every override of `year` with `days`; returns how many were there before."""
        first, last = _year(year)
        where = (m.CalendarOverride.day >= first, m.CalendarOverride.day <= last)
        count = sa.select(sa.func.count()).select_from(m.CalendarOverride).where(*where)
        before = self.session.scalar(count) or 0
        self.session.execute(sa.delete(m.CalendarOverride).where(*where))
        self.session.add_all(
            m.CalendarOverride(
                day=day,
                is_workday=is_workday,
                note=NOTE_HOLIDAY
                if day in holidays
                else NOTE_WORKDAY
                if day in workdays
                else NOTE_OTHER,
            )
            for day, is_workday in days.items()
        )
        return int(before)

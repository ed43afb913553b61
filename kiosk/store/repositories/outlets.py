"""Where and when cards are collected: the service outlets and the working-day calendar's
local overrides."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kiosk.domain import records as r
from kiosk.store import models as m


def outlet_of(row: m.Outlet) -> r.Outlet:
    return r.Outlet(
        code=row.code,
        name=row.name,
        name_en=row.name_en,
        address=row.address,
        address_en=row.address_en,
        opening_hours=row.opening_hours,
        opening_hours_en=row.opening_hours_en,
        phone=row.phone,
        issues_cards=row.issues_cards,
    )


class OutletRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def list(self, *, issuing_only: bool = False) -> list[r.Outlet]:
        query = sa.select(m.Outlet).order_by(m.Outlet.code)
        if issuing_only:
            query = query.where(m.Outlet.issues_cards.is_(True))
        return [outlet_of(row) for row in self.session.scalars(query)]

    def get(self, code: str) -> r.Outlet | None:
        row = self.session.scalar(sa.select(m.Outlet).where(m.Outlet.code == code))
        return None if row is None else outlet_of(row)


class CalendarRepository:
    """Local overrides of the working-day calendar, as `kiosk.domain.calendar` takes them."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def overrides(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> dict[dt.date, bool]:
        query = sa.select(m.CalendarOverride.day, m.CalendarOverride.is_workday)
        if start is not None:
            query = query.where(m.CalendarOverride.day >= start)
        if end is not None:
            query = query.where(m.CalendarOverride.day <= end)
        return {day: is_workday for day, is_workday in self.session.execute(query)}

    def set_override(self, day: dt.date, is_workday: bool, note: str) -> None:
        row = self.session.get(m.CalendarOverride, day)
        if row is None:
            self.session.add(m.CalendarOverride(day=day, is_workday=is_workday, note=note))
        else:
            row.is_workday = is_workday
            row.note = note

    def remove_override(self, day: dt.date) -> None:
        self.session.execute(sa.delete(m.CalendarOverride).where(m.CalendarOverride.day == day))

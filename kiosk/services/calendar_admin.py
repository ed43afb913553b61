"""Calendar overrides by the year: an administrator enters the State Council's holiday
arrangement (kiosk.domain.holiday_arrangement), which replaces every override of that year and
makes the year's pickup dates exact; audited as "calendar.arrangement_set". And showing a year
back as it stands: to the command (YearCalendar) and to the staff screen (YearRecord: also the
published days and who set the arrangement, when)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from kiosk.domain.calendar import covered_years, local_date, published_days
from kiosk.domain.holiday_arrangement import Arrangement
from kiosk.domain.journal import ActorKind, Outcome
from kiosk.store.db import read_session
from kiosk.store.repositories.calendar_years import (
    NOTE_HOLIDAY,
    NOTE_WORKDAY,
    CalendarYearRepository,
)
from kiosk.store.repositories.day import AuditPageRepository, AuditQuery
from kiosk.store.seal import AuditSeal
from kiosk.store.unitofwork import UnitOfWork

ACTION = "calendar.arrangement_set"
_SETTERS_READ = 200  # arrangements looked through for who set a year: a few per year at most


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class YearCalendar:
    """A year as the kiosk counts it."""

    year: int
    holidays: tuple[dt.date, ...]  # entered as holidays
    workdays: tuple[dt.date, ...]  # entered as make-up working days
    overridden_days: int  # days of the year with an override (all of them once set)
    days_in_year: int
    published: bool  # the installed calendar package knows the year

    @property
    def arrangement_set(self) -> bool:
        return self.overridden_days == self.days_in_year

    @property
    def exact(self) -> bool:
        """Whether pickup dates counted in this year are exact."""
        return self.published or self.arrangement_set


@dataclass(frozen=True)
class YearRecord:
    """A year for the staff screen: as counted, the package's days when it publishes the year,
    who entered the arrangement and when (from the audit log: any kiosk's), and the kiosk's
    current year, which bounds the years offered."""

    calendar: YearCalendar
    published_holidays: frozenset[dt.date]
    published_workdays: frozenset[dt.date]
    set_by: str | None
    set_at: dt.datetime | None
    this_year: int


@dataclass(frozen=True)
class ArrangementSet:
    year: int
    holidays: int
    workdays: int
    replaced: int  # overrides of the year there were before
    audit_seq: int


class CalendarAdmin:
    def __init__(
        self,
        engine: Engine,
        seal: AuditSeal,
        chain: str,
        clock: Callable[[], dt.datetime] = _utc_now,
    ) -> None:
        self.engine = engine
        self.seal = seal
        self.chain = chain
        self.clock = clock

    def set_arrangement(self, arrangement: Arrangement, *, actor: str) -> ArrangementSet:
        """Replace the year's overrides with the arrangement and audit it, in one transaction
        (the staff user is the actor). Raises the database's error with nothing changed."""
        with UnitOfWork(self.engine, self.seal) as uow:
            replaced = CalendarYearRepository(uow.session).replace_year(
                arrangement.year,
                arrangement.working_days(),
                arrangement.holidays,
                arrangement.workdays,
            )
            entry = uow.audit.append(
                chain=self.chain,
                actor_kind=ActorKind.STAFF,
                actor=actor,
                action=ACTION,
                outcome=Outcome.OK,
                at=self.clock(),
                detail={
                    "year": arrangement.year,
                    "holidays": [d.isoformat() for d in sorted(arrangement.holidays)],
                    "workdays": [d.isoformat() for d in sorted(arrangement.workdays)],
                    "replaced": replaced,
                },
            )
            uow.commit()
        return ArrangementSet(
            arrangement.year,
            len(arrangement.holidays),
            len(arrangement.workdays),
            replaced,
            entry.seq,
        )

    def year(self, year: int) -> YearCalendar:
        return year_calendar(self.engine, year)

    def this_year(self) -> int:
        return local_date(self.clock()).year

    def record(self, year: int | None = None) -> YearRecord:
        """`year` (None: this year) for the staff screen."""
        this_year = self.this_year()
        calendar = year_calendar(self.engine, this_year if year is None else year)
        holidays, workdays = published_days(calendar.year)
        by, at = self._set_by(calendar.year) if calendar.arrangement_set else (None, None)
        return YearRecord(calendar, holidays, workdays, by, at, this_year)

    def _set_by(self, year: int) -> tuple[str | None, dt.datetime | None]:
        """Who entered `year`'s arrangement, and when: its newest record in the audit log."""
        with read_session(self.engine) as session:
            rows = AuditPageRepository(session).page(
                AuditQuery(action=ACTION), before_id=None, size=_SETTERS_READ
            )
        for _, entry in rows:
            if entry.detail.get("year") == year:
                return entry.actor, entry.at
        return None, None


def year_calendar(engine: Engine, year: int) -> YearCalendar:
    """The year as the kiosk counts it now: what was entered, and whether it is exact."""
    with read_session(engine) as session:
        rows = CalendarYearRepository(session).overrides(year)
    days = (dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days
    return YearCalendar(
        year=year,
        holidays=tuple(day for day, _, note in rows if note == NOTE_HOLIDAY),
        workdays=tuple(day for day, _, note in rows if note == NOTE_WORKDAY),
        overridden_days=len(rows),
        days_in_year=days,
        published=year in covered_years(),
    )

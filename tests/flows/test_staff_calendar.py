"""The calendar area as a state machine (no Qt, no database): a year loaded, days tapped through
their cycle as the domain allows, the draft kept per year, Save refused plainly or confirmed, and
the save recorded with the administrator's login. Then through the staff runner on the real
services: saved, audited with the login as actor, and 2027's pickup dates no longer
approximate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from kiosk.domain.calendar import CHINA_TZ, FixedHoliday
from kiosk.domain.journal import AccountRole, ActorKind, Outcome
from kiosk.domain.staff import StaffSession
from kiosk.flows.runner import Job
from kiosk.flows.staff import SStep, StaffFlow
from kiosk.flows.staff_areas import AREAS
from kiosk.flows.staff_calendar import (
    CalendarArea,
    CalNotice,
    CalPage,
    DayKind,
    LoadYear,
    Mark,
    SaveArrangement,
    YearState,
)
from kiosk.flows.staff_runner import StaffRunner
from kiosk.services.business import BusinessService
from kiosk.services.calendar_admin import (
    ACTION,
    ArrangementSet,
    YearCalendar,
    YearRecord,
    year_calendar,
)
from kiosk.services.staff import StaffServices
from kiosk.store.audit import AuditRepository
from kiosk.store.db import read_session
from kiosk.store.seal import AuditSeal

START = dt.datetime(2026, 12, 21, 9, 0, tzinfo=CHINA_TZ).astimezone(dt.UTC)
ADMIN = StaffSession(7, "admin01", "Admin", AccountRole.ADMINISTRATOR, START)
CLERK = StaffSession(8, "clerk01", "Clerk", AccountRole.CLERK, START)
D = dt.date


def record(year: int, **kw: Any) -> YearRecord:
    days = (D(year + 1, 1, 1) - D(year, 1, 1)).days
    calendar = YearCalendar(
        year=year,
        holidays=kw.pop("holidays", ()),
        workdays=kw.pop("workdays", ()),
        overridden_days=kw.pop("overridden", 0),
        days_in_year=days,
        published=kw.pop("published", False),
    )
    return YearRecord(
        calendar,
        kw.pop("published_holidays", frozenset()),
        kw.pop("published_workdays", frozenset()),
        kw.pop("set_by", None),
        kw.pop("set_at", None),
        2026,
    )


def opened(year: int = 2027, **kw: Any) -> CalendarArea:
    area = CalendarArea(ADMIN)
    assert area.start() == [LoadYear(None)] and area.view.busy
    area.year_loaded(record(2026, published=True))
    if year != 2026:
        assert area.step_year(year - 2026) == [LoadYear(year)]
        area.year_loaded(record(year, **kw))
    return area


def cell(area: CalendarArea, day: dt.date) -> Any:
    return next(c for week in area.view.weeks for c in week if c is not None and c.day == day)


def test_a_year_opens_approximate_with_weekends_and_the_fixed_holidays() -> None:
    area = opened()
    view = area.view
    assert (view.year, view.month, view.first_year, view.last_year) == (2027, 1, 2026, 2028)
    assert view.state is YearState.APPROXIMATE and not view.changed
    assert len(view.weeks) == 6 and all(len(week) == 7 for week in view.weeks)
    assert view.weeks[0][:4] == (None, None, None, None)  # 1 January 2027 is a Friday
    assert cell(area, D(2027, 1, 1)).kind is DayKind.HOLIDAY and cell(area, D(2027, 1, 1)).fixed
    assert cell(area, D(2027, 1, 2)).kind is DayKind.WEEKEND
    assert cell(area, D(2027, 1, 4)).kind is DayKind.WORKING
    # The summary names the fixed-date holidays from the start.
    assert [(r.first, r.last, r.name) for r in view.holidays] == [
        (D(2027, 1, 1), D(2027, 1, 1), FixedHoliday.NEW_YEAR),
        (D(2027, 5, 1), D(2027, 5, 2), FixedHoliday.LABOUR_DAY),
        (D(2027, 10, 1), D(2027, 10, 3), FixedHoliday.NATIONAL_DAY),
    ]


def test_a_tap_cycles_a_day_as_the_domain_allows() -> None:
    area = opened()
    saturday, monday = D(2027, 1, 9), D(2027, 1, 4)
    kinds = []
    for _ in range(3):
        area.tap(saturday)
        kinds.append(cell(area, saturday).kind)
    assert kinds == [DayKind.HOLIDAY, DayKind.MAKEUP, DayKind.WEEKEND]
    # A weekday is never a make-up working day: holiday, then back to a working day.
    area.tap(monday)
    assert area.mark(monday) is Mark.HOLIDAY
    area.tap(monday)
    assert area.mark(monday) is Mark.NONE and cell(area, monday).kind is DayKind.WORKING
    # A fixed-date holiday stays one; a day of another year is not this page's.
    area.tap(D(2027, 1, 1))
    area.tap(D(2028, 1, 4))
    assert area.mark(D(2027, 1, 1)) is Mark.NONE and area.mark(D(2028, 1, 4)) is Mark.NONE


def test_months_and_years_step_within_bounds_and_drafts_are_kept() -> None:
    area = opened()
    area.step_month(-1)
    assert area.view.month == 1
    for _ in range(14):
        area.step_month(1)
    assert area.view.month == 12
    area.tap(D(2027, 12, 31))
    assert area.step_year(1) == [LoadYear(2028)]
    assert area.step_year(1) == []  # busy: one read at a time
    area.year_loaded(record(2028))
    assert area.step_year(1) == []  # 2028 is the last year offered
    assert area.view.month == 12
    area.step_year(-1)
    area.year_loaded(record(2027))  # read again: the draft stays
    assert area.mark(D(2027, 12, 31)) is Mark.HOLIDAY and area.view.changed
    area.step_year(-1)
    area.year_loaded(record(2026, published=True))
    assert area.step_year(-1) == []  # this year is the first


def test_a_published_year_shows_the_package_days_and_an_entered_one_its_own() -> None:
    spring = frozenset({D(2026, 2, 16), D(2026, 2, 17)})
    area = CalendarArea(ADMIN)
    area.start()
    area.year_loaded(
        record(
            2026,
            published=True,
            published_holidays=spring | {D(2026, 1, 1)},
            published_workdays=frozenset({D(2026, 2, 14)}),
        )
    )
    assert area.view.state is YearState.PUBLISHED and not area.view.changed
    assert area.mark(D(2026, 2, 16)) is Mark.HOLIDAY and area.mark(D(2026, 2, 14)) is Mark.WORKDAY
    assert area.mark(D(2026, 1, 1)) is Mark.NONE  # a holiday all the same, by its date

    area.step_year(1)
    at = dt.datetime(2026, 12, 1, 2, tzinfo=dt.UTC)
    area.year_loaded(
        record(
            2027,
            holidays=(D(2027, 1, 1), D(2027, 2, 8)),
            workdays=(D(2027, 2, 14),),
            overridden=365,
            set_by="admin02",
            set_at=at,
        )
    )
    view = area.view
    assert view.state is YearState.SET and (view.set_by, view.set_at) == ("admin02", at)
    assert (view.marked_holidays, view.marked_workdays) == (1, 1)


@pytest.mark.parametrize(
    ("taps", "notice"),
    [
        ((), CalNotice.NOTHING_ENTERED),
        ((D(2027, 1, 9), D(2027, 1, 9)), CalNotice.NO_HOLIDAYS),  # a make-up day alone
    ],
)
def test_save_refuses_plainly(taps: tuple[dt.date, ...], notice: CalNotice) -> None:
    area = opened()
    for day in taps:
        area.tap(day)
    assert area.save() == []
    assert area.page == CalPage.CALENDAR.value and area.view.notice is notice
    area.tap(D(2027, 1, 4))  # the next tap clears it, and nothing entered was lost
    assert area.view.notice is None
    assert all(area.mark(day) is not Mark.NONE for day in taps)


def test_save_confirm_saved_then_the_year_reads_back_exact() -> None:
    area = opened()
    for day in (D(2027, 1, 2), D(2027, 1, 3), D(2027, 1, 4), D(2027, 1, 9), D(2027, 1, 9)):
        area.tap(day)
    assert area.save() == [] and area.page == CalPage.CONFIRM.value
    view = area.view
    first = view.holidays[0]
    assert (first.first, first.last, first.name) == (
        D(2027, 1, 1),
        D(2027, 1, 4),
        FixedHoliday.NEW_YEAR,
    )
    assert view.workdays == (D(2027, 1, 9),)
    assert area.tap(D(2027, 1, 5)) == [] and area.mark(D(2027, 1, 5)) is Mark.NONE  # not here
    [save] = area.confirm()
    assert isinstance(save, SaveArrangement) and save.actor == "admin01"
    assert save.arrangement.workdays == {D(2027, 1, 9)}
    assert D(2027, 10, 1) in save.arrangement.holidays  # the fixed-date holidays go in too
    assert area.confirm() == [] and area.back() and area.page == CalPage.CONFIRM.value  # busy
    assert area.saved(ArrangementSet(2027, 10, 1, 0, 42)) == [LoadYear(2027)]
    assert area.view.busy and area.page == CalPage.CALENDAR.value
    area.year_loaded(
        record(
            2027,
            holidays=tuple(sorted(save.arrangement.holidays)),
            workdays=(D(2027, 1, 9),),
            overridden=365,
            set_by="admin01",
        )
    )
    view = area.view
    assert view.state is YearState.SET and view.notice is CalNotice.SAVED and not view.changed


def test_a_database_failure_is_one_notice_and_loses_nothing() -> None:
    area = opened()
    area.tap(D(2027, 3, 1))
    area.save()
    area.confirm()
    area.save_failed(OSError("disk"))
    assert area.page == CalPage.CONFIRM.value and area.view.notice is CalNotice.DATABASE
    assert not area.view.busy and area.confirm()  # may try again
    area.save_failed(OSError("disk"))
    assert area.back() and area.page == CalPage.CALENDAR.value
    assert area.mark(D(2027, 3, 1)) is Mark.HOLIDAY
    assert not area.back()  # the first page: Back goes to the menu

    first = CalendarArea(ADMIN)
    first.start()
    first.load_failed(OSError("down"))
    assert not first.view.loaded and first.view.notice is CalNotice.DATABASE
    assert first.retry() == [LoadYear(None)] and first.view.notice is None


# Through the runner, on the real services ---------------------------------------------------------


def run(runner: StaffRunner, commands: list[Any]) -> None:
    """Carry out commands as the controller does, synchronously."""
    for command in commands:
        action = runner.plan(command)
        assert isinstance(action, Job)
        try:
            result = action.work()
        except Exception as exc:  # handed to the flow, as the worker does
            run(runner, action.failed(exc))
        else:
            run(runner, action.done(result))


@pytest.fixture
def engine(demo_sqlite: Callable[[dt.date], Engine]) -> Engine:
    return demo_sqlite(START.date())


def test_an_administrator_saves_2027_and_pickup_dates_become_exact(
    engine: Engine, business_service: Callable[..., BusinessService], audit_seal: AuditSeal
) -> None:
    business = business_service(engine, now=START, pickup_working_days=10)
    assert not business.pickup_quote().exact  # counts into 2027, which no package publishes
    flow = StaffFlow(AREAS)
    runner = StaffRunner(flow, StaffServices(business))
    flow.view = flow.view.__class__(SStep.MENU, session=ADMIN, areas=flow.areas_for(ADMIN))
    assert "calendar" not in flow.areas_for(CLERK)
    run(runner, flow.choose("calendar"))
    area = flow.area
    assert isinstance(area, CalendarArea) and area.view.year == 2026
    assert area.view.state is YearState.PUBLISHED
    run(runner, area.step_year(1))
    assert area.view.state is YearState.APPROXIMATE
    for day in (D(2027, 1, 4), D(2027, 1, 9), D(2027, 1, 9)):
        area.tap(day)
    area.save()
    run(runner, area.confirm())
    view = area.view
    assert view.state is YearState.SET and view.notice is CalNotice.SAVED
    assert view.set_by == "admin01" and view.set_at == START

    with read_session(engine) as session:
        [entry] = [e for e in AuditRepository(session).entries() if e.action == ACTION]
    assert (entry.actor_kind, entry.actor, entry.outcome) == (
        ActorKind.STAFF,
        "admin01",
        Outcome.OK,
    )
    assert entry.detail["workdays"] == ["2027-01-09"]
    assert year_calendar(engine, 2027).exact
    quote = business.pickup_quote()
    # 22-25, 28-31 December are 8; 1 January a holiday, Monday 4 January too: 5 and 6 January.
    assert (quote.expected_date, quote.exact) == (D(2027, 1, 6), True)

"""Calendar overrides by the year (`kiosk calendar set|show`): an administrator's holiday
arrangement is checked, replaces the year's overrides, is audited, and makes the year's pickup
dates exact; hostile input is one line and exit 2."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import kiosk, one_line, private_env
from sqlalchemy.engine import Engine

from kiosk.domain.calendar import CHINA_TZ, add_working_days_checked
from kiosk.domain.holiday_arrangement import Arrangement, ArrangementError, Problem, runs
from kiosk.domain.journal import ActorKind, Outcome
from kiosk.domain.voucher_data import KioskInfo
from kiosk.services.business import BusinessService
from kiosk.services.calendar_admin import ACTION, CalendarAdmin, year_calendar
from kiosk.store.audit import AuditRepository
from kiosk.store.db import create_engine, read_session
from kiosk.store.repositories import CalendarRepository
from kiosk.store.seal import AuditSeal
from kiosk.store.unitofwork import UnitOfWork

KIOSK = KioskInfo("BJCY01", "朝阳区社会保障服务中心一楼大厅")
# Monday 21 December 2026: ten working days reach into 2027, which no package publishes.
LATE = dt.datetime(2026, 12, 21, 9, 0, tzinfo=CHINA_TZ).astimezone(dt.UTC)
# A made-up 2027 arrangement: New Year's Day bridged to Monday 4 January, Saturday 9 worked.
HOLIDAYS = "2027-01-01..2027-01-04, 2027-02-06..2027-02-13"
WORKDAYS = "2027-01-09 2027-02-14"


def test_an_arrangement_is_every_day_of_its_year() -> None:
    year = Arrangement.parse(2027, HOLIDAYS, WORKDAYS)
    assert len(year.holidays) == 12 and len(year.workdays) == 2
    days = year.working_days()
    assert len(days) == 365 and min(days) == dt.date(2027, 1, 1)
    assert days[dt.date(2027, 1, 4)] is False  # a Monday made a holiday
    assert days[dt.date(2027, 1, 9)] is True  # a Saturday worked
    assert days[dt.date(2027, 1, 5)] is True and days[dt.date(2027, 1, 10)] is False
    assert days[dt.date(2027, 10, 1)] is False  # fixed-date holidays stand unless named
    assert len(Arrangement.parse(2028, "2028-01-01", "").working_days()) == 366


@pytest.mark.parametrize(
    ("year", "holidays", "workdays", "message"),
    [
        (2027, "2027-02-30", "", "not a date of the calendar"),
        (2027, "27-1-1", "", "not a date like 2027-02-06"),
        (2027, "2027-01-01..2027-01-0x", "", "not a date like"),
        (2027, "2027-01-05..2027-01-01", "", "ends before it starts"),
        (2027, "2026-12-31", "", "--holidays: 2026-12-31 is not in 2027"),
        (2027, "2027-12-30..2028-01-02", "", "2028-01-02 is not in 2027"),
        (2027, "2027-01-01", "2027-01-01", "2027-01-01 is in both --holidays and --workdays"),
        (2027, "2027-01-01", "2027-01-05", "2027-01-05 is a Tuesday"),
        (2027, "", "2027-01-09", "--holidays names no day"),
        (99999, "2027-01-01", "", "the year must be from 2000 to 2099"),
        (2027, "\x00", "", "not a date like"),
    ],
)
def test_hostile_arrangements_are_refused(
    year: int, holidays: str, workdays: str, message: str
) -> None:
    with pytest.raises(ArrangementError, match=message):
        Arrangement.parse(year, holidays, workdays)


@pytest.mark.parametrize(
    ("holidays", "workdays", "problem"),
    [
        ((), (dt.date(2027, 1, 9),), Problem.NO_HOLIDAYS),
        ((dt.date(2027, 1, 9),), (dt.date(2027, 1, 9),), Problem.IN_BOTH),
        ((dt.date(2027, 1, 4),), (dt.date(2027, 1, 5),), Problem.WEEKDAY_WORKDAY),
        ((dt.date(2028, 1, 3),), (), Problem.OUTSIDE_YEAR),
    ],
)
def test_days_picked_on_a_screen_are_checked_alike(
    holidays: tuple[dt.date, ...], workdays: tuple[dt.date, ...], problem: Problem
) -> None:
    """Arrangement.of (the staff screen's door) says which check refused, for the screen."""
    with pytest.raises(ArrangementError) as refused:
        Arrangement.of(2027, holidays, workdays)
    assert refused.value.problem is problem
    assert Arrangement.of(2027, [dt.date(2027, 1, 4)], []) == Arrangement.parse(
        2027, "2027-01-04", ""
    )


def test_runs_of_days() -> None:
    d = dt.date
    days = [d(2027, 2, 7), d(2027, 2, 6), d(2027, 2, 6), d(2027, 2, 9), d(2027, 12, 31)]
    assert runs(days) == [
        (d(2027, 2, 6), d(2027, 2, 7)),
        (d(2027, 2, 9), d(2027, 2, 9)),
        (d(2027, 12, 31), d(2027, 12, 31)),
    ]
    assert runs([]) == []


def test_an_arrangement_file() -> None:
    text = f"# 2027\nholidays: {HOLIDAYS}\n\nworkdays: 2027-01-09\nworkdays: 2027-02-14 # 调休\n"
    assert Arrangement.parse_file(2027, text) == Arrangement.parse(2027, HOLIDAYS, WORKDAYS)
    with pytest.raises(ArrangementError, match="line 2: expected"):
        Arrangement.parse_file(2027, "holidays: 2027-01-01\nfeasts: 2027-01-02\n")


@pytest.fixture
def engine(demo_sqlite: Callable[[dt.date], Engine]) -> Engine:
    return demo_sqlite(LATE.date())


def test_the_pickup_quote_becomes_exact_after_calendar_set(
    engine: Engine, audit_seal: AuditSeal, business_service: Callable[..., BusinessService]
) -> None:
    service = business_service(engine, now=LATE, kiosk=KIOSK, pickup_working_days=10)
    before = service.pickup_quote()
    # 22-25, 28-31 December are 8; Friday 1 January a fixed holiday; 4 and 5 January 9 and 10.
    assert (before.expected_date, before.exact) == (dt.date(2027, 1, 5), False)
    assert not year_calendar(engine, 2027).exact

    admin = CalendarAdmin(engine, audit_seal, "BJCY01", clock=lambda: LATE)
    done = admin.set_arrangement(Arrangement.parse(2027, HOLIDAYS, WORKDAYS), actor="admin01")
    assert (done.year, done.holidays, done.workdays, done.replaced) == (2027, 12, 2, 0)

    after = service.pickup_quote()
    # Monday 4 January is now a holiday: 5 and 6 January are days 9 and 10, and exact.
    assert (after.expected_date, after.exact) == (dt.date(2027, 1, 6), True)
    shown = year_calendar(engine, 2027)
    assert shown.exact and shown.arrangement_set and not shown.published
    assert shown.workdays == (dt.date(2027, 1, 9), dt.date(2027, 2, 14))
    with read_session(engine) as s:
        [entry] = [e for e in AuditRepository(s).entries() if e.action == ACTION]
    assert (entry.actor_kind, entry.actor, entry.outcome) == (
        ActorKind.STAFF,
        "admin01",
        Outcome.OK,
    )
    assert entry.detail["year"] == 2027 and entry.detail["workdays"] == ["2027-01-09", "2027-02-14"]


def test_setting_a_year_again_replaces_it_and_leaves_other_years(
    engine: Engine, audit_seal: AuditSeal
) -> None:
    with UnitOfWork(engine) as uow:
        uow.calendar.set_override(dt.date(2028, 3, 1), False, "local closure")
        uow.commit()
    admin = CalendarAdmin(engine, audit_seal, "BJCY01", clock=lambda: LATE)
    admin.set_arrangement(Arrangement.parse(2027, HOLIDAYS, WORKDAYS), actor="admin01")
    again = admin.set_arrangement(Arrangement.parse(2027, "2027-01-01", ""), actor="admin01")
    assert again.replaced == 365
    with read_session(engine) as s:
        overrides = CalendarRepository(s).overrides()
    assert overrides[dt.date(2027, 1, 4)] is True  # no longer a holiday
    assert overrides[dt.date(2028, 3, 1)] is False  # another year's override kept
    result = add_working_days_checked(dt.date(2027, 6, 1), 20, overrides)
    assert result.exact


def test_the_staff_screen_reads_who_set_a_year_and_the_published_days(
    engine: Engine, audit_seal: AuditSeal
) -> None:
    admin = CalendarAdmin(engine, audit_seal, "BJCY01", clock=lambda: LATE)
    now = admin.record()
    assert now.this_year == 2026 and now.calendar.year == 2026 and now.calendar.published
    assert dt.date(2026, 2, 17) in now.published_holidays  # Spring Festival 2026, from the package
    assert now.set_by is None
    before = admin.record(2027)
    assert not before.calendar.exact and not before.published_holidays and before.set_by is None

    admin.set_arrangement(Arrangement.parse(2027, HOLIDAYS, WORKDAYS), actor="admin01")
    later = LATE + dt.timedelta(hours=2)
    CalendarAdmin(engine, audit_seal, "OTHER1", clock=lambda: later).set_arrangement(
        Arrangement.parse(2028, "2028-01-01", ""), actor="admin02"
    )
    after = admin.record(2027)
    assert after.calendar.arrangement_set
    assert (after.set_by, after.set_at) == ("admin01", LATE)  # 2028's record is not 2027's
    assert admin.record(2028).set_by == "admin02"  # whichever kiosk's chain recorded it


# --- the command ---------------------------------------------------------------------------


@pytest.fixture
def env(sqlite_factory, tmp_path: Path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    url = sqlite_factory.new("migrated", tmp_path)
    return private_env(
        tmp_path, KIOSK_DATABASE_URL=url, KIOSK_DATA_DIR=str(tmp_path / "data"), KIOSK_KIOSK_ID="K1"
    )


def test_calendar_set_and_show_through_the_command(env: dict[str, str], tmp_path: Path) -> None:
    shown = kiosk("calendar", "show", "2027", env=env)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines()[0].startswith("2027: no arrangement: approximate")

    done = kiosk(
        "calendar", "set", "2027", "--holidays", HOLIDAYS, "--workdays", WORKDAYS, "--by", "adm",
        env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert one_line(done).startswith("Calendar 2027 set: 12 holidays, 2 make-up working days")

    shown = kiosk("calendar", "show", "2027", env=env)
    assert shown.stdout.splitlines() == [
        "2027: arrangement entered: exact",
        "holidays: 2027-01-01..2027-01-04, 2027-02-06..2027-02-13",
        "workdays: 2027-01-09, 2027-02-14",
    ]
    engine = create_engine(env["KIOSK_DATABASE_URL"])
    try:
        with read_session(engine) as s:
            [entry] = AuditRepository(s).entries(chain="K1")
        assert (entry.action, entry.actor_kind, entry.actor) == (ACTION, ActorKind.STAFF, "adm")
    finally:
        engine.dispose()

    file = tmp_path / "2027.txt"
    file.write_text("holidays: 2027-01-01\n", encoding="utf-8")
    again = kiosk("calendar", "set", "2027", "--file", str(file), env=env)
    assert again.returncode == 0, again.stderr
    assert "replaced 365 overrides" in one_line(again)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["2027", "--holidays", "2027-02-30"], "Calendar not set: '2027-02-30' is not a date"),
        (["2027", "--holidays", "2026-05-01"], "Calendar not set: --holidays: 2026-05-01 is not"),
        (
            ["2027", "--holidays", "2027-01-01", "--workdays", "2027-01-01"],
            "Calendar not set: 2027-01-01 is in both --holidays and --workdays",
        ),
        (["99999", "--holidays", "2027-01-01"], "kiosk calendar set: argument YEAR: '99999'"),
        (["2027"], "kiosk calendar set: one of the arguments --holidays --file is required"),
        (["2027", "--file", "/nonexistent/x"], "Calendar not set: cannot read /nonexistent/x"),
        (["2027", "--file", "/dev/zero"], "Calendar not set: cannot read /dev/zero"),
        (["2027", "--file", "LATIN1"], "Calendar not set: "),
    ],
)
def test_hostile_calendar_set_is_one_line_and_exit_2(
    env: dict[str, str], tmp_path: Path, args: list[str], expected: str
) -> None:
    if "LATIN1" in args:  # a file in another encoding than UTF-8
        latin = tmp_path / "latin1.txt"
        latin.write_bytes("holidays: 2027-01-01 # f\xeate\n".encode("latin-1"))
        args = [str(latin) if a == "LATIN1" else a for a in args]
        expected += f"{latin} is not UTF-8 text"
    done = kiosk("calendar", "set", *args, env=env)
    assert done.returncode == 2
    assert one_line(done).startswith(expected)

"""The staff area "today" without Qt: the flow alone (days back and never past today, the slip,
the export's places and its refusals in plain notices), then its plans with the real services
on a demo database (every export and slip audited with the staff login as actor)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from desk_helpers import NORMAL_SSN, Desk, make_desk
from sqlalchemy.engine import Engine

from kiosk.domain.business import PrintOutcome
from kiosk.domain.calendar import local_date
from kiosk.domain.day_report import DayReport, OutboxQueue
from kiosk.domain.journal import AccountRole, ActorKind, Outcome
from kiosk.domain.service_entry import EntryAnswer, EntryOutcome
from kiosk.domain.staff import StaffSession
from kiosk.domain.voucher_data import KioskInfo
from kiosk.flows.runner import Job
from kiosk.flows.staff import StaffFlow
from kiosk.flows.staff_areas import AREAS
from kiosk.flows.staff_runner import StaffRunner
from kiosk.flows.staff_today import (
    DayData,
    ExportDay,
    FindPlaces,
    LoadDay,
    PrintDaySlip,
    TodayArea,
    TodayNotice,
    TodayPage,
)
from kiosk.services.day_report import CsvExport, ExportProblem, ExportRefused
from kiosk.services.export_places import ExportPlace, ExportPlaces, PlaceKind
from kiosk.services.staff import StaffServices
from kiosk.store.seal import AuditSeal

TODAY = dt.date(2026, 12, 5)
SESSION = StaffSession(1, "clerk1", "Clerk One", AccountRole.CLERK, dt.datetime(2026, 12, 5))
STICK = ExportPlace(PlaceKind.DRIVE, Path("/media/kiosk/STICK"), "STICK", 10**9, False)


def _data(day: dt.date) -> DayData:
    report = DayReport(KioskInfo("BJCY01", "x"), day, dt.datetime(2026, 12, 5), ())
    return DayData(report, OutboxQueue(0, None), TODAY)


def _opened() -> TodayArea:
    area = TodayArea(SESSION)
    assert area.start() == [LoadDay(None)] and area.view.busy
    area.loaded(_data(TODAY))
    return area


# --- the flow ------------------------------------------------------------------------------------


def test_days_go_back_but_never_past_today() -> None:
    area = _opened()
    assert area.page == "staff-today" and area.view.is_today and not area.view.can_go_later
    assert area.later() == []
    assert area.earlier() == [LoadDay(TODAY - dt.timedelta(days=1))]
    assert area.earlier() == []  # busy: one load at a time
    area.loaded(_data(TODAY - dt.timedelta(days=1)))
    assert area.view.can_go_later and not area.view.is_today
    assert area.later() == [LoadDay(TODAY)]
    area.load_failed(RuntimeError("database went away"))
    assert area.view.notice is TodayNotice.DATABASE and not area.view.busy
    assert area.back() is False  # the first page: Back goes to the menu


def test_the_slip_is_printed_for_the_day_shown_by_the_staff_login() -> None:
    area = _opened()
    area.earlier()
    area.loaded(_data(TODAY - dt.timedelta(days=1)))
    assert area.print_slip() == [PrintDaySlip("clerk1", TODAY - dt.timedelta(days=1))]
    assert area.print_slip() == []  # a double tap prints one slip
    area.slip_printed(PrintOutcome.OUT_OF_PAPER)
    assert area.view.slip is PrintOutcome.OUT_OF_PAPER and not area.view.busy
    area.later()
    area.loaded(_data(TODAY))
    assert area.view.slip is None  # another day: that slip was not this day's
    area.print_slip()
    area.slip_failed(RuntimeError("boom"))
    assert area.view.slip is PrintOutcome.FAILED


def test_the_export_chooses_a_place_and_says_what_was_written_or_why_not() -> None:
    area = _opened()
    assert area.export() == [FindPlaces()]
    assert area.page == "staff-export" and area.view.busy
    area.places_found((STICK,))
    assert area.export_to(3) == []  # not on the list
    assert area.export_to(0) == [ExportDay("clerk1", STICK.path, TODAY)]
    assert area.export_to(0) == []  # busy
    area.exported(CsvExport(STICK.path / "kiosk-BJCY01-2026-12-05.csv", 4))
    assert area.view.exported is not None and area.view.exported.rows == 4
    for problem, notice in [
        (ExportProblem.GONE, TodayNotice.EXPORT_GONE),
        (ExportProblem.READ_ONLY, TodayNotice.EXPORT_READ_ONLY),
        (ExportProblem.FULL, TodayNotice.EXPORT_FULL),
        (ExportProblem.WRITE_FAILED, TodayNotice.EXPORT_FAILED),
        (ExportProblem.NOT_RECORDED, TodayNotice.EXPORT_NOT_RECORDED),
    ]:
        area.export_to(0)
        area.export_failed(ExportRefused("cannot write to /media/kiosk/STICK: x", problem))
        assert (area.view.notice, area.view.exported, area.view.busy) == (notice, None, False)
    area.export_to(0)
    area.export_failed(OSError("the database"))
    assert area.view.notice is TodayNotice.DATABASE
    assert area.look_again() == [FindPlaces()] and area.view.notice is None
    area.places_failed(OSError("no /media"))
    assert area.view.places == () and not area.view.busy
    assert area.back() is True and area.page == "staff-today"
    assert area.view.notice is None and area.view.report is not None
    area.export()
    area.places_found((STICK,))
    area.export_to(0)
    area.back()  # Back while it writes: what comes back is not shown on the day's page
    area.export_failed(ExportRefused("x", ExportProblem.FULL))
    assert (area.page, area.view.notice, area.view.busy) == ("staff-today", None, False)


def test_inputs_for_the_other_page_are_ignored() -> None:
    area = _opened()
    assert area.export_to(0) == [] and area.look_again() == []
    area.export()
    assert area.print_slip() == [] and area.earlier() == [] and area.export() == []


# --- the plans, on the real services -------------------------------------------------------------


@pytest.fixture
def desk(demo_engine: Engine, audit_seal: AuditSeal) -> Desk:
    return make_desk(demo_engine, audit_seal)


def _run(runner: StaffRunner, commands: list[Any]) -> None:
    """Carry out commands as the controller does, with the work done at once."""
    for command in commands:
        action = runner.plan(command)
        assert isinstance(action, Job)
        try:
            value = action.work()
        except Exception as exc:
            _run(runner, action.failed(exc))
        else:
            _run(runner, action.done(value))


def _open_today(desk: Desk, tmp_path: Path) -> tuple[StaffRunner, TodayArea]:
    services = StaffServices(desk.kiosk, export_dir=tmp_path / "exports")
    services.exports = ExportPlaces(
        tmp_path / "exports", patterns=(f"{tmp_path}/media/*/*",), mountinfo=None
    )
    flow = StaffFlow(AREAS)
    runner = StaffRunner(flow, services, language=lambda: "zh_CN")
    flow.open()
    flow.code_checked(EntryAnswer(EntryOutcome.OPEN))
    flow.login_done(SESSION)
    _run(runner, flow.choose("today"))
    assert isinstance(flow.area, TodayArea)
    return runner, flow.area


def test_the_day_loads_exports_and_prints_audited_as_the_clerk(desk: Desk, tmp_path: Path) -> None:
    number, _ = desk.reissue()
    desk.loss_report()
    runner, area = _open_today(desk, tmp_path)
    view = area.view
    assert view.report is not None and view.today == local_date(desk.clock.now)
    assert view.report.total == 2 and view.report.printed == 1
    assert view.queue is not None and view.queue.waiting == 2

    stick = tmp_path / "media" / "kiosk" / "U盘"
    stick.mkdir(parents=True)
    _run(runner, area.export())
    assert [(p.kind, p.label) for p in area.view.places] == [
        (PlaceKind.DRIVE, "U盘"),
        (PlaceKind.FOLDER, str(tmp_path / "exports")),
    ]
    _run(runner, area.export_to(0))
    exported = area.view.exported
    assert exported is not None and exported.rows == 2 and exported.path.parent == stick
    text = exported.path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][1] == "业务类型" and [r[1] for r in rows[1:]] == ["补卡申请", "临时挂失"]
    assert rows[1][2] == number
    assert NORMAL_SSN not in text and "1101**********0173" in text

    shutil.rmtree(stick)  # the stick is pulled before the next export
    _run(runner, area.export_to(0))
    assert area.view.notice is TodayNotice.EXPORT_GONE

    area.back()
    _run(runner, area.print_slip())
    assert area.view.slip is PrintOutcome.PRINTED
    assert desk.printer.jobs[-1].name.startswith("day-end-BJCY01-")

    staff = [e for e in desk.entries() if e.action in ("day_report.exported", "day_end.printed")]
    assert [(e.action, e.actor_kind, e.actor, e.outcome) for e in staff] == [
        ("day_report.exported", ActorKind.STAFF, "clerk1", Outcome.OK),
        ("day_end.printed", ActorKind.STAFF, "clerk1", Outcome.OK),
    ]
    desk.check()


def test_an_earlier_day_is_empty_and_the_future_is_not_offered(desk: Desk, tmp_path: Path) -> None:
    desk.reissue()
    runner, area = _open_today(desk, tmp_path)
    _run(runner, area.earlier())
    assert area.view.report is not None and area.view.report.total == 0
    assert area.view.day == local_date(desk.clock.now) - dt.timedelta(days=1)
    _run(runner, area.later())
    assert area.view.is_today and area.later() == []
    # A LoadDay for tomorrow (a clock moved back meanwhile) shows today.
    _run(runner, [LoadDay(area.view.day + dt.timedelta(days=1))])  # type: ignore[operator]
    assert area.view.is_today
    assert area.view.page is TodayPage.DAY

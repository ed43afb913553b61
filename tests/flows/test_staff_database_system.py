"""The staff areas "database" and "system" without Qt: each reads its report as it opens and on
Check again, one read at a time; a report that cannot be made is a plain notice; then their
plans carried out as the controller does, with the kiosk's own report tools on the prepared
demo set-up (kiosk.diag_setup.report_tools), and with a back end that does not answer."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from selftest_helpers import prepare_demo

import kiosk
from kiosk.config import Settings
from kiosk.diag_setup import report_tools
from kiosk.domain.journal import AccountRole
from kiosk.domain.service_entry import EntryAnswer, EntryOutcome
from kiosk.domain.staff import StaffSession
from kiosk.flows.runner import Job
from kiosk.flows.staff import StaffFlow
from kiosk.flows.staff_areas import AREAS
from kiosk.flows.staff_database import DatabaseArea, ReadDatabase, ReportNotice
from kiosk.flows.staff_runner import StaffRunner
from kiosk.flows.staff_system import ReadSystem, SystemArea
from kiosk.services.database_report import DatabaseProblem, database_report
from kiosk.services.staff_reports import ReportTools

TECH = StaffSession(2, "tech1", "Tech One", AccountRole.TECHNICIAN, dt.datetime(2026, 12, 5))
CLERK = StaffSession(1, "clerk1", "Clerk One", AccountRole.CLERK, dt.datetime(2026, 12, 5))


def test_the_database_area_reads_at_once_and_again_on_request() -> None:
    area = DatabaseArea(TECH)
    assert area.start() == [ReadDatabase()] and area.view.busy
    assert area.page == "staff-database" and area.back() is False
    assert area.check_again() == []  # one read at a time
    report: Any = object()
    area.report_read(report)
    assert area.view.report is report and not area.view.busy
    assert area.check_again() == [ReadDatabase()] and area.view.busy
    assert area.view.report is report  # the last report stays on screen while it reads
    area.report_failed(OSError("/secret/path: boom"))
    assert area.view.notice is ReportNotice.FAILED and not area.view.busy
    assert area.check_again() == [ReadDatabase()] and area.view.notice is None


def test_the_system_area_reads_at_once_and_again_on_request() -> None:
    area = SystemArea(TECH)
    assert area.start() == [ReadSystem()] and area.view.busy and area.page == "staff-system"
    assert area.check_again() == []
    area.report_failed(RuntimeError("x"))
    assert area.view.notice is ReportNotice.FAILED
    assert area.check_again() == [ReadSystem()]


def _run(runner: StaffRunner, commands: list[Any]) -> None:
    for command in commands:
        action = runner.plan(command)
        assert isinstance(action, Job)
        try:
            value = action.work()
        except Exception as exc:
            _run(runner, action.failed(exc))
        else:
            _run(runner, action.done(value))


def _opened(reports: ReportTools | None, key: str, who: StaffSession = TECH) -> StaffRunner:
    flow = StaffFlow([spec for spec in AREAS if spec.key in ("database", "system")])
    services = SimpleNamespace(reports=reports)  # the only service the areas use
    runner = StaffRunner(flow, services, language=lambda: "en")  # type: ignore[arg-type]
    flow.open()
    flow.code_checked(EntryAnswer(EntryOutcome.OPEN))
    flow.login_done(who)
    if key in flow.view.areas:
        _run(runner, flow.choose(key))
    return runner


@pytest.fixture(scope="module")
def demo_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return prepare_demo(tmp_path_factory.mktemp("areas") / "data")


def test_only_technicians_and_administrators_are_offered_the_areas() -> None:
    for key in ("database", "system"):
        assert _opened(None, key, CLERK).flow.area is None
        assert isinstance(_opened(None, key).flow.area, (DatabaseArea, SystemArea))


def test_the_plans_read_the_kiosks_own_reports(demo_settings: Settings) -> None:
    tools = report_tools(demo_settings, kiosk.BUILD_DATE)
    runner = _opened(tools, "database")
    area = runner.flow.area
    assert isinstance(area, DatabaseArea) and not area.view.busy
    report = area.view.report
    assert report is not None and report.ok, report and report.lines()
    assert dict(report.tables)["cardholders"] == 6
    runner = _opened(tools, "system")
    system = runner.flow.area
    assert isinstance(system, SystemArea)
    assert system.view.report is not None
    assert system.view.report.kiosk_uptime_s is not None  # this process is "the kiosk"
    assert system.view.report.log_path.endswith("kiosk.log")


def test_a_back_end_that_does_not_answer_is_the_reports_problem(
    demo_settings: Settings,
) -> None:
    tools = report_tools(demo_settings, kiosk.BUILD_DATE)
    down = dataclasses.replace(
        tools,
        database=lambda: database_report(
            "postgresql+psycopg://k:pw@127.0.0.1:1/x",
            data_dir=demo_settings.data_dir,
            kiosk_id=demo_settings.kiosk_id,
        ),
    )
    area = _opened(down, "database").flow.area
    assert isinstance(area, DatabaseArea) and area.view.notice is None
    assert area.view.report is not None
    assert area.view.report.problem is DatabaseProblem.UNREACHABLE


def test_no_tools_is_a_notice_not_a_crash(tmp_path: Path) -> None:
    for key, kind in (("database", DatabaseArea), ("system", SystemArea)):
        area = _opened(None, key).flow.area
        assert isinstance(area, kind)
        assert area.view.notice is ReportNotice.UNAVAILABLE and not area.view.busy

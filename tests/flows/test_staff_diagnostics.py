"""The staff area "diagnostics" without Qt: nothing runs until asked, the self-test and the test
page go out with the staff login as actor, Back and late results behave, trouble is a plain
notice; then its plans, carried out as the controller does, with tools made of plain
functions (the real ones run in tests/ui/staff/test_diagnostics.py's whole kiosk)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from kiosk.domain.business import PrintOutcome
from kiosk.domain.journal import AccountRole
from kiosk.domain.service_entry import EntryAnswer, EntryOutcome
from kiosk.domain.staff import StaffSession
from kiosk.flows.runner import Job
from kiosk.flows.staff import StaffFlow
from kiosk.flows.staff_areas import AREAS
from kiosk.flows.staff_diagnostics import (
    DiagnosticsArea,
    DiagNotice,
    DiagPage,
    PrintTestPage,
    ReadPrinter,
    RunSelftest,
)
from kiosk.flows.staff_runner import StaffRunner
from kiosk.services.printer_diag import TestPageResult
from kiosk.services.selftest import CheckResult, SelftestReport, Verdict
from kiosk.services.staff_diagnostics import DiagnosticsTools, SelftestRun
from kiosk.services.technician_audit import Actor

TECH = StaffSession(2, "tech1", "Tech One", AccountRole.TECHNICIAN, dt.datetime(2026, 12, 5))
RUN = SelftestRun(SelftestReport((CheckResult("disk", "Disk", Verdict.WARN, "800 MB free"),)))
PAGE = TestPageResult(PrintOutcome.PRINTED, "receipt", 1234)
PRINTER = {"printer": "PDF", "state": "ready", "ready": True, "detail": "", "pdf": None}


def test_nothing_runs_until_asked_and_the_run_names_the_staff_login() -> None:
    area = DiagnosticsArea(TECH)
    assert area.start() == [] and area.page == "staff-diag" and not area.view.busy
    assert area.run_selftest() == [RunSelftest(Actor("tech1"))] and area.view.busy
    assert area.run_selftest() == [] and area.devices() == []  # busy: one thing at a time
    area.selftest_done(RUN)
    assert area.view.run is RUN and not area.view.busy
    assert area.back() is False  # the first page: Back goes to the menu


def test_the_printer_page_prints_a_test_page_then_reads_the_printer_again() -> None:
    area = DiagnosticsArea(TECH)
    area.start()
    assert area.print_test_page() == []  # not from the self-test's page
    assert area.devices() == [ReadPrinter()] and area.page == "staff-diag-devices"
    area.printer_read(PRINTER)
    assert area.view.printer == PRINTER and not area.view.busy
    assert area.print_test_page() == [PrintTestPage(Actor("tech1"))] and area.view.busy
    assert area.test_page_done(PAGE) == [ReadPrinter()]
    assert area.view.test_page is PAGE and area.view.busy
    area.printer_read(PRINTER)
    assert not area.view.busy and area.view.test_page is PAGE
    assert area.back() is True and area.page == "staff-diag" and area.view.test_page is None
    area.printer_read(PRINTER)  # a late answer after Back changes nothing
    assert area.page == "staff-diag" and not area.view.busy


def test_trouble_is_a_plain_notice() -> None:
    area = DiagnosticsArea(TECH)
    area.start()
    area.run_selftest()
    area.selftest_failed(OSError("/secret/path: boom"))
    assert area.view.notice is DiagNotice.SELFTEST_FAILED and not area.view.busy
    area.devices()
    area.printer_failed(RuntimeError("cups"))
    assert area.view.notice is DiagNotice.PRINTER_UNREADABLE
    area.printer_read(PRINTER)
    area.print_test_page()
    area.test_page_failed(RuntimeError("render"))
    assert area.view.notice is DiagNotice.TEST_PAGE_FAILED and area.view.page is DiagPage.DEVICES


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


def _opened(diagnostics: DiagnosticsTools | None) -> tuple[StaffRunner, DiagnosticsArea]:
    flow = StaffFlow([spec for spec in AREAS if spec.key == "diagnostics"])
    services = SimpleNamespace(diagnostics=diagnostics)  # the only service the area uses
    runner = StaffRunner(flow, services, language=lambda: "en")  # type: ignore[arg-type]
    flow.open()
    flow.code_checked(EntryAnswer(EntryOutcome.OPEN))
    flow.login_done(TECH)
    assert "diagnostics" in flow.view.areas
    _run(runner, flow.choose("diagnostics"))
    assert isinstance(flow.area, DiagnosticsArea)
    return runner, flow.area


def test_the_plans_hand_the_staff_login_to_the_tools() -> None:
    actors: list[Actor] = []

    def selftest(actor: Actor) -> SelftestRun:
        actors.append(actor)
        return RUN

    def test_page(actor: Actor) -> TestPageResult:
        actors.append(actor)
        return PAGE

    runner, area = _opened(DiagnosticsTools(selftest, lambda: PRINTER, test_page))
    _run(runner, area.run_selftest())
    assert area.view.run is RUN
    _run(runner, area.devices())
    _run(runner, area.print_test_page())
    assert area.view.test_page is PAGE and area.view.printer == PRINTER and not area.view.busy
    assert actors == [Actor("tech1"), Actor("tech1")]


def test_a_kiosk_without_the_tools_says_so() -> None:
    runner, area = _opened(None)
    _run(runner, area.run_selftest())
    assert area.view.notice is DiagNotice.UNAVAILABLE and area.view.run is None

"""Out of service for maintenance from the service menu, without Qt: who is offered it, the
state read when the menu shows, a tap asking once, the result told to the controller, and a
refusal to record said plainly; then the plans with the real services on a demo database (the
row and its audit entry, with the actor's own kind)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from desk_helpers import Desk, make_desk
from sqlalchemy.engine import Engine

from kiosk.domain.journal import AccountRole, ActorKind
from kiosk.domain.outage import ServiceState
from kiosk.domain.service_entry import EntryAnswer, EntryOutcome
from kiosk.domain.staff import StaffSession
from kiosk.flows.runner import Job
from kiosk.flows.staff import LoadService, Notice, ServiceChanged, SetService, SStep, StaffFlow
from kiosk.flows.staff_areas import AREAS
from kiosk.flows.staff_runner import StaffRunner
from kiosk.services.maintenance import RETURNED, TAKEN_OUT, read_service_state
from kiosk.services.staff import StaffServices
from kiosk.store.seal import AuditSeal

T0 = dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC)
TECH = StaffSession(3, "tech1", "Tech One", AccountRole.TECHNICIAN, T0)
ADMIN = StaffSession(4, "admin1", "Admin One", AccountRole.ADMINISTRATOR, T0)
CLERK = StaffSession(5, "clerk1", "Clerk One", AccountRole.CLERK, T0)
OUT = ServiceState(False, T0, "tech1")


def logged_in(who: StaffSession) -> tuple[StaffFlow, list[Any]]:
    f = StaffFlow(AREAS)
    f.open()
    f.code_checked(EntryAnswer(EntryOutcome.OPEN))
    return f, f.login_done(who)


def test_a_technician_and_an_administrator_are_offered_it_a_clerk_is_not() -> None:
    for who in (TECH, ADMIN):
        f, commands = logged_in(who)
        assert commands == [LoadService()] and f.view.may_maintain
        assert f.view.service is None  # the button waits for the state
    f, commands = logged_in(CLERK)
    assert commands == [] and not f.view.may_maintain
    assert f.set_service(False) == []


def test_taking_it_out_asks_once_and_tells_the_controller() -> None:
    f, _ = logged_in(TECH)
    f.service_read(ServiceState())
    assert f.view.service == ServiceState()
    assert f.set_service(True) == []  # already in service: nothing to ask
    assert f.set_service(False) == [SetService(TECH, False)] and f.view.busy
    assert f.set_service(False) == []  # a double tap
    assert f.leave_requested() == [] and f.view.step is SStep.MENU  # not while it runs
    assert f.service_set(OUT) == [ServiceChanged(OUT)]
    assert (f.view.busy, f.view.service, f.view.service_changed) == (False, OUT, True)
    assert f.set_service(True) == [SetService(TECH, True)]


def test_a_refusal_to_record_it_changes_nothing_and_says_so() -> None:
    f, _ = logged_in(ADMIN)
    f.service_read(ServiceState())
    f.set_service(False)
    assert f.service_set_failed(OSError("anchor file unwritable")) == []
    assert f.view.notice is Notice.SERVICE_NOT_RECORDED and not f.view.busy
    assert f.view.service == ServiceState()


def test_the_state_is_read_again_when_the_menu_shows_again() -> None:
    f, _ = logged_in(TECH)
    f.service_read(OUT)
    f.choose("diagnostics")
    assert f.view.step is SStep.AREA and f.view.service == OUT  # carried through the area
    assert f.menu() == [LoadService()]


# The plans with the real services ---------------------------------------------------------------


def _run(runner: StaffRunner, commands: list[Any]) -> list[Any]:
    """Carry the commands out as the controller would; what is left for the controller."""
    left: list[Any] = []
    for command in commands:
        if isinstance(command, ServiceChanged):  # the controller's, as QuitKiosk is
            left.append(command)
            continue
        action = runner.plan(command)
        assert isinstance(action, Job)
        try:
            value = action.work()
        except Exception as exc:
            left += _run(runner, action.failed(exc))
        else:
            left += _run(runner, action.done(value))
    return left


def _menu(desk: Desk, who: StaffSession) -> tuple[StaffRunner, StaffFlow]:
    f = StaffFlow(AREAS)
    runner = StaffRunner(f, StaffServices(desk.kiosk))
    f.open()
    f.code_checked(EntryAnswer(EntryOutcome.OPEN))
    assert _run(runner, f.login_done(who)) == []
    return runner, f


def test_out_and_back_recorded_with_each_actors_kind(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    desk = make_desk(demo_engine, audit_seal)
    runner, f = _menu(desk, TECH)
    assert f.view.service == ServiceState()
    [changed] = _run(runner, f.set_service(False))
    assert isinstance(changed, ServiceChanged) and not changed.state.in_service
    assert changed.state.by == "tech1"
    assert read_service_state(demo_engine, "BJCY01") == changed.state
    runner, f = _menu(desk, ADMIN)
    assert f.view.service == changed.state  # a new session reads what the last one set
    [back] = _run(runner, f.set_service(True))
    assert isinstance(back, ServiceChanged) and back.state.in_service
    entries = [e for e in desk.entries() if e.action in (TAKEN_OUT, RETURNED)]
    assert [(e.action, e.actor_kind, e.actor) for e in entries] == [
        (TAKEN_OUT, ActorKind.TECHNICIAN, "tech1"),
        (RETURNED, ActorKind.STAFF, "admin1"),
    ]

"""The audit log area through the staff runner, on the real services and a seeded demo SQLite
(no Qt): a clerk logs in with the demo password, opens the log, filters it, pages through it,
and checks it, intact and then tampered. Every view and every check is on the record with the
clerk's login as actor."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kiosk.domain.journal import ActorKind, Outcome
from kiosk.domain.voucher_data import KioskInfo
from kiosk.flows.runner import Job
from kiosk.flows.staff import SStep, StaffFlow
from kiosk.flows.staff_areas import AREAS
from kiosk.flows.staff_audit import (
    PAGE_ROWS,
    AuditArea,
    AuditChoice,
    AuditNotice,
    AuditStep,
    LoadLog,
)
from kiosk.flows.staff_runner import StaffRunner
from kiosk.services.audit_browse import AuditFilter
from kiosk.services.business import BusinessService
from kiosk.services.staff import StaffServices
from kiosk.store import models as m
from kiosk.store.unitofwork import UnitOfWork

KIOSK = KioskInfo("BJCY01", "朝阳区社会保障服务中心一楼大厅")
NOW = dt.datetime(2026, 12, 5, 2, 0, tzinfo=dt.UTC)
CODE = "2580"


class Staff:
    """The staff flow and runner, with every job carried out at once on this thread."""

    def __init__(self, services: StaffServices) -> None:
        self.services = services
        self.flow = StaffFlow(AREAS)
        self.runner = StaffRunner(self.flow, services)
        self.ran: list[Any] = []

    def apply(self, commands: list[Any]) -> None:
        for command in commands:
            self.ran.append(command)
            action = self.runner.plan(command)
            if isinstance(action, Job):
                try:
                    value = action.work()
                except Exception as error:  # as the worker hands it to `failed`
                    self.apply(action.failed(error))
                else:
                    self.apply(action.done(value))

    def log_in(self, login: str, password: str) -> None:
        self.apply(self.flow.open())
        self.apply(self.flow.code_entered(CODE))
        self.apply(self.flow.login_entered(login, bytearray(password.encode())))
        assert self.flow.view.step is SStep.MENU

    @property
    def area(self) -> AuditArea:
        area = self.flow.area
        assert isinstance(area, AuditArea)
        return area

    def send(self, fn: Callable[[AuditArea], list[Any]]) -> None:
        self.apply(fn(self.area))


@pytest.fixture
def business(
    demo_sqlite: Callable[[dt.date], Engine], business_service: Callable[..., BusinessService]
) -> BusinessService:
    return business_service(demo_sqlite(NOW.date()), kiosk=KIOSK, now=NOW)


@pytest.fixture
def staff(business: BusinessService) -> Staff:
    staff = Staff(StaffServices(business, service_code=CODE))
    staff.log_in("clerk", "clerk-demo")
    return staff


def _append(business: BusinessService, n: int) -> None:
    """`n` citizens' lookups, so the log has more than a page."""
    with business.context.uow() as uow:
        for i in range(n):
            uow.audit.append(
                chain=KIOSK.kiosk_id,
                actor_kind=ActorKind.CITIZEN,
                actor="1101**********0173",
                action="voucher.looked_up",
                outcome=Outcome.OK,
                at=NOW,
                detail={"n": i},
            )
        uow.commit()


def _viewed(business: BusinessService) -> list[tuple[str, str, dict[str, object]]]:
    page = StaffServices(business).audit.page(AuditFilter(action="audit.viewed"))
    return [(e.actor_kind.value, e.actor, e.detail) for e in page.entries]


def test_the_clerks_menu_opens_the_log_audited_with_the_clerks_login(
    staff: Staff, business: BusinessService
) -> None:
    assert "audit" in staff.flow.view.areas
    staff.apply(staff.flow.choose("audit"))
    view = staff.area.view
    assert staff.flow.page == "staff-audit" and view.loaded and not view.busy
    assert view.entries[0].action == "staff.login" and view.entries[0].actor == "clerk"
    assert "staff.login" in view.actions
    assert _viewed(business) == [("staff", "clerk", {})]


def test_filtering_and_paging_reach_every_entry_once(
    staff: Staff, business: BusinessService
) -> None:
    _append(business, PAGE_ROWS + 5)
    staff.apply(staff.flow.choose("audit"))
    staff.send(lambda area: area.choose(AuditChoice(actor_kind=ActorKind.CITIZEN)))
    first = staff.area.view
    assert len(first.entries) == PAGE_ROWS and first.has_older and not first.has_newer
    staff.send(lambda area: area.older())
    second = staff.area.view
    assert second.page_no == 2 and len(second.entries) == 5 and not second.has_older
    seen = [e.detail["n"] for e in (*first.entries, *second.entries)]
    assert seen == list(reversed(range(PAGE_ROWS + 5)))
    staff.send(lambda area: area.newer())
    assert staff.area.view.entries == first.entries
    # Two views on the record (the opening and the filter), none for the pages turned.
    assert [detail for _, _, detail in _viewed(business)] == [{"actor_kind": "citizen"}, {}]
    loads = [c for c in staff.ran if isinstance(c, LoadLog)]
    assert [c.viewer for c in loads] == ["clerk", "clerk", None, None]


def test_the_check_finds_the_log_intact_then_a_tampered_entry(
    staff: Staff, business: BusinessService
) -> None:
    staff.apply(staff.flow.choose("audit"))
    staff.send(lambda area: area.run_check())
    view = staff.area.view
    assert staff.flow.page == AuditStep.CHECK.value and not view.busy
    assert view.check is not None and view.check.ok
    assert view.entries[0].action == "audit.checked"  # the log was read again behind it
    with UnitOfWork(business.context.engine) as uow:
        uow.session.execute(
            sa.update(m.AuditLogEntry)
            .where(m.AuditLogEntry.seq == 1)
            .values(actor=json.dumps("someone else"))
        )
        uow.commit()
    staff.send(lambda area: area.run_check())
    check = staff.area.view.check
    assert check is not None and not check.ok
    assert [(p.seq, p.kind) for p in check.found] == [(1, "altered")]
    checked = StaffServices(business).audit.page(AuditFilter(action="audit.checked")).entries
    assert [(e.actor_kind, e.actor, e.outcome) for e in checked] == [
        (ActorKind.STAFF, "clerk", Outcome.FAILED),
        (ActorKind.STAFF, "clerk", Outcome.OK),
    ]


def test_a_database_that_does_not_answer_is_a_notice_not_an_error(
    staff: Staff, business: BusinessService
) -> None:
    staff.apply(staff.flow.choose("audit"))
    with business.context.engine.begin() as connection:
        connection.execute(sa.text("DROP TABLE audit_log"))
    staff.send(lambda area: area.choose(AuditChoice(outcome=Outcome.FAILED)))
    assert staff.area.view.notice is AuditNotice.DATABASE and staff.area.view.entries == ()
    staff.send(lambda area: area.run_check())
    assert staff.area.view.notice is AuditNotice.CHECK_NOT_RUN and staff.area.view.check is None

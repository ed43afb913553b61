"""Staff mode's commands (kiosk.flows.staff, and each area's) as actions for the staff
controller: service calls on the worker, their results fed back to the flow or to the area
that asked. No Qt; the pattern is kiosk.flows.runner's.

An area's plans are built by its AreaSpec.plans(AreaPlans) and get an `AreaPlans` helper: it
hands them the services, the language on screen, and `job()`, which delivers a result only to
the area that asked, while it is still the one open (an area left meanwhile hears nothing).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from kiosk.domain.voucher_data import Language
from kiosk.flows.runner import Action, Commands, CommandTable, Job
from kiosk.flows.staff import (
    CheckCode,
    LeaveKioskMode,
    LoadService,
    Login,
    Logout,
    SetService,
    StaffArea,
    StaffFlow,
)
from kiosk.services.staff import StaffServices

log = logging.getLogger(__name__)

T = TypeVar("T")
A = TypeVar("A")


class AreaPlans:
    """What an area's plans need: the services, the language, and jobs bound to their area."""

    def __init__(
        self, services: StaffServices, flow: StaffFlow, language: Callable[[], Language]
    ) -> None:
        self.services = services
        self._flow = flow
        self._language = language

    @property
    def language(self) -> Language:
        return self._language()

    def area(self, kind: type[A]) -> A | None:
        """The area open now, if it is a `kind` (None: another one, or the menu)."""
        area = self._flow.area
        return area if isinstance(area, kind) else None

    def job(
        self,
        work: Callable[[], T],
        done: Callable[[T], Commands],
        failed: Callable[[BaseException], Commands],
    ) -> Job[T]:
        """`work` on the worker; `done`/`failed` only while the area open now is still open."""
        asked: StaffArea | None = self._flow.area

        def current(then: Callable[[Any], Commands]) -> Callable[[Any], Commands]:
            def deliver(value: Any) -> Commands:
                if self._flow.area is not asked:
                    log.info("staff.stale_result_dropped")
                    return []
                return then(value)

            return deliver

        return Job(work, current(done), current(failed))


class StaffRunner:
    def __init__(
        self,
        flow: StaffFlow,
        services: StaffServices,
        *,
        language: Callable[[], Language] = lambda: "zh_CN",
    ) -> None:
        self.flow = flow
        self.services = services
        self.table = CommandTable()
        self.table.add(CheckCode, self._check_code)
        self.table.add(Login, self._login)
        self.table.add(Logout, self._logout)
        self.table.add(LeaveKioskMode, self._leave)
        self.table.add(LoadService, self._load_service)
        self.table.add(SetService, self._set_service)
        helper = AreaPlans(services, flow, language)
        for spec in flow.areas.values():
            self.table.include(spec.plans(helper))

    def plan(self, command: object) -> Action | None:
        return self.table.plan(command)

    def _check_code(self, command: CheckCode) -> Action:
        services, flow = self.services, self.flow
        # On the worker: shutting the entry writes an audit entry.
        return Job(lambda: services.check_code(command.code), flow.code_checked, flow.code_failed)

    def _login(self, command: Login) -> Action:
        services, flow = self.services, self.flow
        return Job(
            lambda: services.auth.login(command.login, command.password),
            flow.login_done,
            flow.login_failed,
        )

    def _logout(self, command: Logout) -> Action:
        """Audited on the worker; the screens have already left staff mode."""

        def failed(error: BaseException) -> Commands:
            log.warning("staff.logout_not_recorded error=%s", type(error).__name__)
            return []

        services = self.services
        return Job(
            lambda: services.auth.logout(command.session, idle=command.idle),
            lambda _none: [],
            failed,
        )

    def _load_service(self, command: LoadService) -> Action:
        services, flow = self.services, self.flow
        return Job(services.service_state, flow.service_read, flow.service_read_failed)

    def _set_service(self, command: SetService) -> Action:
        """Audited on the worker with the staff login; the state it ends in (set now, or it
        already was so) goes to the menu and the window."""
        services, flow = self.services, self.flow

        def failed(error: BaseException) -> Commands:
            log.warning("staff.service_not_recorded error=%s", type(error).__name__)
            return flow.service_set_failed(error)

        return Job(
            lambda: services.set_in_service(command.session, command.in_service),
            lambda change: flow.service_set(change.state),
            failed,
        )

    def _leave(self, command: LeaveKioskMode) -> Action:
        services, flow = self.services, self.flow
        return Job(
            lambda: services.leave_kiosk_mode(command.session),
            lambda _none: flow.leave_done(),
            flow.leave_failed,
        )

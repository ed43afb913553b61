"""Staff mode as a state machine (PRODUCT.md "Staff mode"): the hidden service entry's code
pad, the staff login, the service menu, and one *area* at a time (the voucher desk, today's
transactions, the audit log, the calendar...), until the staff member logs out, the session
idles out (2 minutes, kiosk.domain.staff.IdleWatch), or an administrator or technician leaves
kiosk mode. From the menu, an administrator or technician also takes the kiosk out of service
for maintenance and returns it to service (`ServiceChanged` tells the controller, which shows
or lifts the out-of-service screen; staff mode itself opens over it).

No Qt. Inputs return commands (dataclasses below, and each area's own); kiosk.flows.staff_runner
turns them into work for the worker and feeds the results back. A citizen session and a staff
session never meet: staff mode opens only from the attract screen with no citizen session, and
everything a staff session saw is dropped when it ends (`ModeEnded`: the controller then wipes
every staff screen and hands the window back to the citizen controller).

An area is a small flow of its own (StaffArea): it is made for the logged-in session when
chosen in the menu, says which page (screen) it shows, takes its screens' inputs and its
commands' results, and goes back a page with `back()` (False: at its first page, so Back
returns to the menu). The menu's areas are kiosk.flows.staff_areas.AREAS.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Protocol

from kiosk.domain.outage import ServiceState
from kiosk.domain.service_entry import EntryAnswer, EntryOutcome
from kiosk.domain.staff import (
    AccountDisabled,
    AccountLocked,
    LoginRefusal,
    Permission,
    StaffSession,
    WrongCredentials,
    wipe,
)

Commands = list[Any]


class SStep(enum.Enum):
    CLOSED = "closed"  # citizen mode: staff mode is not on screen
    CODE = "staff-code"  # the service entry's code pad
    LOGIN = "staff-login"
    MENU = "staff-menu"
    AREA = "area"  # one of the areas' pages (the area names it)
    LEAVE = "staff-leave"  # "leave kiosk mode?" asked before it is done


class Notice(enum.Enum):
    """What the entry, login and menu screens tell the staff member, one plain sentence each."""

    WRONG_CODE = "wrong_code"
    ENTRY_SHUT = "entry_shut"
    WRONG_CREDENTIALS = "wrong_credentials"
    ACCOUNT_LOCKED = "account_locked"
    ACCOUNT_DISABLED = "account_disabled"
    BACKEND_TROUBLE = "backend_trouble"  # the login or the record could not reach the database
    LEAVE_NOT_RECORDED = "leave_not_recorded"
    SERVICE_NOT_RECORDED = "service_not_recorded"  # out of / back in service: nothing changed


# Commands ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckCode:
    code: str


@dataclass(frozen=True, slots=True)
class Login:
    login: str
    password: bytearray = field(repr=False)  # wiped by the login, whatever its outcome


@dataclass(frozen=True, slots=True)
class Logout:
    session: StaffSession
    idle: bool


@dataclass(frozen=True, slots=True)
class LeaveKioskMode:
    session: StaffSession


@dataclass(frozen=True, slots=True)
class LoadService:
    """Whether the kiosk is in service now (the menu offers the other)."""


@dataclass(frozen=True, slots=True)
class SetService:
    session: StaffSession
    in_service: bool  # False: out of service for maintenance


@dataclass(frozen=True, slots=True)
class ServiceChanged:
    """For the controller: the kiosk's service state, as just set (show or lift the
    out-of-service screen)."""

    state: ServiceState


@dataclass(frozen=True, slots=True)
class ModeEnded:
    """For the controller: staff mode is over; wipe its screens, back to the attract screen."""


@dataclass(frozen=True, slots=True)
class QuitKiosk:
    """For the controller: leaving kiosk mode was recorded; end the program."""


# Areas ------------------------------------------------------------------------------------------


class StaffArea(Protocol):
    """One thing the service menu offers. Made with the session when chosen. An area may open
    a sub-flow of its own (one action on a voucher, say) as its attribute `sub`: its `page`
    and `view` are then the sub-flow's, and screen inputs for the sub-flow reach it."""

    key: ClassVar[str]  # the menu's name for it, and the registry's
    permission: ClassVar[Permission]  # who may open it

    @property
    def page(self) -> str:
        """The name of the screen showing the area now (a name beginning "staff-")."""
        ...

    @property
    def view(self) -> Any:
        """What the area's screen shows now (the area's own view type)."""
        ...

    def start(self) -> Commands:
        """The area was opened: what to load first."""
        ...

    def back(self) -> bool:
        """Back one page inside the area: False when already at its first page."""
        ...


@dataclass(frozen=True, slots=True)
class AreaSpec:
    """An area as the menu offers it: its key, who may open it, how it is made for a session,
    and its commands' plans for the runner (kiosk.flows.staff_runner.AreaPlans)."""

    key: str
    permission: Permission
    make: Callable[[StaffSession], StaffArea]
    plans: Callable[..., Any]


# The view ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StaffView:
    step: SStep
    busy: bool = False
    notice: Notice | None = None
    tries_left: int | None = None  # wrong codes left before the entry shuts
    until: dt.datetime | None = None  # the entry shut, or the account locked, until then
    session: StaffSession | None = None
    areas: tuple[str, ...] = ()  # what the menu offers this session
    may_leave: bool = False  # whether the menu offers "leave kiosk mode"
    may_maintain: bool = False  # whether the menu offers out of service / return to service
    service: ServiceState | None = None  # the kiosk's, as last read (None: not known yet)
    service_changed: bool = False  # this session just changed it (the menu says so)

    @property
    def page(self) -> str:
        return self.step.value


# The flow ---------------------------------------------------------------------------------------


class StaffFlow:
    """`areas`: what the menu can offer, in its order (kiosk.flows.staff_areas.AREAS)."""

    def __init__(self, areas: Sequence[AreaSpec]) -> None:
        self.areas = {spec.key: spec for spec in areas}
        self.view = StaffView(SStep.CLOSED)
        self.area: StaffArea | None = None

    def areas_for(self, session: StaffSession) -> tuple[str, ...]:
        """The areas `session` may open, in the menu's order."""
        return tuple(key for key, spec in self.areas.items() if session.may(spec.permission))

    # Where it stands ----------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self.view.step is not SStep.CLOSED

    @property
    def session(self) -> StaffSession | None:
        return self.view.session

    @property
    def page(self) -> str:
        """The screen to show: the area's page while in an area."""
        if self.view.step is SStep.AREA and self.area is not None:
            return self.area.page
        return self.view.page

    @property
    def can_go_back(self) -> bool:
        return self.view.step in (SStep.CODE, SStep.LOGIN, SStep.AREA, SStep.LEAVE) and not (
            self.view.busy
        )

    # Entry and login ----------------------------------------------------------------------------

    def open(self) -> Commands:
        """The hidden entry was long-pressed on the attract screen."""
        if self.active:
            return []
        self.view = StaffView(SStep.CODE)
        return []

    def code_entered(self, code: str) -> Commands:
        if self.view.step is not SStep.CODE or self.view.busy:
            return []
        self.view = StaffView(SStep.CODE, busy=True)
        return [CheckCode(code)]

    def code_checked(self, answer: EntryAnswer) -> Commands:
        if self.view.step is not SStep.CODE:
            return []
        if answer.outcome is EntryOutcome.OPEN:
            self.view = StaffView(SStep.LOGIN)
        elif answer.outcome is EntryOutcome.WRONG:
            self.view = StaffView(
                SStep.CODE, notice=Notice.WRONG_CODE, tries_left=answer.tries_left
            )
        else:
            self.view = StaffView(SStep.CODE, notice=Notice.ENTRY_SHUT, until=answer.until)
        return []

    def code_failed(self, error: BaseException) -> Commands:
        if self.view.step is SStep.CODE:
            self.view = StaffView(SStep.CODE, notice=Notice.BACKEND_TROUBLE)
        return []

    def login_entered(self, login: str, password: bytearray) -> Commands:
        if self.view.step is not SStep.LOGIN or self.view.busy:
            wipe(password)
            return []
        self.view = StaffView(SStep.LOGIN, busy=True)
        return [Login(login, password)]

    def login_done(self, result: StaffSession | LoginRefusal) -> Commands:
        if self.view.step is not SStep.LOGIN:
            return []
        if isinstance(result, StaffSession):
            return self._menu(result)
        elif isinstance(result, AccountLocked):
            self.view = StaffView(SStep.LOGIN, notice=Notice.ACCOUNT_LOCKED, until=result.until)
        elif isinstance(result, AccountDisabled):
            self.view = StaffView(SStep.LOGIN, notice=Notice.ACCOUNT_DISABLED)
        else:
            assert isinstance(result, WrongCredentials)
            self.view = StaffView(SStep.LOGIN, notice=Notice.WRONG_CREDENTIALS)
        return []

    def login_failed(self, error: BaseException) -> Commands:
        if self.view.step is SStep.LOGIN:
            self.view = StaffView(SStep.LOGIN, notice=Notice.BACKEND_TROUBLE)
        return []

    # The menu and its areas ---------------------------------------------------------------------

    def choose(self, key: str) -> Commands:
        """Open the area `key` from the menu (refused silently when the session may not: the
        menu does not offer it)."""
        session = self.session
        if self.view.step is not SStep.MENU or session is None:
            return []
        if key not in self.areas_for(session):
            return []
        self.area = self.areas[key].make(session)
        self.view = StaffView(
            SStep.AREA,
            session=session,
            areas=self.view.areas,
            may_leave=self.view.may_leave,
            may_maintain=self.view.may_maintain,
            service=self.view.service,
        )
        return self.area.start()

    def menu(self) -> Commands:
        """Home: back to the service menu from anywhere inside staff mode."""
        if self.session is not None and self.view.step in (SStep.AREA, SStep.LEAVE):
            return self._menu(self.session)
        return []

    def back(self) -> Commands:
        step = self.view.step
        if step is SStep.AREA and self.area is not None:
            if not self.area.back():
                return self.menu()
            return []
        if step is SStep.LEAVE:
            return self.menu()
        if step in (SStep.CODE, SStep.LOGIN) and not self.view.busy:
            return self._close()
        return []

    def _menu(self, session: StaffSession) -> Commands:
        """The menu; its service button's state read afresh (the command line may have
        changed it meanwhile)."""
        self.area = None
        may_maintain = session.may(Permission.MAINTENANCE)
        self.view = StaffView(
            SStep.MENU,
            session=session,
            areas=self.areas_for(session),
            may_leave=session.may(Permission.LEAVE_KIOSK_MODE),
            may_maintain=may_maintain,
            service=self.view.service,
        )
        return [LoadService()] if may_maintain else []

    # Out of service for maintenance, and back ---------------------------------------------------

    def service_read(self, state: ServiceState) -> Commands:
        if self.session is not None:
            self.view = replace(self.view, service=state)
        return []

    def service_read_failed(self, error: BaseException) -> Commands:
        return []  # the button waits; setting the state says it when the database is down

    def set_service(self, in_service: bool) -> Commands:
        """The menu's Take out of service (False) or Return to service (True)."""
        session, view = self.session, self.view
        if view.step is not SStep.MENU or view.busy or session is None or not view.may_maintain:
            return []
        if view.service is not None and view.service.in_service == in_service:
            return []
        self.view = replace(view, busy=True, notice=None, service_changed=False)
        return [SetService(session, in_service)]

    def service_set(self, state: ServiceState) -> Commands:
        """Set (or it already was so): the menu shows it; the controller shows the kiosk so."""
        if self.session is not None:
            busy = False if self.view.step is SStep.MENU else self.view.busy
            self.view = replace(self.view, busy=busy, service=state, service_changed=True)
        return [ServiceChanged(state)]

    def service_set_failed(self, error: BaseException) -> Commands:
        if self.view.step is SStep.MENU:
            self.view = replace(self.view, busy=False, notice=Notice.SERVICE_NOT_RECORDED)
        return []

    # Leaving ------------------------------------------------------------------------------------

    def logout(self) -> Commands:
        """The staff member tapped Log out (or Cancel before logging in)."""
        session = self.session
        if session is None:
            return self._close() if self.active else []
        return [Logout(session, idle=False), *self._close()]

    def idle_expired(self) -> Commands:
        """Nobody touched the screen for the idle timeout: log out (audited as idle)."""
        session = self.session
        if session is None:
            return self._close() if self.active else []
        return [Logout(session, idle=True), *self._close()]

    def leave_requested(self) -> Commands:
        if self.view.step is SStep.MENU and self.view.may_leave and not self.view.busy:
            self.view = replace(self.view, step=SStep.LEAVE, notice=None, service_changed=False)
        return []

    def leave_confirmed(self) -> Commands:
        session = self.session
        if self.view.step is not SStep.LEAVE or self.view.busy or session is None:
            return []
        self.view = replace(self.view, busy=True, notice=None)
        return [LeaveKioskMode(session)]

    def leave_done(self) -> Commands:
        if self.view.step is not SStep.LEAVE:
            return []
        self.area = None
        self.view = StaffView(SStep.CLOSED)
        return [QuitKiosk()]

    def leave_failed(self, error: BaseException) -> Commands:
        if self.view.step is SStep.LEAVE:
            self.view = replace(self.view, busy=False, notice=Notice.LEAVE_NOT_RECORDED)
        return []

    def _close(self) -> Commands:
        self.area = None
        self.view = StaffView(SStep.CLOSED)
        return [ModeEnded()]

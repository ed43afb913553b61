"""Staff mode's state machine without Qt: the entry, the login's answers, the menu by role,
an area's pages and Back, logout and idle logout (audited as such), and leaving kiosk mode."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar

from kiosk.domain.journal import AccountRole
from kiosk.domain.service_entry import EntryAnswer, EntryOutcome
from kiosk.domain.staff import (
    AccountDisabled,
    AccountLocked,
    Permission,
    StaffSession,
    WrongCredentials,
)
from kiosk.flows.runner import CommandTable
from kiosk.flows.staff import (
    AreaSpec,
    CheckCode,
    LeaveKioskMode,
    LoadService,
    Login,
    Logout,
    ModeEnded,
    Notice,
    QuitKiosk,
    SStep,
    StaffFlow,
)

T0 = dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC)


def session(role: AccountRole) -> StaffSession:
    return StaffSession(1, role.value, "演示", role, T0)


@dataclass
class TwoPages:
    """An area with two pages, as the real ones have (find → voucher)."""

    session: StaffSession
    key: ClassVar[str] = "desk"
    permission: ClassVar[Permission] = Permission.VOUCHER_DESK
    deep: bool = False
    started: list[str] = field(default_factory=list)

    @property
    def page(self) -> str:
        return "staff-two" if self.deep else "staff-one"

    @property
    def view(self) -> Any:
        return self.page

    def start(self) -> list[Any]:
        self.started.append("start")
        return ["load"]

    def back(self) -> bool:
        if self.deep:
            self.deep = False
            return True
        return False


def flow() -> StaffFlow:
    admin_only = AreaSpec("cal", Permission.CALENDAR, TwoPages, lambda _h: CommandTable())
    desk = AreaSpec("desk", Permission.VOUCHER_DESK, TwoPages, lambda _h: CommandTable())
    return StaffFlow([desk, admin_only])


def logged_in(role: AccountRole) -> StaffFlow:
    f = flow()
    f.open()
    f.code_entered("2580")
    f.code_checked(EntryAnswer(EntryOutcome.OPEN))
    password = bytearray(b"secret-password")
    f.login_entered("clerk", password)
    f.login_done(session(role))
    return f


def test_the_entry_asks_for_the_code_then_the_login() -> None:
    f = flow()
    assert not f.active
    assert f.open() == [] and f.view.step is SStep.CODE
    assert f.code_entered("2580") == [CheckCode("2580")]
    assert f.view.busy and f.code_entered("2580") == []  # a second tap meanwhile: nothing
    f.code_checked(EntryAnswer(EntryOutcome.WRONG, tries_left=2))
    assert (f.view.notice, f.view.tries_left) == (Notice.WRONG_CODE, 2)
    f.code_entered("2580")
    f.code_checked(EntryAnswer(EntryOutcome.OPEN))
    assert f.view.step is SStep.LOGIN and f.view.notice is None


def test_a_shut_entry_says_until_when_and_cancel_closes_it() -> None:
    f = flow()
    f.open()
    f.code_entered("1")
    until = T0 + dt.timedelta(minutes=5)
    f.code_checked(EntryAnswer(EntryOutcome.SHUT, until=until))
    assert (f.view.notice, f.view.until) == (Notice.ENTRY_SHUT, until)
    assert f.back() == [ModeEnded()] and not f.active


def test_the_logins_answers() -> None:
    f = flow()
    f.open()
    f.code_entered("2580")
    f.code_checked(EntryAnswer(EntryOutcome.OPEN))
    password = bytearray(b"wrong-password")
    assert f.login_entered("clerk", password) == [Login("clerk", password)]
    f.login_done(WrongCredentials())
    assert f.view.notice is Notice.WRONG_CREDENTIALS and not f.view.busy
    f.login_entered("clerk", bytearray(b"x" * 8))
    f.login_done(AccountLocked(until=T0))
    assert (f.view.notice, f.view.until) == (Notice.ACCOUNT_LOCKED, T0)
    f.login_entered("clerk", bytearray(b"x" * 8))
    f.login_done(AccountDisabled())
    assert f.view.notice is Notice.ACCOUNT_DISABLED
    f.login_entered("clerk", bytearray(b"x" * 8))
    f.login_failed(OSError("database gone"))
    assert f.view.notice is Notice.BACKEND_TROUBLE and f.session is None


def test_a_password_typed_while_a_login_runs_is_wiped_not_sent() -> None:
    f = flow()
    f.open()
    f.code_entered("2580")
    f.code_checked(EntryAnswer(EntryOutcome.OPEN))
    f.login_entered("clerk", bytearray(b"first-password"))
    second = bytearray(b"second-password")
    assert f.login_entered("clerk", second) == []
    assert second == bytearray(len(second))


def test_the_menu_offers_what_the_role_may_and_nothing_else_opens() -> None:
    clerk = logged_in(AccountRole.CLERK)
    assert clerk.view.step is SStep.MENU
    assert (clerk.view.areas, clerk.view.may_leave) == (("desk",), False)
    assert clerk.choose("cal") == [] and clerk.view.step is SStep.MENU
    assert clerk.leave_requested() == [] and clerk.view.step is SStep.MENU
    admin = logged_in(AccountRole.ADMINISTRATOR)
    assert (admin.view.areas, admin.view.may_leave) == (("desk", "cal"), True)
    tech = logged_in(AccountRole.TECHNICIAN)
    assert (tech.view.areas, tech.view.may_leave) == ((), True)


def test_an_area_opens_goes_deeper_and_back_returns_page_by_page_to_the_menu() -> None:
    f = logged_in(AccountRole.CLERK)
    assert f.choose("desk") == ["load"]
    area = f.area
    assert isinstance(area, TwoPages) and area.session.role is AccountRole.CLERK
    assert (f.view.step, f.page) == (SStep.AREA, "staff-one")
    area.deep = True
    assert f.page == "staff-two"
    f.back()
    assert f.page == "staff-one" and f.area is area
    f.back()
    assert f.view.step is SStep.MENU and f.area is None
    f.choose("desk")
    f.menu()  # Home
    assert f.view.step is SStep.MENU and f.area is None


def test_logout_and_idle_logout_end_the_mode_and_say_which() -> None:
    f = logged_in(AccountRole.CLERK)
    who = f.session
    f.choose("desk")
    assert f.logout() == [Logout(who, idle=False), ModeEnded()]
    assert not f.active and f.area is None and f.session is None
    f = logged_in(AccountRole.CLERK)
    who = f.session
    assert f.idle_expired() == [Logout(who, idle=True), ModeEnded()]
    assert not f.active
    f = flow()
    f.open()
    assert f.idle_expired() == [ModeEnded()]  # before a login there is nobody to log out


def test_leaving_kiosk_mode_is_asked_recorded_then_quits() -> None:
    f = logged_in(AccountRole.TECHNICIAN)
    who = f.session
    f.leave_requested()
    assert f.view.step is SStep.LEAVE
    # Cancel: back to the menu, whose service button reads the kiosk's state afresh
    assert f.back() == [LoadService()] and f.view.step is SStep.MENU
    f.leave_requested()
    assert f.leave_confirmed() == [LeaveKioskMode(who)]
    assert f.leave_confirmed() == []  # a double tap
    f.leave_failed(OSError("audit log unwritable"))
    assert f.view.notice is Notice.LEAVE_NOT_RECORDED and f.active  # not recorded: no way out
    f.leave_confirmed()
    assert f.leave_done() == [QuitKiosk()] and not f.active

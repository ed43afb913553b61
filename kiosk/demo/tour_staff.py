"""The tour's staff pass: the hidden entry, its code pad, the staff login (a wrong password, an
account locked), the service menu of each role, every area's screens (AREA_TOURS), and "leave
kiosk mode?" (photographed, never confirmed). Shots are named `staff-<page>...png`.

It runs twice per language: in the main pass, and at 1280x800 in large text (`large`), on the
same demo database; an area's tour must work both times (e.g. reimburse a different voucher
the second time).
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.demo.tour_driver import TourDriver, TourError
from kiosk.domain.journal import Outcome
from kiosk.flows.staff import SStep
from kiosk.flows.staff_audit import AuditArea, AuditStep
from kiosk.ui.screens.staff.audit import AuditLogScreen
from kiosk.ui.staff_controller import StaffController

SERVICE_CODE = "2580"  # kiosk.config.DEMO_SERVICE_CODE
CLERK = ("clerk", "clerk-demo")
ADMIN = ("admin", "admin-demo")
TECH = ("tech", "tech-demo")


def tour_audit(st: StaffTour) -> None:
    """The audit log: its first page, filtered to staff logins, a refused login's detail, and
    the integrity check's result (intact: the tour tampers with nothing)."""
    window = st.tour.kiosk.window
    window.staff_menu.area_chosen.emit("audit")
    st.settle(AuditStep.LOG.value, "the audit log")
    st.shot("audit")
    log = window.staff_screens[AuditStep.LOG.value]
    assert isinstance(log, AuditLogScreen)
    combo = log.action
    index = combo.findData("staff.login")
    if index < 0:
        raise TourError("the audit log's action filter offers no staff login")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    st.settle(AuditStep.LOG.value, "the audit log of staff logins")
    st.shot("audit-filtered")
    area = st.staff.flow.area
    assert isinstance(area, AuditArea)
    refused = [i for i, e in enumerate(area.view.entries) if e.outcome is Outcome.REFUSED]
    log.entry_tapped.emit(refused[0] if refused else 0)
    st.settle(AuditStep.ENTRY.value, "an audit entry's detail")
    st.shot("audit-entry")
    window.header.back_clicked.emit()
    st.settle(AuditStep.LOG.value)
    log.check_clicked.emit()
    st.settle(AuditStep.CHECK.value, "the audit log's integrity check")
    st.shot("audit-check")


# (area key, tour): each tour runs while the menu of a role that may open the area is shown,
# and is brought back to the menu when it returns. An area may have several (in order).
AREA_TOURS: list[tuple[str, Callable[[StaffTour], None]]] = [("audit", tour_audit)]


class StaffTour:
    def __init__(self, tour: TourDriver) -> None:
        self.tour = tour
        staff = tour.kiosk.staff
        if staff is None:
            raise TourError("the demo kiosk has no service entry (no service_code)")
        self.staff: StaffController = staff

    @property
    def large(self) -> bool:
        return self.tour.large_text

    # Driving ------------------------------------------------------------------------------------

    def at(self, page: str) -> Callable[[], bool]:
        flow = self.staff.flow

        def here() -> bool:
            return (
                flow.active
                and flow.page == page
                and not flow.view.busy
                and not (flow.area is not None and getattr(flow.area.view, "busy", False))
            )

        return here

    def settle(self, page: str, what: str = "") -> None:
        self.tour.settle(self.at(page), what or page)

    def shot(self, step: str) -> None:
        """Photograph the screen as `staff-<step>`."""
        self.tour.shot("staff", step)

    def open_entry(self) -> None:
        self.tour.kiosk.window.attract.service_corner.long_pressed.emit()
        self.settle(SStep.CODE.value, "the service code pad")

    def enter_code(self, code: str) -> None:
        self.tour.kiosk.window.staff_code.code_entered.emit(code)
        self.tour.settle(lambda: not self.staff.flow.view.busy, "the code's check")

    def login(self, login: str, password: str) -> None:
        self.tour.kiosk.window.staff_login.login_entered.emit(login, bytearray(password.encode()))
        self.tour.settle(lambda: not self.staff.flow.view.busy, "the login")

    def log_in_as(self, account: tuple[str, str]) -> None:
        self.open_entry()
        self.enter_code(SERVICE_CODE)
        self.settle(SStep.LOGIN.value)
        self.login(*account)
        self.settle(SStep.MENU.value, f"the menu of {account[0]}")

    def menu(self) -> None:
        """Home: back to the service menu."""
        self.tour.kiosk.window.header.home_clicked.emit()
        self.settle(SStep.MENU.value)

    def log_out(self) -> None:
        self.tour.kiosk.window.staff_menu.logout_clicked.emit()
        self.tour.settle(lambda: not self.staff.flow.active, "the logout")
        self.tour.settle(self.tour.at("attract"), "the attract screen after the logout")

    # The pass -----------------------------------------------------------------------------------

    def run(self) -> None:
        self.entry_and_login()
        self.log_in_as(CLERK)
        self.shot("menu-clerk")
        self.areas(CLERK)
        self.log_out()
        self.log_in_as(ADMIN)
        self.shot("menu-admin")
        self.areas(ADMIN, skip_clerks=True)
        self.tour.kiosk.window.staff_menu.leave_clicked.emit()
        self.settle(SStep.LEAVE.value)
        self.shot("leave")
        self.tour.kiosk.window.staff_leave.cancel_clicked.emit()
        self.settle(SStep.MENU.value)
        self.log_out()

    def entry_and_login(self) -> None:
        w = self.tour.kiosk.window
        self.open_entry()
        w.staff_code.field.set_text("25")
        self.shot("code")
        w.staff_code.field.clear()
        self.enter_code("1111")
        self.shot("code-wrong")
        self.enter_code(SERVICE_CODE)
        self.settle(SStep.LOGIN.value)
        w.staff_login.login_field.set_text("clerk")
        self.shot("login")
        self.login("clerk", "not-the-password")
        self.shot("login-wrong")
        if not self.large:  # the technician stays locked for the large pass's 15 minutes
            for _ in range(5):
                self.login("tech", "not-the-password")
            self.login("tech", TECH[1])
            self.shot("login-locked")
        w.staff_login.cancel_clicked.emit()
        self.tour.settle(self.tour.at("attract"), "the attract screen after Cancel")

    def areas(self, account: tuple[str, str], *, skip_clerks: bool = False) -> None:
        offered = self.staff.flow.view.areas
        clerk_areas = {"vouchers", "today", "audit"}
        for key, area_tour in AREA_TOURS:
            if key not in offered or (skip_clerks and key in clerk_areas):
                continue
            area_tour(self)
            if self.staff.flow.view.step is not SStep.MENU:
                self.menu()

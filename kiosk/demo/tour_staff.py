"""The tour's staff pass: the hidden entry, its code pad, the staff login (a wrong password, an
account locked), the service menu of each role, every area's screens (AREA_TOURS), out of
service for maintenance (the menu, the citizen's screen, the entry opened over it) and back,
and "leave kiosk mode?" (photographed, never confirmed). Shots are named `staff-<page>...png`.

It runs twice per language: in the main pass, and at 1280x800 in large text (`large`), on the
same demo database; an area's tour must work both times (e.g. reimburse a different voucher
the second time).
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.demo.tour_audit import audit_tour
from kiosk.demo.tour_bundle import bundle_tour
from kiosk.demo.tour_calendar import calendar_tour
from kiosk.demo.tour_card import card_tour
from kiosk.demo.tour_database import database_tour, system_tour
from kiosk.demo.tour_desk import vouchers_tour
from kiosk.demo.tour_diagnostics import diagnostics_tour
from kiosk.demo.tour_driver import TourDriver, TourError
from kiosk.demo.tour_readers import readers_tour
from kiosk.demo.tour_today import today_tour
from kiosk.demo.tour_voucher_actions import voucher_actions_tour
from kiosk.flows.staff import SStep
from kiosk.ui.staff_controller import StaffController

SERVICE_CODE = "2580"  # kiosk.config.DEMO_SERVICE_CODE
CLERK = ("clerk", "clerk-demo")
ADMIN = ("admin", "admin-demo")
TECH = ("tech", "tech-demo")


# (area key, tour): each tour runs while the menu of a role that may open the area is shown,
# and is brought back to the menu when it returns. An area may have several (in order).
AREA_TOURS: list[tuple[str, Callable[[StaffTour], None]]] = [
    ("vouchers", vouchers_tour),
    ("vouchers", voucher_actions_tour),
    ("today", today_tour),
    ("audit", audit_tour),
    ("calendar", calendar_tour),
    ("diagnostics", diagnostics_tour),
    ("card", card_tour),
    ("readers", readers_tour),
    ("database", database_tour),
    ("system", system_tour),
    ("bundle", bundle_tour),
]


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
        try:
            self.tour.settle(self.at(page), what or page)
        except TourError as exc:
            flow = self.staff.flow
            view = flow.area.view if flow.area is not None else flow.view
            raise TourError(f"{exc}; staff mode at {flow.page}: {view}") from None

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

    def log_in_as(self, account: tuple[str, str], *, maintenance: bool = False) -> None:
        """Log in from the attract screen, or (`maintenance`) from the out-of-service screen."""
        if maintenance:
            self.tour.kiosk.window.out_of_service.service_corner.long_pressed.emit()
            self.settle(SStep.CODE.value, "the service code pad over maintenance")
        else:
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
        self.maintenance()
        self.tour.kiosk.window.staff_menu.leave_clicked.emit()
        self.settle(SStep.LEAVE.value)
        self.shot("leave")
        self.tour.kiosk.window.staff_leave.cancel_clicked.emit()
        self.settle(SStep.MENU.value)
        self.log_out()

    def maintenance(self) -> None:
        """Out of service for maintenance from the menu, as citizens then see the kiosk, the
        entry opened over it, and back in service (the database is the next pass's too)."""
        w = self.tour.kiosk.window
        w.staff_menu.service_clicked.emit(False)
        self.settle(SStep.MENU.value, "out of service")
        if not w.in_maintenance:
            raise TourError("the kiosk did not go out of service for maintenance")
        self.shot("menu-out-of-service")
        w.staff_menu.logout_clicked.emit()
        self.tour.settle(lambda: not self.staff.flow.active, "the logout")
        self.tour.settle(lambda: w.current is w.out_of_service, "the out-of-service screen")
        self.tour.shot("out_of_service", "E-MAINTENANCE")
        self.log_in_as(ADMIN, maintenance=True)
        w.staff_menu.service_clicked.emit(True)
        self.settle(SStep.MENU.value, "back in service")
        if w.in_maintenance:
            raise TourError("the kiosk did not return to service")

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
            w.staff_login.login_field.set_text("tech")
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

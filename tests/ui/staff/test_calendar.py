"""The working-day calendar's screens with real widgets: the month as day buttons (a fixed-date
holiday not tappable, every day named for a screen reader), the steppers bounded, refusals in
plain words; and the whole kiosk: an administrator taps a year's arrangement in, saves it, and
the audit log names them while the screen shows the year exact."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from ui_helpers import make, shown

from kiosk.domain.journal import AccountRole, ActorKind
from kiosk.domain.staff import StaffSession
from kiosk.flows.staff_calendar import CalendarArea, CalNotice, CalPage, YearState
from kiosk.services.calendar_admin import ACTION, YearCalendar, YearRecord, year_calendar
from kiosk.store.audit import AuditRepository
from kiosk.store.db import read_session
from kiosk.ui.screens.staff.calendar import CalendarConfirmScreen, CalendarScreen, DayButton

ADMIN = StaffSession(1, "admin01", "Admin", AccountRole.ADMINISTRATOR, dt.datetime.now(dt.UTC))
SERVICE_CODE = "2580"  # the demo's (kiosk.config.DEMO_SERVICE_CODE)


def area_on_2027() -> CalendarArea:
    area = CalendarArea(ADMIN)
    area.start()
    record = YearRecord(
        YearCalendar(2027, (), (), 0, 365, False), frozenset(), frozenset(), None, None, 2027
    )
    area.year_loaded(record)
    return area


def button(screen: CalendarScreen, day: dt.date) -> DayButton:
    return next(b for b in screen.days if b.cell is not None and b.cell.day == day)


def test_the_month_is_day_buttons_and_taps_name_their_day(qtbot: Any) -> None:
    screen = make(qtbot, CalendarScreen)
    area = area_on_2027()
    screen.show_view(area.view)
    shown(qtbot, screen)
    new_year, monday = button(screen, dt.date(2027, 1, 1)), button(screen, dt.date(2027, 1, 4))
    assert not new_year.isEnabled() and new_year.property("day") == "holiday"
    assert monday.isEnabled() and monday.property("day") == "working"
    assert monday.accessibleName() == "4 Jan working day"
    assert sum(b.isVisible() for b in screen.days) == 31
    with qtbot.waitSignal(screen.day_tapped) as tapped:
        qtbot.mouseClick(monday, Qt.MouseButton.LeftButton)
    assert tapped.args == [dt.date(2027, 1, 4)]
    area.tap(dt.date(2027, 1, 4))
    screen.show_view(area.view)
    assert monday.property("day") == "holiday" and monday.marker == "off"
    assert "Not saved yet" in screen.counts.text()
    # 2027 is the first year offered and January the first month: those steppers are off.
    assert not screen.earlier_year.isEnabled() and screen.later_year.isEnabled()
    assert not screen.earlier_month.isEnabled() and screen.later_month.isEnabled()
    assert "approximate" in screen.state.text.text()


def test_refusals_are_plain_words_and_busy_disables_the_days(qtbot: Any) -> None:
    screen = make(qtbot, CalendarScreen)
    area = area_on_2027()
    area.save()
    screen.show_view(area.view)
    shown(qtbot, screen)
    assert area.view.notice is CalNotice.NOTHING_ENTERED
    assert screen.notice.isVisible() and "Nothing is entered yet" in screen.notice.text.text()
    area.step_year(1)  # reading 2028
    screen.show_view(area.view)
    assert not any(b.isEnabled() for b in screen.days) and not screen.save_button.isEnabled()

    failed = CalendarArea(ADMIN)
    failed.start()
    failed.load_failed(OSError("down"))
    screen.show_view(failed.view)
    assert screen.retry_button.isVisible() and not screen.save_button.isVisible()
    assert "database did not answer" in screen.notice.text.text()


def test_the_confirmation_says_the_arrangement_in_words(qtbot: Any) -> None:
    screen = make(qtbot, CalendarConfirmScreen)
    area = area_on_2027()
    for day in (2, 3, 4, 9, 9):
        area.tap(dt.date(2027, 1, day))
    area.save()
    screen.show_view(area.view)
    shown(qtbot, screen)
    assert area.page == CalPage.CONFIRM.value
    texts = [label.text() for label in screen.findChildren(type(screen.title))]
    assert "1–4 Jan, New Year's Day (4 days)" in texts
    assert "9 Jan, Saturday, worked" in texts
    assert "Public holidays: 9 days" in texts  # 1-4 January, 1-2 May, 1-3 October
    assert screen.title.text() == "Save the 2027 holiday arrangement?"


def test_an_administrator_saves_a_year_on_the_kiosk(qtbot: Any, make_kiosk: Any) -> None:
    kiosk = make_kiosk(language="en")
    staff, w = kiosk.staff, kiosk.window
    staff.open()
    w.staff_code.code_entered.emit(SERVICE_CODE)
    qtbot.waitUntil(lambda: staff.flow.page == "staff-login", timeout=10_000)
    w.staff_login.login_entered.emit("admin", bytearray(b"admin-demo"))
    qtbot.waitUntil(lambda: staff.flow.page == "staff-menu", timeout=20_000)
    w.staff_menu.buttons["calendar"].click()
    screen = w.staff_screens[CalPage.CALENDAR.value]
    assert isinstance(screen, CalendarScreen)
    area = staff.flow.area
    assert isinstance(area, CalendarArea)
    qtbot.waitUntil(lambda: area.view.loaded and not area.view.busy, timeout=10_000)
    this_year = area.view.year
    screen.later_year.click()
    qtbot.waitUntil(lambda: area.view.year == this_year + 1 and not area.view.busy, timeout=10_000)
    assert area.view.state is YearState.APPROXIMATE  # no package publishes next year yet
    year = this_year + 1
    weekday = next(d for d in range(4, 11) if dt.date(year, 1, d).weekday() < 5)
    button(screen, dt.date(year, 1, weekday)).click()
    screen.save_button.click()
    assert staff.flow.page == CalPage.CONFIRM.value
    confirm = w.staff_screens[CalPage.CONFIRM.value]
    assert isinstance(confirm, CalendarConfirmScreen)
    confirm.confirm_button.click()
    qtbot.waitUntil(
        lambda: staff.flow.page == CalPage.CALENDAR.value and not area.view.busy, timeout=10_000
    )
    assert area.view.state is YearState.SET and area.view.notice is CalNotice.SAVED
    assert "entered by admin" in screen.state.text.text()
    assert year_calendar(kiosk.engine, year).exact
    with read_session(kiosk.engine) as session:
        [entry] = [e for e in AuditRepository(session).entries() if e.action == ACTION]
    assert (entry.actor_kind, entry.actor) == (ActorKind.STAFF, "admin")
    # Leaving staff mode wipes the screens: nothing of the year stays on them.
    w.staff_menu.logout_clicked.emit()
    qtbot.waitUntil(lambda: not staff.flow.active, timeout=10_000)
    assert screen.year_label.text() == "" and all(b.cell is None for b in screen.days)

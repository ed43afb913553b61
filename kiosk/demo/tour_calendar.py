"""The tour's stop in the working-day calendar (run as the demo administrator): the next year
not yet exact, a made-up Spring Festival tapped in as holidays and one make-up working day, the
confirmation in words, and the year saved and exact. The large-text pass runs on the same
database and finds the next year already saved: it takes the first year after it still
approximate."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from kiosk.flows.staff_calendar import CalendarArea, CalPage, YearState

if TYPE_CHECKING:
    from kiosk.demo.tour_staff import StaffTour


def made_up_spring_festival(year: int) -> tuple[list[dt.date], dt.date]:
    """Eight days off from the first Saturday on or after 5 February, and the Sunday after them
    worked: the shape of a real arrangement, for any year (no real one is claimed)."""
    start = dt.date(year, 2, 5)
    start += dt.timedelta(days=(5 - start.weekday()) % 7)
    return [start + dt.timedelta(days=n) for n in range(8)], start + dt.timedelta(days=8)


def calendar_tour(st: StaffTour) -> None:
    w = st.tour.kiosk.window
    page = CalPage.CALENDAR.value
    screen = w.staff_screens[page]
    w.staff_menu.area_chosen.emit("calendar")
    st.settle(page, "the calendar's first year")
    area = st.staff.flow.area
    assert isinstance(area, CalendarArea)
    screen.year_stepped.emit(1)  # the next year: where pickup dates reach now
    st.settle(page, "the next year")
    while area.view.state is not YearState.APPROXIMATE and area.view.year < area.view.last_year:
        screen.year_stepped.emit(1)
        st.settle(page, "a year still approximate")
    st.shot("calendar")

    holidays, workday = made_up_spring_festival(area.view.year)
    screen.month_stepped.emit(1)
    for day in holidays:
        screen.day_tapped.emit(day)
    screen.day_tapped.emit(workday)  # a Sunday: holiday first, make-up working day next
    screen.day_tapped.emit(workday)
    st.settle(page, "the days tapped")
    st.shot("calendar-marked")

    screen.save_clicked.emit()
    confirm = CalPage.CONFIRM.value
    st.settle(confirm, "the confirmation")
    st.shot("calendar-confirm")
    w.staff_screens[confirm].confirm_clicked.emit()
    st.settle(page, "the arrangement saved")
    st.shot("calendar-saved")

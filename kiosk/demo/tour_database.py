"""The tour's Database and System areas (kiosk.ui.screens.staff.database, .system), as the
administrator: the demo's database with its checks and row counts, the same page when the back
end does not answer, and the machine's System report, then its log's last lines.

The back end unreachable is a real report made against a PostgreSQL URL whose port nothing
listens on (127.0.0.1, port 1: the connection is refused at once), the way a kiosk whose
database server is down or whose network cable is out would see it; the password in the URL is
shown hidden, as on any kiosk. The area's report tools are swapped for that one shot only and
put back, so the rest of the tour (and the second, large-text pass) reads the demo's database.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from kiosk.services.database_report import database_report

if TYPE_CHECKING:
    from kiosk.demo.tour_staff import StaffTour

# A back end that cannot be reached: nothing listens on port 1.
UNREACHABLE_URL = "postgresql+psycopg://kiosk:demo-secret@127.0.0.1:1/sscard"


def database_tour(st: StaffTour) -> None:
    window = st.tour.kiosk.window
    screen = window.staff_screens["staff-database"]
    window.staff_menu.area_chosen.emit("database")
    st.settle("staff-database", "the database report")
    st.shot("database")
    services = st.staff.runner.services
    tools = services.reports
    if tools is None:
        return
    settings = st.tour.kiosk.settings
    services.reports = dataclasses.replace(
        tools,
        database=lambda: database_report(
            UNREACHABLE_URL, data_dir=settings.data_dir, kiosk_id=settings.kiosk_id
        ),
    )
    try:
        screen.again_clicked.emit()  # type: ignore[attr-defined]
        st.settle("staff-database", "the report on a back end that does not answer")
        st.shot("database-unreachable")
    finally:
        services.reports = tools


def system_tour(st: StaffTour) -> None:
    window = st.tour.kiosk.window
    screen = window.staff_screens["staff-system"]
    window.staff_menu.area_chosen.emit("system")
    st.settle("staff-system", "the system report")
    st.shot("system")
    screen.scroll.verticalScrollBar().setValue(screen.log_card.y())  # type: ignore[attr-defined]
    st.shot("system-log")
    screen.scroll.verticalScrollBar().setValue(0)  # type: ignore[attr-defined]

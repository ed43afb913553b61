"""The tour's "today" area: the day's transactions and totals, an earlier day, the day-end
slip, and a CSV export to a pretend USB stick."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.services.export_places import ExportPlaces

if TYPE_CHECKING:
    from kiosk.demo.tour_staff import StaffTour


def today_tour(st: StaffTour) -> None:
    """Today with the citizen pass's transactions, an earlier (empty) day, the day-end slip, and
    the export to a pretend USB stick: a folder in the demo's data folder that the chooser is
    pointed at, as a mounted stick would be."""
    kiosk = st.tour.kiosk
    screens = kiosk.window.staff_screens
    day, export = screens["staff-today"], screens["staff-export"]
    data = kiosk.settings.data_dir
    (data / "media" / "kiosk" / "KIOSK-USB").mkdir(parents=True, exist_ok=True)
    st.staff.runner.services.exports = ExportPlaces(
        kiosk.settings.resolved_export_dir, patterns=(f"{data}/media/*/*",), mountinfo=None
    )
    kiosk.window.staff_menu.area_chosen.emit("today")
    st.settle("staff-today")
    st.shot("today")
    bar = day.scroll.verticalScrollBar()  # type: ignore[attr-defined]
    bar.setValue(bar.maximum())  # the transactions, below the totals
    st.shot("today-list")
    bar.setValue(0)
    day.earlier_clicked.emit()  # type: ignore[attr-defined]
    st.settle("staff-today")
    st.shot("today-earlier")
    day.later_clicked.emit()  # type: ignore[attr-defined]
    st.settle("staff-today")
    day.slip_clicked.emit()  # type: ignore[attr-defined]
    st.settle("staff-today")
    st.shot("today-slip")
    day.export_clicked.emit()  # type: ignore[attr-defined]
    st.settle("staff-export")
    st.shot("export")
    export.place_chosen.emit(0)  # type: ignore[attr-defined]
    st.settle("staff-export")
    st.shot("export-done")

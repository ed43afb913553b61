"""The tour's diagnostics bundle area (kiosk.ui.screens.staff.bundle), as the administrator:
the choice of place (a pretend USB stick and the export folder), then the bundle written on
the stick with its name and size."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.services.export_places import ExportPlaces

if TYPE_CHECKING:
    from kiosk.demo.tour_staff import StaffTour


def bundle_tour(st: StaffTour) -> None:
    kiosk = st.tour.kiosk
    screen = kiosk.window.staff_screens["staff-bundle"]
    data = kiosk.settings.data_dir
    (data / "media" / "kiosk" / "KIOSK-USB").mkdir(parents=True, exist_ok=True)
    st.staff.runner.services.exports = ExportPlaces(  # a pretend stick, as today's tour has
        kiosk.settings.resolved_export_dir, patterns=(f"{data}/media/*/*",), mountinfo=None
    )
    kiosk.window.staff_menu.area_chosen.emit("bundle")
    st.settle("staff-bundle")
    st.shot("bundle")
    screen.place_chosen.emit(0)  # type: ignore[attr-defined]
    st.settle("staff-bundle", "the bundle")
    st.shot("bundle-written")

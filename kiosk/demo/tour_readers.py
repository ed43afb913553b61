"""The tour's "readers" area (kiosk.ui.screens.staff.readers), as the administrator: the demo's
simulated reader with a card in it (`staff-readers`), then unplugged, the page following it by
itself (`staff-readers-unplugged`). The reader is plugged back and the card taken out after
the shots, so the rest of the tour finds the kiosk as it was."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.domain.devices import DeviceState

if TYPE_CHECKING:
    from kiosk.demo.tour_staff import StaffTour


def readers_tour(st: StaffTour) -> None:
    reader = st.tour.reader
    name = reader.readers()[0].name
    staff = st.staff

    def reader_state(state: DeviceState) -> bool:
        area = staff.flow.area
        report = getattr(getattr(area, "view", None), "report", None)
        row = report.row(name) if report is not None else None
        return row is not None and row.status.state is state and not area.view.busy  # type: ignore[union-attr]

    reader.insert("normal")  # ignored by the citizen side in staff mode
    try:
        st.tour.kiosk.window.staff_menu.area_chosen.emit("readers")
        st.settle("staff-readers")
        st.shot("readers")
        reader.unplug(name)
        st.tour.settle(lambda: reader_state(DeviceState.NO_DEVICE), "the reader unplugged")
        st.shot("readers-unplugged")
    finally:
        reader.plug(name)
        reader.remove(name)
    st.tour.settle(lambda: reader_state(DeviceState.ONLINE), "the reader plugged back")

"""The tour's diagnostics area (kiosk.ui.screens.staff.diagnostics), as the administrator (the
technician is locked by then): the page before a run, the self-test's results, and the
printer with a test page printed into the demo's PDF folder, then the printer out of paper (the
demo printer's fault switch, as the demo tray sets it; put back after)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drivers.printers.fake import Fault
from drivers.printers.faultable import FaultablePrinter
from kiosk.demo.tour_driver import TourError

if TYPE_CHECKING:
    from kiosk.demo.tour_staff import StaffTour


def diagnostics_tour(st: StaffTour) -> None:
    window = st.tour.kiosk.window
    selftest, devices = (
        window.staff_screens["staff-diag"],
        window.staff_screens["staff-diag-devices"],
    )
    window.staff_menu.area_chosen.emit("diagnostics")
    st.settle("staff-diag")
    st.shot("diag")
    selftest.run_clicked.emit()  # type: ignore[attr-defined]
    st.settle("staff-diag", "the self-test")
    st.shot("diag-results")
    selftest.devices_clicked.emit()  # type: ignore[attr-defined]
    st.settle("staff-diag-devices")
    devices.test_page_clicked.emit()  # type: ignore[attr-defined]
    st.settle("staff-diag-devices", "the test page")
    st.shot("diag-devices")
    printer = st.tour.kiosk.business.printer
    if not isinstance(printer, FaultablePrinter):
        raise TourError("the demo kiosk's printer cannot run out of paper")
    printer.fault = Fault.NO_PAPER
    try:
        window.header.back_clicked.emit()
        st.settle("staff-diag")
        selftest.devices_clicked.emit()  # type: ignore[attr-defined]
        st.settle("staff-diag-devices", "the printer out of paper")
        st.shot("diag-devices-no-paper")
    finally:
        printer.fault = Fault.NONE

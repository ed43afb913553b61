"""The tour's "card" area: the demo card tested on the mock reader (the citizen side ignores
it in staff mode), a SELECT answered on the APDU console, and a VERIFY waiting for "Send
anyway" (photographed, then cancelled: no PIN try is spent)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.demo.tour_staff import StaffTour

SELECT_SSSE = "00 A4 04 00 0F 73 78 31 2E 73 68 2E C9 E7 BB E1 B1 A3 D5 CF"  # the SSSE application
VERIFY = "00 20 00 00 03 12 34 56"


def card_tour(st: StaffTour) -> None:
    kiosk = st.tour.kiosk
    screens = kiosk.window.staff_screens
    test, console = screens["staff-card"], screens["staff-apdu"]
    st.tour.reader.insert("normal")
    try:
        kiosk.window.staff_menu.area_chosen.emit("card")
        st.settle("staff-card")
        test.test_clicked.emit()  # type: ignore[attr-defined]
        st.settle("staff-card", "the card test")
        st.shot("card")
        test.console_clicked.emit()  # type: ignore[attr-defined]
        st.settle("staff-apdu")
        console.set_text(SELECT_SSSE)  # type: ignore[attr-defined]
        console.send_clicked.emit(console.text)  # type: ignore[attr-defined]
        st.settle("staff-apdu", "the SELECT's answer")
        st.shot("apdu")
        console.set_text(VERIFY)  # type: ignore[attr-defined]
        console.send_clicked.emit(console.text)  # type: ignore[attr-defined]
        st.settle("staff-apdu")
        st.shot("apdu-confirm")
        console.cancel_clicked.emit()  # type: ignore[attr-defined]
        console.set_text("")  # type: ignore[attr-defined]
    finally:
        st.tour.reader.remove()

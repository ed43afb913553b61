"""The tour's actions on one voucher (kiosk.flows.staff_voucher_actions), reached from the
voucher desk's page: reprint with a typed reason, progress moved on, a new card handed over,
a reimbursement recorded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.domain.desk import ReprintReason
from kiosk.domain.journal import ReissueProgress
from kiosk.flows.staff_voucher_actions import PAGES, ActionKind
from kiosk.flows.staff_vouchers import VoucherDeskArea
from kiosk.ui.screens.staff.voucher_actions import (
    HandOverScreen,
    ProgressScreen,
    ReimburseScreen,
    ReprintScreen,
)

if TYPE_CHECKING:
    from kiosk.demo.tour_staff import StaffTour


def voucher_actions_tour(st: StaffTour) -> None:
    """Reprint with a typed reason, progress moved on, a new card handed over, a reimbursement
    recorded and a second one refused, on the vouchers the citizen pass printed. The main pass
    hands over the damaged card's replacement (the lost card's reissue must stay open: the
    large pass shows its old card's problem screen); the large pass its own reissue."""
    reissue = st.tour.new_card_vouchers["loss-final"]
    screens = st.tour.kiosk.window.staff_screens
    st.tour.kiosk.window.staff_menu.area_chosen.emit("vouchers")

    def open_action(number: str, kind: ActionKind) -> None:
        st.staff.send(VoucherDeskArea, lambda a: a.show_find())  # from the voucher page: find
        st.settle("staff-find")
        st.staff.send(VoucherDeskArea, lambda a: a.find_by_number(number))
        st.settle("staff-voucher", f"voucher {number}")
        st.staff.send(VoucherDeskArea, lambda a: a.act(kind))
        st.settle(PAGES[kind])

    def done() -> None:
        st.settle("staff-voucher", "back on the voucher")

    reprint = screens[PAGES[ActionKind.REPRINT]]
    assert isinstance(reprint, ReprintScreen)
    open_action(reissue, ActionKind.REPRINT)
    reprint.reasons[ReprintReason.OTHER].click()
    st.settle(PAGES[ActionKind.REPRINT])
    reprint.other_field.set_text("Copy for the employer")
    st.shot("reprint-other")
    reprint.print_button.click()
    done()
    st.shot("voucher-reprinted")

    progress = screens[PAGES[ActionKind.PROGRESS]]
    assert isinstance(progress, ProgressScreen)
    open_action(reissue, ActionKind.PROGRESS)
    st.shot("progress")
    progress.buttons[ReissueProgress.IN_PRODUCTION].click()
    done()
    st.shot("voucher-progress-moved")
    handed = reissue if st.large else st.tour.new_card_vouchers["replace"]
    for number in dict.fromkeys((reissue, handed)):  # both ready to hand over
        open_action(number, ActionKind.PROGRESS)
        progress.buttons[ReissueProgress.READY].click()
        done()

    hand_over = screens[PAGES[ActionKind.HAND_OVER]]
    assert isinstance(hand_over, HandOverScreen)
    open_action(handed, ActionKind.HAND_OVER)
    st.shot("hand-over")
    hand_over.toggle.click()
    st.settle(PAGES[ActionKind.HAND_OVER])
    st.shot("hand-over-checked")
    hand_over.hand_over_button.click()
    done()
    st.shot("voucher-handed-over")

    reimburse = screens[PAGES[ActionKind.REIMBURSE]]
    assert isinstance(reimburse, ReimburseScreen)
    open_action(reissue, ActionKind.REIMBURSE)
    for key in "1234.5":
        reimburse.pad.press(key)
    st.settle(PAGES[ActionKind.REIMBURSE])
    st.shot("reimburse")
    reimburse.record_button.click()
    done()
    # The voucher page says when and by whom, and offers no second reimbursement.
    st.shot("voucher-reimbursed")

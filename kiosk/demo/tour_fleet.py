"""The tour's fleet pass (docs/fleet.md, R7): a kiosk of a fleet whose centre cannot be reached,
as a citizen finds it. With the card in the reader and its PIN, a damaged card is replaced and a
found card's loss report cancelled, recorded at this kiosk ("recorded at this kiosk…" receipts);
the records cannot be shown; a loss report without the card is refused plainly (identifying
someone without a card needs the centre); and the attract screen's status strip says the
service is offline with the messages waiting for it. Then, the centre there for a moment, voucher
lookup by ID number and mobile shows a new card applied for at another kiosk of the fleet, its
progress as the centre has it. Shots are named `fleet-…`, in the main size and at 1280x800 in
large text.

The kiosk is the demo's (it knows the demo's cards as they were), in fleet mode, with
kiosk.demo.centre.FakeCentre (switched unreachable: `set_reachable(False)`) injected through the
app's wiring in place of the centre's PostgreSQL: kiosk.demo.tour.run_tour builds it per
language.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QScrollArea

from drivers.simcard.image import load_image
from kiosk.demo.centre import FakeCentre
from kiosk.demo.tour_driver import MAIN_SIZE, SMALL_SIZE, TourDriver, TourError
from kiosk.domain.journal import ReissueProgress
from kiosk.domain.masking import mask_card_number
from kiosk.domain.vouchers import format_voucher_number

# A demo cardholder without the card (the "unreadable" card's holder): ID number and mobile.
HOLDER_NO_CARD = ("510107196907300229", "18980024455")
OTHER_KIOSK = "BJHD02"  # another kiosk of the fleet, where that holder applied for a new card


class FleetTour:
    """The fleet pass of the tour, on `driver`'s kiosk (in fleet mode, its centre away)."""

    def __init__(self, driver: TourDriver, centre: FakeCentre) -> None:
        self.d = driver
        self.centre = centre

    def run(self) -> None:
        d = self.d
        self.centre.set_reachable(False)
        self.centre.add_reissue(_reissue_elsewhere(HOLDER_NO_CARD[0]))
        try:
            self._pass("normal", cancel=True)
            # Large text: another card in normal use (the first has its new card under way;
            # the card found has no loss report left to cancel).
            d.size, d.large_text = SMALL_SIZE, True
            d.kiosk.set_large_text(True)
            self._pass("pin-last-try", cancel=False)
        finally:
            d.size, d.large_text = MAIN_SIZE, False
            d.kiosk.set_large_text(False)

    def _pass(self, card: str, *, cancel: bool) -> None:
        d = self.d
        w, c = d.kiosk.window, d.kiosk.controller

        # A damaged card replaced with the card and its PIN: recorded here.
        d.insert(card, "summary")
        w.summary.replace_clicked.emit()
        d.settle(d.at("pin"), "PIN to replace the card")
        d.enter_pin("123456")
        d.settle(d.at("outlet"), "outlets, the centre away")
        w.outlet.chosen.emit(_first_outlet(d))
        d.settle(d.at("outlet"))
        for step in ("materials", "pickup", "review", "confirm"):
            assert c.business is not None
            w.business_screens[c.business.view.step].next_clicked.emit()
            d.settle(d.at(step), step)
        d.confirm_and_print("fleet", shoot=False)
        self._expect_pending("replace")
        d.shot("fleet", "replace-receipt-pending")
        d.remove()

        if cancel:  # the card under temporary loss report turns up: cancelled here
            d.insert("temporary-loss", "problem")
            w.problem.cancel_loss_clicked.emit()
            d.settle(d.at("pin"), "PIN to cancel the loss report")
            d.enter_pin("123456")
            d.settle(d.at("review"), "cancellation review")
            w.review.next_clicked.emit()
            d.settle(d.at("confirm"), "cancellation confirm")
            d.confirm_and_print("fleet", shoot=False)
            self._expect_pending("cancellation")
            d.shot("fleet", "found-receipt-pending")
            d.remove()

        # The records need the centre: they cannot be shown.
        d.insert(card, "summary")
        w.summary.view_records_clicked.emit()
        d.settle(d.at("pin"), "PIN for the records")
        d.enter_pin("123456")
        d.settle(d.at("problem"), "records unreachable")
        d.shot("fleet", "problem-records-unreachable")
        d.remove()

        # Without the card: identification needs the centre, which the last check found away:
        # refused plainly before the form (Retry opens it).
        d.start(w.attract.report_loss_clicked, "refused")
        d.shot("fleet", "refused-no-card")
        c.home()
        d.settle(d.at("attract"))

        # The attract screen: the service offline, this kiosk's messages waiting for it.
        d.kiosk.check_status()
        strip = w.attract.status_strip
        d.settle(lambda: strip.centre is not None and strip.centre.queued > 0, "messages waiting")
        d.shot("fleet", "attract-offline-waiting")

        self._lookup_elsewhere()

    def _lookup_elsewhere(self) -> None:
        """Voucher lookup by ID number and mobile, the centre there for once: the new card
        applied for at another kiosk, its progress as the centre has it."""
        d, centre = self.d, self.centre
        w, c = d.kiosk.window, d.kiosk.controller
        centre.set_reachable(True)
        try:
            d.start(w.attract.voucher_lookup_clicked, "lookup")
            w.lookup.set_mode("person")
            d.type_instead(w.lookup)
            w.lookup.id_field.set_text(HOLDER_NO_CARD[0])
            w.lookup.mobile_field.set_text(HOLDER_NO_CARD[1])
            w.lookup.search()
            d.settle(d.at("lookup_result"), "the vouchers of another kiosk")
            business = c.business
            found = business.view.lookup_results if business is not None else ()
            if not any(v.recorded_at_kiosk == OTHER_KIOSK for v in found or ()):
                raise TourError("voucher lookup did not show the reissue of another kiosk")
            if d.large_text:
                # At 1280x800 in large text the card's last line, where it says it was
                # recorded at another kiosk, is below the fold: scrolled to, as a citizen would.
                area = w.lookup_result.findChild(QScrollArea, "lookupResultScroll")
                if area is None:
                    raise TourError("the lookup result has no scroll area")
                d.settle(what="layout")
                area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
            d.shot("fleet", "lookup-result-other-kiosk")
            c.home()
            d.settle(d.at("attract"))
        finally:
            centre.set_reachable(False)

    def _expect_pending(self, what: str) -> None:
        business = self.d.kiosk.controller.business
        receipt = business.view.receipt if business is not None else None
        if receipt is None or not receipt.centre_pending:
            raise TourError(f"the {what} was not recorded as waiting for the centre")


def _first_outlet(d: TourDriver) -> str:
    business = d.kiosk.controller.business
    if business is None or not business.view.outlets:
        raise TourError("no outlets with the centre away")
    return business.view.outlets[0].code


def _reissue_elsewhere(ssn: str) -> dict[str, object]:
    """A new card applied for at OTHER_KIOSK a few days ago, in production now (the centre's
    REISSUE row, docs/fleet.md, with the holder's SSN)."""
    today = dt.datetime.now(dt.UTC).date()
    applied = today - dt.timedelta(days=4)
    return {
        "voucher": format_voucher_number(OTHER_KIOSK, applied, 12),
        "kiosk_id": OTHER_KIOSK,
        "card_number_masked": mask_card_number(load_image("unreadable").issuer.card_number),
        "progress": ReissueProgress.IN_PRODUCTION.value,
        "progress_at": dt.datetime.combine(
            today - dt.timedelta(days=1), dt.time(10, 30), dt.UTC
        ).isoformat(),
        "outlet": "BJCY-02",
        "expected_pickup_date": (applied + dt.timedelta(days=20)).isoformat(),
        "applied_at": dt.datetime.combine(applied, dt.time(2, 15), dt.UTC).isoformat(),
        "ssn": ssn,
    }

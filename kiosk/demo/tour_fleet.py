"""The tour's fleet pass (docs/fleet.md, R7): a kiosk of a fleet whose centre cannot be reached,
as a citizen finds it. With the card in the reader and its PIN, a damaged card is replaced and a
found card's loss report cancelled, recorded at this kiosk ("recorded at this kiosk…" receipts);
the records cannot be shown; a loss report without the card is refused plainly (identifying
someone without a card needs the centre); and the attract screen's status strip says the
service is offline with the messages waiting for it. Shots are named `fleet-…`, in the main
size and at 1280x800 in large text.

The kiosk is the demo's, in fleet mode, with kiosk.demo.centre.FakeCentre (switched
unreachable: `set_reachable(False)`) injected through the app's wiring in place of the centre's
PostgreSQL.

NOT YET RUN by kiosk.demo.tour.run_tour: that needs build_kiosk to take an injected centre
(fleetkiosk's wiring). Then, per language: build a second kiosk with KIOSK_DEPLOYMENT=fleet and
a FakeCentre, `FleetTour(Tour(kiosk, out)).run()`, add its shots (fleet-…) to
tests/demo/tour-shots-en.txt, and let test_tour's "the screen its name says" accept the problem
screen for `fleet-problem-…`.
"""

from __future__ import annotations

from kiosk.demo.tour_driver import MAIN_SIZE, SMALL_SIZE, TourDriver, TourError

# A demo cardholder without the card (the "unreadable" card's holder): ID number and mobile.
HOLDER_NO_CARD = ("510107196907300229", "18980024455")


class FleetTour:
    """The fleet pass of the tour, on `driver`'s kiosk (in fleet mode, its centre away)."""

    def __init__(self, driver: TourDriver) -> None:
        self.d = driver

    def run(self) -> None:
        d = self.d
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

        # Without the card: identification needs the centre, refused plainly.
        d.start(w.attract.report_loss_clicked, "identify")
        d.identify(*HOLDER_NO_CARD)
        d.settle(d.at("refused"), "loss report without the card refused")
        d.shot("fleet", "refused-no-card")
        c.home()
        d.settle(d.at("attract"))

        # The attract screen: the service offline, this kiosk's messages waiting for it.
        d.kiosk.check_status()
        strip = w.attract.status_strip
        d.settle(lambda: strip.centre is not None and strip.centre.queued > 0, "messages waiting")
        d.shot("fleet", "attract-offline-waiting")

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

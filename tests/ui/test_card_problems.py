"""What a card's problem screen promises, on the demo kiosk: only what the kiosk can do for the
card in the slot. A card under temporary loss report whose PIN is blocked is sent to a counter
(no PIN query, no VERIFY, no Cancel button); a card reported lost whose new card is under way
says when and where to collect it, masked (S2)."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from ui_helpers import idle, wait_step

from drivers.simcard.image import load_image
from kiosk.domain.business import ReissueRequest
from kiosk.domain.journal import LossReportKind, LossReportRequest, ReissueReason
from kiosk.domain.session import CardProblem
from kiosk.ui.i18n import format_date

PIN_BLOCKED = load_image("pin-blocked")
LAST_TRY = load_image("pin-last-try")
TEMPORARY = load_image("temporary-loss")


def report_temporary_loss(kiosk, image) -> None:
    """A temporary loss report without the card, as the wizard submits it."""
    service = kiosk.business
    service.report_loss(
        LossReportRequest(
            uuid.uuid4().hex, service.kiosk.kiosk_id, image.holder.ssn, LossReportKind.TEMPORARY
        )
    )


def texts(kiosk, all_texts) -> str:
    return all_texts(kiosk.window.problem)


def test_a_pin_blocked_card_under_temporary_loss_is_sent_to_a_counter(qtbot, make_kiosk, all_texts):
    kiosk = make_kiosk(language="en")
    try:
        report_temporary_loss(kiosk, PIN_BLOCKED)
        card = kiosk.backend.insert("pin-blocked")
        wait_step(qtbot, kiosk, "problem")
        w = kiosk.window
        assert w.current is w.problem
        assert not w.problem.cancel_loss_button.isVisibleTo(w)
        shown = texts(kiosk, all_texts)
        assert "cancel the loss report here" not in shown
        assert "unblock the PIN and cancel the loss report" in shown
        assert w.problem.problem is CardProblem.TEMPORARY_LOSS_PIN_BLOCKED

        sent = card.apdu_count
        w.problem.cancel_loss_clicked.emit()  # even if it were tapped: nothing is sent
        qtbot.wait(50)
        assert idle(kiosk) and kiosk.controller.flow.view.step.value == "problem"
        assert card.apdu_count == sent
    finally:
        kiosk.close()


def test_a_pin_blocked_while_cancelling_the_loss_report_goes_to_a_counter(
    qtbot, make_kiosk, all_texts
):
    kiosk = make_kiosk(language="en")
    try:
        kiosk.backend.insert(dataclasses.replace(TEMPORARY, pin_tries_left=1))
        wait_step(qtbot, kiosk, "problem")
        w = kiosk.window
        assert w.problem.cancel_loss_button.isVisibleTo(w)  # the PIN still works: offered
        w.problem.cancel_loss_clicked.emit()
        wait_step(qtbot, kiosk, "pin")
        w.pin.pin_entered.emit(bytearray(b"000000"))
        wait_step(qtbot, kiosk, "problem")
        assert not w.problem.cancel_loss_button.isVisibleTo(w)
        assert "unblock the PIN and cancel the loss report" in texts(kiosk, all_texts)
        assert w.problem.problem is CardProblem.TEMPORARY_LOSS_PIN_BLOCKED
    finally:
        kiosk.close()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_lost_card_shows_when_and_where_to_collect_its_new_card(
    qtbot, make_kiosk, all_texts, language
):
    kiosk = make_kiosk(language=language)
    try:
        service = kiosk.business
        outlet = service.outlets()[1]
        receipt = service.apply_reissue(
            ReissueRequest(
                uuid.uuid4().hex,
                service.kiosk.kiosk_id,
                LAST_TRY.holder.ssn,
                LAST_TRY.issuer.card_number,
                ReissueReason.LOST,
                outlet.code,
            )
        )
        assert receipt.pickup is not None
        kiosk.backend.insert("pin-last-try")
        wait_step(qtbot, kiosk, "problem")
        w = kiosk.window
        assert w.problem.problem is CardProblem.LOST
        assert not w.problem.cancel_loss_button.isVisibleTo(w)
        shown = texts(kiosk, all_texts)
        assert format_date(receipt.pickup.expected_date) in shown
        assert outlet.name_in(language) in shown
        assert outlet.address_in(language) in shown
        assert outlet.hours_in(language) in shown
        # S2: nothing that identifies the cardholder.
        for personal in (LAST_TRY.holder.name, LAST_TRY.holder.ssn, LAST_TRY.issuer.card_number):
            assert personal not in shown
        w.problem.done_clicked.emit()
        wait_step(qtbot, kiosk, "attract")
        assert outlet.name_in(language) not in texts(kiosk, all_texts)  # wiped with the session
    finally:
        kiosk.close()

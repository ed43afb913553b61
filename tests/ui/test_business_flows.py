"""Flows 5-8 end to end on the demo set-up (mock reader, simulated cards, seeded SQLite, the PDF
printer into a temporary folder), driven through the screens' own signals: the loss report
without a card (temporary, and final with an agent), wrong details, the card found, a damaged
card replaced, voucher lookup and its one reprint, a double tap on Confirm, the card pulled and
the idle timeout mid-wizard (R1, S3), and a printer that fails after the commit (R6)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget
from ui_helpers import idle, wait_step

from drivers.printers.fake import FakePrinter, Fault
from drivers.simcard.image import load_image
from kiosk.domain.business import Material, PrintOutcome, Refusal
from kiosk.domain.journal import LossReportKind, ReissueReason
from kiosk.domain.masking import mask_id_number, mask_name
from kiosk.domain.records import CardStatus
from kiosk.domain.session import CardProblem
from kiosk.store.db import read_session
from kiosk.store.repositories import CardRepository

NORMAL = load_image("normal")
TEMPORARY = load_image("temporary-loss")
SSN, MOBILE, CARD = NORMAL.holder.ssn, "13810245678", NORMAL.issuer.card_number
WRONG_MOBILE = "13900000001"
AGENT_SSN = "11010819770707931X"
PIN = "123456"


@pytest.fixture
def kiosk(qtbot, make_kiosk):
    kiosk = make_kiosk()
    yield kiosk
    kiosk.close()


# Helpers ------------------------------------------------------------------------------------


def bstep(kiosk) -> str | None:
    business = kiosk.controller.business
    return business.view.step.value if business is not None else None


def bview(kiosk):
    assert kiosk.controller.business is not None
    return kiosk.controller.business.view


def wait_b(qtbot, kiosk, name: str) -> None:
    qtbot.waitUntil(lambda: bstep(kiosk) == name and idle(kiosk), timeout=10_000)
    assert kiosk.window.current is kiosk.window.business_screens[bview(kiosk).step]


def identify(qtbot, kiosk, ssn=SSN, mobile=MOBILE, *, agent=False, expect="what_happened"):
    kiosk.window.identify.submitted.emit(ssn, mobile, agent)
    wait_b(qtbot, kiosk, expect)


def next_to(qtbot, kiosk, screen, expect: str) -> None:
    screen.next_clicked.emit()
    wait_b(qtbot, kiosk, expect)


def confirm(qtbot, kiosk) -> None:
    kiosk.window.confirm.confirmed.emit()
    wait_b(qtbot, kiosk, "receipt")
    qtbot.waitUntil(lambda: bview(kiosk).print_outcome is not None and idle(kiosk))


def through_reissue(qtbot, kiosk) -> str:
    w = kiosk.window
    outlets = bview(kiosk).outlets
    assert outlets and all(o.issues_cards for o in outlets)
    code = outlets[-1].code
    w.outlet.chosen.emit(code)
    qtbot.waitUntil(lambda: bview(kiosk).outlet is not None)
    next_to(qtbot, kiosk, w.outlet, "materials")
    next_to(qtbot, kiosk, w.materials, "pickup")
    next_to(qtbot, kiosk, w.pickup, "review")
    next_to(qtbot, kiosk, w.review, "confirm")
    return code


def start_loss_report(qtbot, kiosk) -> None:
    kiosk.window.attract.report_loss_clicked.emit()
    wait_b(qtbot, kiosk, "identify")


def temporary_loss_report(qtbot, kiosk) -> str:
    """Flow 5 without the card up to the printed receipt; returns the voucher number."""
    start_loss_report(qtbot, kiosk)
    identify(qtbot, kiosk)
    kiosk.window.what_happened.chosen.emit("temporary")
    wait_b(qtbot, kiosk, "review")
    next_to(qtbot, kiosk, kiosk.window.review, "confirm")
    confirm(qtbot, kiosk)
    receipt = bview(kiosk).receipt
    assert receipt is not None
    return receipt.voucher_number


def card_status(kiosk, card_number: str) -> CardStatus:
    with read_session(kiosk.engine) as session:
        card = CardRepository(session).get(card_number)
    assert card is not None
    return card.status


def count(kiosk, table: str) -> int:
    with kiosk.engine.connect() as connection:
        return connection.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()


def pdfs(kiosk) -> list[Path]:
    return sorted(kiosk.settings.output_dir.glob("*.pdf"))


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def texts(root: QWidget) -> str:
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        for kind in (QLabel, QLineEdit, QAbstractButton):
            if isinstance(widget, kind):  # unbound: some widgets name an attribute `text`
                found.append(kind.text(widget))
        found.append(widget.accessibleName())
    return "\n".join(found)


def compact(text: str) -> str:
    return "".join(ch for ch in text if ch not in " -\u00a0\u2009")


def holds_personal_data(kiosk, *, image=NORMAL) -> bool:
    shown = texts(kiosk.window)
    personal = (
        mask_name(image.holder.name),
        mask_id_number(image.holder.ssn),
        image.holder.ssn,
        image.holder.name,
    )
    return any(value in shown for value in personal)


# Flow 5: report a loss without the card -------------------------------------------------------


def test_temporary_loss_report_without_the_card(qtbot, kiosk):
    assert kiosk.window.attract.report_loss_button.isVisibleTo(kiosk.window)
    assert card_status(kiosk, CARD) is CardStatus.NORMAL
    start_loss_report(qtbot, kiosk)
    assert bview(kiosk).steps[0].value == "identify"
    identify(qtbot, kiosk)
    assert bview(kiosk).identified.masked_ssn == mask_id_number(SSN)
    kiosk.window.what_happened.chosen.emit("temporary")
    wait_b(qtbot, kiosk, "review")
    next_to(qtbot, kiosk, kiosk.window.review, "confirm")
    assert bview(kiosk).printer is not None and bview(kiosk).printer.ready
    confirm(qtbot, kiosk)

    view = bview(kiosk)
    assert view.receipt.loss_kind is LossReportKind.TEMPORARY
    assert view.print_outcome is PrintOutcome.PRINTED
    assert compact(view.receipt.voucher_number) in compact(texts(kiosk.window.receipt))
    assert card_status(kiosk, CARD) is CardStatus.TEMPORARY_LOSS
    [pdf] = pdfs(kiosk)
    text = pdf_text(pdf)
    assert SSN not in text and mask_id_number(SSN) in text
    assert compact(view.receipt.voucher_number) in compact(text)

    kiosk.window.receipt.done_clicked.emit()
    wait_step(qtbot, kiosk, "attract")
    assert kiosk.controller.business is None
    assert not holds_personal_data(kiosk)


def test_final_loss_report_by_an_agent_gives_a_card_receipt_voucher(qtbot, kiosk):
    start_loss_report(qtbot, kiosk)
    identify(qtbot, kiosk, agent=True, expect="agent")
    assert [s.value for s in bview(kiosk).steps][:3] == ["identify", "agent", "what_happened"]
    kiosk.window.agent.submitted.emit(AGENT_SSN, "李四", "spouse")
    wait_b(qtbot, kiosk, "what_happened")
    kiosk.window.what_happened.chosen.emit("lost")
    wait_b(qtbot, kiosk, "outlet")
    assert "pickup" in [s.value for s in bview(kiosk).steps]
    assert Material.AGENT_ID_CARD in bview(kiosk).materials
    code = through_reissue(qtbot, kiosk)
    confirm(qtbot, kiosk)

    receipt = bview(kiosk).receipt
    assert receipt.reason is ReissueReason.LOST and receipt.loss_kind is LossReportKind.FINAL
    assert receipt.outlet is not None and receipt.outlet.code == code
    assert receipt.pickup is not None and receipt.pickup.working_days == 15
    assert card_status(kiosk, CARD) is CardStatus.LOST
    [pdf] = pdfs(kiosk)
    text = pdf_text(pdf)
    assert SSN not in text and AGENT_SSN not in text and "李四" not in text


def test_wrong_mobiles_lock_the_id_number_across_sessions(qtbot, kiosk):
    # Home between the tries: every try is a new kiosk session, and none gets fresh attempts.
    for left in (4, 3, 2, 1):
        start_loss_report(qtbot, kiosk)
        identify(qtbot, kiosk, mobile=WRONG_MOBILE, expect="identify")
        assert bview(kiosk).identify_error is Refusal.NO_MATCH
        assert bview(kiosk).attempts_left == left
        kiosk.window.header.home_clicked.emit()
        wait_step(qtbot, kiosk, "attract")
    start_loss_report(qtbot, kiosk)
    identify(qtbot, kiosk, mobile=WRONG_MOBILE, expect="refused")
    assert bview(kiosk).refusal is Refusal.ID_LOCKED
    assert bview(kiosk).refusal_until is not None
    assert kiosk.window.refused.what.text()  # says until when, and what to do
    kiosk.window.header.home_clicked.emit()
    wait_step(qtbot, kiosk, "attract")
    start_loss_report(qtbot, kiosk)
    identify(qtbot, kiosk, expect="refused")  # the right mobile, too late
    assert bview(kiosk).refusal is Refusal.ID_LOCKED
    assert count(kiosk, "transactions") == 0
    assert card_status(kiosk, CARD) is CardStatus.NORMAL


# Flow 6: the card is found ------------------------------------------------------------------------


def test_card_found_cancels_the_temporary_loss_report(qtbot, kiosk):
    number = TEMPORARY.issuer.card_number
    assert card_status(kiosk, number) is CardStatus.TEMPORARY_LOSS
    kiosk.backend.insert("temporary-loss")
    wait_step(qtbot, kiosk, "problem")
    assert kiosk.window.problem.problem is CardProblem.TEMPORARY_LOSS
    assert kiosk.window.problem.cancel_loss_button.isVisibleTo(kiosk.window)
    kiosk.window.problem.cancel_loss_clicked.emit()
    wait_step(qtbot, kiosk, "pin")
    kiosk.window.pin.pin_entered.emit(bytearray(PIN.encode()))
    wait_b(qtbot, kiosk, "review")
    assert [s.value for s in bview(kiosk).steps] == ["review", "confirm", "receipt"]
    next_to(qtbot, kiosk, kiosk.window.review, "confirm")
    confirm(qtbot, kiosk)
    assert bview(kiosk).receipt.voucher_number
    assert card_status(kiosk, number) is CardStatus.NORMAL
    assert len(pdfs(kiosk)) == 1
    kiosk.window.receipt.done_clicked.emit()
    wait_step(qtbot, kiosk, "attract")
    assert kiosk.window.attract.take_card_hint
    kiosk.backend.remove()
    qtbot.waitUntil(lambda: not kiosk.window.attract.take_card_hint)


def test_the_card_paths_show_one_step_bar_from_the_pin_to_the_receipt(qtbot, kiosk):
    kiosk.set_language("en")
    w = kiosk.window
    kiosk.backend.insert("temporary-loss")
    wait_step(qtbot, kiosk, "problem")
    w.problem.cancel_loss_clicked.emit()
    wait_step(qtbot, kiosk, "pin")
    cancel = ["Enter PIN", "Review", "Confirm", "Receipt"]
    assert w.pin.step_bar.labels == cancel  # no "Your records" on the way to a cancellation
    assert w.pin.step_bar.current == 0
    w.pin.pin_entered.emit(bytearray(PIN.encode()))
    wait_b(qtbot, kiosk, "review")
    assert w.review.step_bar.labels == cancel and w.review.step_bar.current == 1
    next_to(qtbot, kiosk, w.review, "confirm")
    assert w.confirm.step_bar.labels == cancel and w.confirm.step_bar.current == 2
    kiosk.backend.remove()
    wait_step(qtbot, kiosk, "attract")
    kiosk.backend.insert("normal")
    wait_step(qtbot, kiosk, "summary")
    kiosk.set_language("en")  # the session end went back to the kiosk's Chinese
    w.summary.view_records_clicked.emit()
    wait_step(qtbot, kiosk, "pin")
    assert w.pin.step_bar.labels == ["Your card", "Enter PIN", "Your records"]
    w.header.back_clicked.emit()
    wait_step(qtbot, kiosk, "summary")
    w.summary.replace_clicked.emit()
    wait_step(qtbot, kiosk, "pin")
    assert w.pin.step_bar.labels == ["Enter PIN", "Your request", "Review", "Confirm", "Voucher"]


def test_back_from_the_card_business_returns_to_the_problem(qtbot, kiosk):
    kiosk.backend.insert("temporary-loss")
    wait_step(qtbot, kiosk, "problem")
    kiosk.window.problem.cancel_loss_clicked.emit()
    wait_step(qtbot, kiosk, "pin")
    kiosk.window.pin.pin_entered.emit(bytearray(PIN.encode()))
    wait_b(qtbot, kiosk, "review")
    kiosk.window.header.back_clicked.emit()
    wait_step(qtbot, kiosk, "problem")
    assert kiosk.controller.business is None
    assert kiosk.window.current is kiosk.window.problem


# Flow 7 from the summary: a damaged card --------------------------------------------------------


def test_replace_a_damaged_card_from_the_summary(qtbot, kiosk):
    kiosk.backend.insert("normal")
    wait_step(qtbot, kiosk, "summary")
    kiosk.window.summary.replace_clicked.emit()
    wait_step(qtbot, kiosk, "pin")
    kiosk.window.pin.pin_entered.emit(bytearray(PIN.encode()))
    wait_b(qtbot, kiosk, "outlet")
    assert bview(kiosk).identified.by_card
    assert bview(kiosk).steps[0].value == "outlet"
    through_reissue(qtbot, kiosk)
    confirm(qtbot, kiosk)
    receipt = bview(kiosk).receipt
    assert receipt.reason is ReissueReason.DAMAGED and receipt.loss_kind is None
    assert count(kiosk, "reissue_applications") == 1
    assert len(pdfs(kiosk)) == 1
    kiosk.backend.remove()
    wait_step(qtbot, kiosk, "attract")


# Flow 8: voucher lookup -----------------------------------------------------------------------


def test_voucher_lookup_by_code_and_by_person_with_one_reprint(qtbot, kiosk):
    number = temporary_loss_report(qtbot, kiosk)
    code = bview(kiosk).receipt.qr_payload
    kiosk.window.header.home_clicked.emit()
    wait_step(qtbot, kiosk, "attract")
    assert len(pdfs(kiosk)) == 1

    kiosk.window.attract.voucher_lookup_clicked.emit()
    wait_b(qtbot, kiosk, "lookup")
    kiosk.window.lookup.by_code.emit(number)  # the number alone is not a proof
    wait_b(qtbot, kiosk, "lookup")
    assert bview(kiosk).lookup_error is Refusal.VOUCHER_CODE_INVALID
    kiosk.window.lookup.by_code.emit(code)
    wait_b(qtbot, kiosk, "lookup_result")
    [found] = bview(kiosk).lookup_results
    assert found.voucher_number == number and found.self_reprint_available
    kiosk.window.lookup_result.reprint.emit(number)
    qtbot.waitUntil(lambda: bview(kiosk).reprint_outcome is not None and idle(kiosk))
    assert bview(kiosk).reprint_outcome is PrintOutcome.PRINTED
    assert len(pdfs(kiosk)) == 2
    kiosk.window.lookup_result.reprint.emit(number)  # only once at the kiosk
    wait_b(qtbot, kiosk, "refused")
    assert bview(kiosk).refusal is Refusal.REPRINT_USED
    kiosk.window.refused.done_clicked.emit()
    wait_step(qtbot, kiosk, "attract")

    kiosk.window.attract.voucher_lookup_clicked.emit()
    wait_b(qtbot, kiosk, "lookup")
    kiosk.window.lookup.by_person.emit(SSN, MOBILE)
    wait_b(qtbot, kiosk, "lookup_result")
    [found] = bview(kiosk).lookup_results
    assert found.voucher_number == number and not found.self_reprint_available
    kiosk.window.lookup_result.reprint.emit(number)  # the service says no, too
    wait_b(qtbot, kiosk, "refused")
    assert bview(kiosk).refusal is Refusal.REPRINT_USED
    assert len(pdfs(kiosk)) == 2


def test_a_scanned_code_that_is_not_a_voucher_is_told_inline(qtbot, kiosk):
    kiosk.window.attract.voucher_lookup_clicked.emit()
    wait_b(qtbot, kiosk, "lookup")
    kiosk.window.lookup.by_code.emit("SSK1:DEMO01-20260101-000001-X:" + "A" * 26)
    wait_b(qtbot, kiosk, "lookup")
    assert bview(kiosk).lookup_error is Refusal.VOUCHER_CODE_INVALID
    assert kiosk.window.lookup.scan_state.property("tone") == "error"


# R4, R1, S3, R6 ----------------------------------------------------------------------------


def test_a_double_tap_on_confirm_records_one_transaction(qtbot, kiosk):
    start_loss_report(qtbot, kiosk)
    identify(qtbot, kiosk)
    kiosk.window.what_happened.chosen.emit("temporary")
    wait_b(qtbot, kiosk, "review")
    next_to(qtbot, kiosk, kiosk.window.review, "confirm")
    kiosk.window.confirm.confirmed.emit()
    kiosk.window.confirm.confirmed.emit()
    wait_b(qtbot, kiosk, "receipt")
    kiosk.window.confirm.confirmed.emit()  # a late third tap after the receipt
    qtbot.waitUntil(lambda: idle(kiosk))
    assert count(kiosk, "transactions") == 1
    assert count(kiosk, "loss_reports") == 1
    assert count(kiosk, "vouchers") == 1
    assert len(pdfs(kiosk)) == 1


def test_card_pulled_mid_wizard_goes_to_attract_and_writes_nothing(qtbot, kiosk):
    kiosk.backend.insert("normal")
    wait_step(qtbot, kiosk, "summary")
    kiosk.window.summary.replace_clicked.emit()
    wait_step(qtbot, kiosk, "pin")
    kiosk.window.pin.pin_entered.emit(bytearray(PIN.encode()))
    wait_b(qtbot, kiosk, "outlet")
    kiosk.window.outlet.chosen.emit(bview(kiosk).outlets[0].code)
    next_to(qtbot, kiosk, kiosk.window.outlet, "materials")
    assert holds_personal_data(kiosk)  # the masked cardholder on the business screens
    kiosk.backend.remove()
    wait_step(qtbot, kiosk, "attract")
    assert kiosk.window.current is kiosk.window.attract
    assert kiosk.controller.business is None
    assert not kiosk.controller.session.active
    assert not holds_personal_data(kiosk)
    assert count(kiosk, "transactions") == 0
    assert card_status(kiosk, CARD) is CardStatus.NORMAL
    assert pdfs(kiosk) == []


def test_card_pulled_during_the_submit_leaves_one_transaction_and_attract(qtbot, kiosk):
    kiosk.backend.insert("normal")
    wait_step(qtbot, kiosk, "summary")
    kiosk.window.summary.replace_clicked.emit()
    wait_step(qtbot, kiosk, "pin")
    kiosk.window.pin.pin_entered.emit(bytearray(PIN.encode()))
    wait_b(qtbot, kiosk, "outlet")
    through_reissue(qtbot, kiosk)
    kiosk.window.confirm.confirmed.emit()
    kiosk.backend.remove()
    wait_step(qtbot, kiosk, "attract")
    assert kiosk.controller.business is None
    assert count(kiosk, "transactions") == 1  # the submit already running finished
    assert not holds_personal_data(kiosk)


def test_a_card_inserted_during_a_cardless_flow_is_ignored_until_home(qtbot, kiosk):
    start_loss_report(qtbot, kiosk)
    kiosk.backend.insert("normal")
    qtbot.waitUntil(lambda: idle(kiosk))
    assert bstep(kiosk) == "identify"
    assert kiosk.controller.flow.view.step.value == "business"
    kiosk.window.header.home_clicked.emit()
    wait_step(qtbot, kiosk, "attract")
    assert kiosk.window.attract.take_card_hint
    kiosk.backend.remove()
    qtbot.waitUntil(lambda: not kiosk.window.attract.take_card_hint)
    kiosk.backend.insert("normal")
    wait_step(qtbot, kiosk, "summary")


def test_idle_timeout_mid_wizard_wipes_every_screen(qtbot, kiosk):
    start_loss_report(qtbot, kiosk)
    identify(qtbot, kiosk)
    kiosk.window.what_happened.chosen.emit("lost")
    wait_b(qtbot, kiosk, "outlet")
    assert holds_personal_data(kiosk)
    clock = kiosk.controller.clock
    clock.now += 61
    kiosk.controller.check_idle()
    assert kiosk.window.idle.isVisible()
    clock.now += 15
    kiosk.controller.check_idle()
    wait_step(qtbot, kiosk, "attract")
    assert kiosk.controller.business is None
    assert kiosk.window.current is kiosk.window.attract
    assert not holds_personal_data(kiosk)
    for screen in kiosk.window.business_screens.values():
        shown = texts(screen)
        assert mask_name(NORMAL.holder.name) not in shown, screen.name
    assert count(kiosk, "transactions") == 0


def test_typed_details_are_wiped_at_idle_timeout(qtbot, kiosk):
    """Through the identify screen's own fields and button: a wrong mobile is typed, refused
    inline, and the idle timeout wipes what was typed (S3)."""
    from PySide6.QtCore import Qt

    start_loss_report(qtbot, kiosk)
    screen = kiosk.window.identify
    screen.id_field.set_text(SSN)
    screen.mobile_field.set_text(WRONG_MOBILE)
    qtbot.waitUntil(screen.next_button.isEnabled)
    qtbot.mouseClick(screen.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bview(kiosk).identify_error is Refusal.NO_MATCH and idle(kiosk))
    assert bview(kiosk).attempts_left == 4
    assert screen.id_field.text == SSN  # still there to correct the mobile
    clock = kiosk.controller.clock
    clock.now += 60 + 15 + 1
    kiosk.controller.check_idle()
    wait_step(qtbot, kiosk, "attract")
    assert screen.id_field.text == "" and screen.mobile_field.text == ""
    assert SSN not in texts(kiosk.window) and WRONG_MOBILE not in texts(kiosk.window)
    kiosk.window.attract.report_loss_clicked.emit()  # a new kiosk session: a clean screen
    wait_b(qtbot, kiosk, "identify")
    assert bview(kiosk).attempts_left is None and bview(kiosk).identify_error is None


def test_back_walks_the_wizard_and_leaves_it_at_the_first_step(qtbot, kiosk):
    start_loss_report(qtbot, kiosk)
    identify(qtbot, kiosk)
    kiosk.window.what_happened.chosen.emit("temporary")
    wait_b(qtbot, kiosk, "review")
    assert kiosk.window.header.back_button.isVisibleTo(kiosk.window)
    for expect in ("what_happened", "identify"):
        kiosk.window.header.back_clicked.emit()
        wait_b(qtbot, kiosk, expect)
    kiosk.window.header.back_clicked.emit()
    wait_step(qtbot, kiosk, "attract")


def test_printer_failure_after_the_commit_shows_the_number_and_a_reprint_works(qtbot, make_kiosk):
    printer = FakePrinter(Fault.FAIL_MID_JOB)
    kiosk = make_kiosk(printer)
    try:
        start_loss_report(qtbot, kiosk)
        identify(qtbot, kiosk)
        kiosk.window.what_happened.chosen.emit("temporary")
        wait_b(qtbot, kiosk, "review")
        next_to(qtbot, kiosk, kiosk.window.review, "confirm")
        assert not bview(kiosk).printer.ready  # the warning before the final confirm
        confirm(qtbot, kiosk)
        view = bview(kiosk)
        assert view.print_outcome is not PrintOutcome.PRINTED
        assert printer.jobs == [] and len(printer.partial) == 1
        assert compact(view.receipt.voucher_number) in compact(texts(kiosk.window.receipt))
        assert view.receipt.qr_payload.startswith("SSK2:")
        assert count(kiosk, "transactions") == 1  # the transaction stands
        assert card_status(kiosk, CARD) is CardStatus.TEMPORARY_LOSS
        number, code = view.receipt.voucher_number, view.receipt.qr_payload

        kiosk.window.receipt.done_clicked.emit()
        wait_step(qtbot, kiosk, "attract")
        printer.fault = Fault.NONE  # repaired
        kiosk.window.attract.voucher_lookup_clicked.emit()
        wait_b(qtbot, kiosk, "lookup")
        kiosk.window.lookup.by_code.emit(code)  # the code the receipt screen showed
        wait_b(qtbot, kiosk, "lookup_result")
        kiosk.window.lookup_result.reprint.emit(number)
        qtbot.waitUntil(lambda: bview(kiosk).reprint_outcome is not None and idle(kiosk))
        assert bview(kiosk).reprint_outcome is PrintOutcome.PRINTED
        assert len(printer.jobs) == 1
    finally:
        kiosk.close()


def test_the_status_strip_shows_the_printer(qtbot, make_kiosk):
    printer = FakePrinter(Fault.NO_PAPER)
    kiosk = make_kiosk(printer)
    try:
        strip = kiosk.window.attract.status_strip
        qtbot.waitUntil(lambda: strip.printer.ok is False)
        assert strip.printer.isVisibleTo(kiosk.window)
        assert strip.printer.word == "paper_out"
    finally:
        kiosk.close()


def test_the_status_strip_shows_the_reader_as_the_diagnostics_see_it(qtbot, make_kiosk):
    """The reader's light comes from the same DeviceStatus as the Readers page: unplugged is
    "not connected", a card in or not is ready."""
    kiosk = make_kiosk()
    try:
        strip = kiosk.window.attract.status_strip
        qtbot.waitUntil(lambda: strip.reader.ok is True)
        (reader,) = [info.name for info in kiosk.backend.readers()]
        kiosk.backend.unplug(reader)
        qtbot.waitUntil(lambda: strip.reader.ok is False)
        assert strip.reader.word == "not_found"
        kiosk.backend.plug(reader)
        qtbot.waitUntil(lambda: strip.reader.ok is True)
        assert strip.reader.word == ""
    finally:
        kiosk.close()

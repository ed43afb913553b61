"""S1: a card session with canary values (name, ID number, card number, PIN) through the whole
kiosk, wrong PIN and right PIN included; then nothing the kiosk logged, in its log file or
through any logger, holds any of them. The database is the one place allowed to: it is the
cardholder record itself."""

from __future__ import annotations

import json
import logging

import pytest

from drivers.simcard.card import SimCard
from drivers.simcard.image import cards_dir, image_from_dict
from kiosk.app import build_kiosk
from kiosk.config import load_settings
from kiosk.demo.seed import seed_demo
from kiosk.domain.ids import card_check_char, id_check_char
from kiosk.logs import setup_logging

SSN17 = "11010819770707931"
CANARY_SSN = SSN17 + id_check_char(SSN17)
CANARY_CARD = "Q7733991" + card_check_char("Q7733991")
CANARY_NAME = "金丝雀"
CANARY_PIN = "864209"
WRONG_PIN = "975310"


@pytest.fixture
def canary_cards(tmp_path):
    image = json.loads((cards_dir() / "normal.json").read_text(encoding="utf-8"))
    image["id"] = "canary"
    image["pin"] = CANARY_PIN
    image["photo"] = None
    image["holder"].update(
        ssn=CANARY_SSN, name=CANARY_NAME, gender="1", birth_date="1977-07-07", birthplace="110108"
    )
    image["issuer"]["card_number"] = CANARY_CARD
    image["issuer"]["card_id_code"] = "110108D156000005C0FFEE0012345678"
    image["backend"]["mobile"] = "13900000000"
    folder = tmp_path / "cards"
    folder.mkdir()
    (folder / "canary.json").write_text(json.dumps(image, ensure_ascii=False), encoding="utf-8")
    return folder, image_from_dict(image, base_dir=folder)


def test_no_personal_value_reaches_any_log(qapp, qtbot, tmp_path, canary_cards, caplog):
    folder, image = canary_cards
    log_dir = tmp_path / "log"
    log_file = setup_logging(log_dir, level=logging.DEBUG)
    caplog.set_level(logging.DEBUG)
    settings = load_settings(
        demo=True, environ={}, data_dir=tmp_path / "data", log_dir=log_dir, idcard_reader="none"
    )
    kiosk = build_kiosk(settings, qapp, seed=seed_demo)
    try:
        seed_demo(kiosk.engine, folder)
        flow = kiosk.controller.flow

        def at(step: str) -> None:
            qtbot.waitUntil(
                lambda: flow.view.step.value == step and kiosk.controller.worker.pending == 0,
                timeout=5000,
            )

        kiosk.backend.insert(SimCard(image))
        at("summary")
        kiosk.window.summary.view_records_clicked.emit()
        at("pin")
        kiosk.window.pin.pin_entered.emit(bytearray(WRONG_PIN.encode()))
        qtbot.waitUntil(lambda: flow.view.after_wrong_pin, timeout=5000)
        kiosk.window.pin.pin_entered.emit(bytearray(CANARY_PIN.encode()))
        at("records")
        assert flow.view.records is not None and flow.view.records.ssn == CANARY_SSN
        kiosk.backend.remove()
        at("attract")
    finally:
        kiosk.close()
        for handler in logging.getLogger().handlers:
            handler.flush()

    canaries = (CANARY_SSN, CANARY_CARD, CANARY_NAME, CANARY_PIN, WRONG_PIN)
    written = [path for path in log_dir.rglob("*") if path.is_file()]
    assert log_file in written and log_file.stat().st_size > 0
    for path in written:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "card.read" in text or path != log_file  # the session was logged...
        for canary in canaries:
            assert canary not in text, f"{path.name} holds a personal value"  # ...but nothing of it
    for record in caplog.records:
        message = record.getMessage() + (record.exc_text or "")
        for canary in canaries:
            assert canary not in message, f"log record {record.name} holds a personal value"
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "baseFilename", None)]:
        root.removeHandler(handler)
        handler.close()


CANARY_MOBILE = "13900000000"  # the canary's registered mobile (see canary_cards)
AGENT_SSN17 = "11010819800808123"
CANARY_AGENT_SSN = AGENT_SSN17 + id_check_char(AGENT_SSN17)
CANARY_AGENT_NAME = "画眉鸟"


def test_business_flows_leave_no_personal_value_in_any_file(
    qapp, qtbot, tmp_path, canary_cards, caplog
):
    """Flows 5 and 8 without a card, with a canary ID number, mobile, name and agent: the
    logs hold none of them, and the printed PDFs only their masked forms (S1, S2)."""
    import subprocess

    from kiosk.domain.masking import mask_id_number

    folder, _image = canary_cards
    log_dir = tmp_path / "log"
    log_file = setup_logging(log_dir, level=logging.DEBUG)
    caplog.set_level(logging.DEBUG)
    data_dir = tmp_path / "data"
    # Typed, as without an ID card reader: the canary's ID number goes through the fields.
    settings = load_settings(
        demo=True, environ={}, data_dir=data_dir, log_dir=log_dir, idcard_reader="none"
    )
    kiosk = build_kiosk(settings, qapp, seed=seed_demo)
    try:
        seed_demo(kiosk.engine, folder)
        w, controller = kiosk.window, kiosk.controller

        def at(step: str) -> None:
            qtbot.waitUntil(
                lambda: (
                    controller.business is not None
                    and controller.business.view.step.value == step
                    and controller.worker.pending == 0
                ),
                timeout=10_000,
            )

        def view():
            assert controller.business is not None
            return controller.business.view

        w.attract.report_loss_clicked.emit()
        at("identify")
        w.identify.submitted.emit(CANARY_SSN, "13900000009", True)  # a wrong mobile first
        qtbot.waitUntil(lambda: view().identify_error is not None and not view().busy)
        w.identify.submitted.emit(CANARY_SSN, CANARY_MOBILE, True)
        at("agent")
        w.agent.submitted.emit(CANARY_AGENT_SSN, CANARY_AGENT_NAME, "spouse")
        at("what_happened")
        w.what_happened.chosen.emit("temporary")
        at("review")
        w.review.next_clicked.emit()
        at("confirm")
        w.confirm.confirmed.emit()
        at("receipt")
        qtbot.waitUntil(lambda: view().print_outcome is not None and controller.worker.pending == 0)
        number, code = view().receipt.voucher_number, view().receipt.qr_payload
        w.receipt.done_clicked.emit()
        qtbot.waitUntil(lambda: controller.business is None)

        w.attract.voucher_lookup_clicked.emit()
        at("lookup")
        w.lookup.by_person.emit(CANARY_SSN, CANARY_MOBILE)
        at("lookup_result")
        w.header.back_clicked.emit()
        at("lookup")
        w.lookup.by_code.emit(code)
        at("lookup_result")
        w.lookup_result.reprint.emit(number)
        qtbot.waitUntil(
            lambda: view().reprint_outcome is not None and controller.worker.pending == 0
        )
        w.header.home_clicked.emit()
        qtbot.waitUntil(lambda: controller.business is None)
    finally:
        kiosk.close()
        for handler in logging.getLogger().handlers:
            handler.flush()

    canaries = (
        CANARY_SSN,
        CANARY_CARD,
        CANARY_NAME,
        CANARY_MOBILE,
        CANARY_AGENT_SSN,
        CANARY_AGENT_NAME,
    )
    database = {p for p in data_dir.glob("kiosk.db*")}  # the record itself: allowed to hold them
    written = [p for p in [*log_dir.rglob("*"), *data_dir.rglob("*")] if p.is_file()]
    assert log_file in written and "business.start" in log_file.read_text(encoding="utf-8")
    printed = [p for p in written if p.suffix == ".pdf"]
    assert len(printed) == 2  # the receipt and its reprint
    for path in written:
        if path in database:
            continue
        if path.suffix == ".pdf":
            done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
            text = done.stdout.decode("utf-8")
            assert mask_id_number(CANARY_SSN) in text  # the masked form is printed...
        else:
            text = path.read_bytes().decode("utf-8", errors="replace")
        for canary in canaries:  # ...the full values never
            assert canary not in text, f"{path.name} holds a personal value"
    for record in caplog.records:
        message = record.getMessage() + (record.exc_text or "")
        for canary in canaries:
            assert canary not in message, f"log record {record.name} holds a personal value"
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "baseFilename", None)]:
        root.removeHandler(handler)
        handler.close()

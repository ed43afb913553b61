"""The diagnostics bundle's canary test (issue 13, QUALITY.md S1): a card with canary values (a
name, ID number, card number, mobile and PIN that appear nowhere else) goes through a citizen
session on the demo kiosk (card read, a wrong PIN and the right one, the records; then a loss
report by ID number and mobile, with a printed receipt), is read again in diagnostics (the card
test, added through the bundle's hook as the merge will add it), and then the bundle is made
as `kiosk diag bundle` makes it. Every file in it is searched for each canary, for the demo PIN,
and for the kiosk's key files' contents: none may be there."""

from __future__ import annotations

import json
import logging
import tarfile
from pathlib import Path

import pytest

from drivers.readers.mock import MockReaderBackend
from drivers.simcard.card import SimCard
from drivers.simcard.image import cards_dir, image_from_dict
from kiosk.app import build_kiosk
from kiosk.card.read import read_card
from kiosk.config import load_settings
from kiosk.demo.seed import seed_demo
from kiosk.diag_setup import collect_bundle, record_bundle
from kiosk.domain.ids import card_check_char, id_check_char
from kiosk.domain.masking import mask_id_number
from kiosk.logs import setup_logging
from kiosk.services.bundle import Bundle
from kiosk.services.card_reading import run_card_job, wait_for_card
from kiosk.services.diagnostics import card_report
from kiosk.services.technician_audit import Actor

SSN17 = "32058219830419157"
CANARY_SSN = SSN17 + id_check_char(SSN17)
CANARY_CARD = "W4719263" + card_check_char("W4719263")
CANARY_NAME = "欧阳翠鸟"
CANARY_MOBILE = "13757291846"
CANARY_ID_CODE = "320582D1560000057E1A9B3C4D5E6F70"  # the card identification code
CANARY_PIN = "730518"
WRONG_PIN = "591374"
DEMO_PIN = "123456"  # the demo cards' PIN (assets/cards)


@pytest.fixture
def canary(tmp_path: Path) -> tuple[Path, dict]:
    image = json.loads((cards_dir() / "normal.json").read_text(encoding="utf-8"))
    image["id"] = "bundle-canary"
    image["pin"] = CANARY_PIN
    image["photo"] = None
    image["holder"].update(
        ssn=CANARY_SSN, name=CANARY_NAME, gender="1", birth_date="1983-04-19", birthplace="320582"
    )
    image["issuer"].update(card_number=CANARY_CARD, card_id_code=CANARY_ID_CODE)
    image["backend"]["mobile"] = CANARY_MOBILE
    folder = tmp_path / "cards"
    folder.mkdir()
    (folder / "canary.json").write_text(json.dumps(image, ensure_ascii=False), encoding="utf-8")
    return folder, image


def session_and_loss_report(kiosk, qtbot, folder: Path, image: dict) -> None:  # type: ignore[no-untyped-def]
    seed_demo(kiosk.engine, folder)
    w, controller = kiosk.window, kiosk.controller
    flow = controller.flow

    def at(step: str) -> None:
        qtbot.waitUntil(
            lambda: flow.view.step.value == step and controller.worker.pending == 0, timeout=5000
        )

    kiosk.backend.insert(SimCard(image_from_dict(image, base_dir=folder)))
    at("summary")
    w.summary.view_records_clicked.emit()
    at("pin")
    w.pin.pin_entered.emit(bytearray(WRONG_PIN.encode()))
    qtbot.waitUntil(lambda: flow.view.after_wrong_pin, timeout=5000)
    w.pin.pin_entered.emit(bytearray(CANARY_PIN.encode()))
    at("records")
    assert flow.view.records is not None and flow.view.records.ssn == CANARY_SSN
    kiosk.backend.remove()
    at("attract")

    def business_at(step: str) -> None:
        qtbot.waitUntil(
            lambda: (
                controller.business is not None
                and controller.business.view.step.value == step
                and controller.worker.pending == 0
            ),
            timeout=10_000,
        )

    w.attract.report_loss_clicked.emit()
    business_at("identify")
    w.identify.submitted.emit(CANARY_SSN, CANARY_MOBILE, False)  # the cardholder, no agent
    business_at("what_happened")
    w.what_happened.chosen.emit("temporary")
    business_at("review")
    w.review.next_clicked.emit()
    business_at("confirm")
    w.confirm.confirmed.emit()
    business_at("receipt")
    qtbot.waitUntil(
        lambda: (
            controller.business.view.print_outcome is not None and controller.worker.pending == 0
        )
    )
    w.receipt.done_clicked.emit()
    qtbot.waitUntil(lambda: controller.business is None)


def diagnostic_card_test(folder: Path, image: dict) -> dict:
    """The card read again as `kiosk diag read` reads it: masked (no --full)."""
    backend = MockReaderBackend()
    backend.start()
    try:
        backend.insert(SimCard(image_from_dict(image, base_dir=folder)))
        info = wait_for_card(backend, None, 2.0)
        report = card_report(run_card_job(backend, info.name, read_card), full=False)
    finally:
        backend.stop()
    assert report["holder"]["ssn"] == mask_id_number(CANARY_SSN)
    return report


def key_texts(data_dir: Path) -> list[str]:
    """Every key file of the kiosk, as the file holds it and as its bare hexadecimal digits."""
    found = []
    for path in data_dir.glob("*.key"):
        text = path.read_text(encoding="ascii").strip()
        found += [text, text.rpartition(":")[2]]
    return found


def test_a_bundle_after_a_canary_session_holds_none_of_it(
    qapp, qtbot, tmp_path: Path, canary: tuple[Path, dict]
) -> None:
    folder, image = canary
    log_dir, data_dir = tmp_path / "log", tmp_path / "data"
    setup_logging(log_dir, level=logging.DEBUG)
    settings = load_settings(
        demo=True, environ={}, data_dir=data_dir, log_dir=log_dir, idcard_reader="none"
    )
    kiosk = build_kiosk(settings, qapp, seed=seed_demo)
    try:
        session_and_loss_report(kiosk, qtbot, folder, image)
    finally:
        kiosk.close()
        for handler in logging.getLogger().handlers:
            handler.flush()
    card_test = diagnostic_card_test(folder, image)
    # A careless log line of some future module: the bundle's redaction masks what has a shape
    # (a name has none: the kiosk never logs one, test_privacy_canary.py holds it to that).
    keys = key_texts(data_dir)
    with (log_dir / "kiosk.log").open("a", encoding="utf-8") as log:
        log.write(
            f"2026-11-22 10:00:00,000 WARNING careless ssn={CANARY_SSN} card={CANARY_CARD} "
            f"mobile={CANARY_MOBILE} code={CANARY_ID_CODE} key={keys[-1]}\n"
        )

    def add_card_test(bundle: Bundle) -> None:  # the hook, as the merge will use it
        bundle.add_json("card-test.json", card_test)

    out = tmp_path / "stick"
    out.mkdir()
    try:
        written = collect_bundle(settings, contributors=[add_card_test]).write(out)
        assert record_bundle(settings, written, Actor("li.wei")) is None
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "baseFilename", None)]:
            root.removeHandler(handler)
            handler.close()

    assert len(keys) >= 4  # the audit key and the voucher keys were made and are searched for
    canaries = [CANARY_SSN, CANARY_CARD, CANARY_NAME, CANARY_MOBILE, CANARY_ID_CODE]
    canaries += [CANARY_PIN, WRONG_PIN, DEMO_PIN, *keys]
    files: dict[str, str] = {}
    with tarfile.open(written.path) as tar:
        for member in tar.getmembers():
            data = tar.extractfile(member)
            assert data is not None
            files[Path(member.name).name] = data.read().decode("utf-8")
    assert {"card-test.json", "kiosk-log-tail.txt", "devices.json", "database.json"} <= set(files)
    for name, text in files.items():
        for value in canaries:
            assert value not in text, f"{name} holds a canary value"
            assert value.lower() not in text.lower(), f"{name} holds a canary value"
    # ...and it is not empty of what a technician needs: the session is in the log, the receipt
    # in the printer's last files, the masked card test in its own document.
    assert "card.read" in files["kiosk-log-tail.txt"]
    assert f"careless ssn={mask_id_number(CANARY_SSN)} card=W4*****" in files["kiosk-log-tail.txt"]
    assert json.loads(files["devices.json"])["printer"]["pdf"]["files"]
    assert json.loads(files["card-test.json"])["holder"]["ssn"] == mask_id_number(CANARY_SSN)
    assert json.loads(files["database.json"])["check_ok"] is True

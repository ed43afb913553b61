"""`kiosk diag atr`, `diag read --timings` and `diag apdu` through the real entry point against
a simulated card in this session's private pcscd (vpcd): what a technician on SSH runs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_helpers import kiosk, one_line, private_env

from drivers.simcard.card import SimCard
from drivers.simcard.image import load_image
from kiosk import exit_codes

SELECT_SSSE = "00 A4 04 00 0F 7378312E73682EC9E7BBE1B1A3D5CF"
NORMAL = load_image("normal")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return private_env(tmp_path / "home")  # PCSCLITE_CSOCK_NAME comes along (conftest.py)


def kiosk_log(env: dict[str, str]) -> str:
    found = list(Path(env["XDG_STATE_HOME"]).rglob("kiosk.log"))
    return "".join(path.read_text() for path in found)


def test_atr_of_the_inserted_card(virtual_card, env) -> None:
    virtual_card("normal")
    done = kiosk("diag", "atr", "--json", env=env)
    assert done.returncode == exit_codes.OK, done.stderr
    report = json.loads(done.stdout)
    assert report["reader"]["name"] == "Virtual PCD 00 00"
    assert report["atr"]["raw"] == NORMAL.atr.hex().upper() and report["atr"]["recognised"]
    text = kiosk("diag", "atr", env=env).stdout
    assert "social security card" in text and "9,600 bit/s" in text


def test_card_test_with_timings(virtual_card, env) -> None:
    virtual_card("normal")
    done = kiosk("diag", "read", "--timings", "--json", env=env)
    assert done.returncode == exit_codes.OK, done.stderr
    report = json.loads(done.stdout)
    assert report["timings"]["total"]["apdus"] == 19 and report["problem"] is None
    assert report["holder"]["ssn"] == "1101**********0173"
    assert NORMAL.holder.ssn not in done.stdout and NORMAL.holder.name not in done.stdout
    text = kiosk("diag", "read", "--timings", env=env).stdout
    assert re.search(r"READ RECORD 7 of EF05 \(card number\) +00 B2 07 2C 0B +9000", text)
    assert "Total    19 APDUs" in text and "Photo    EF08" in text


def test_card_test_of_an_unreadable_card_lists_the_apdus_and_exits_1(virtual_card, env) -> None:
    virtual_card("unreadable")
    done = kiosk("diag", "read", "--timings", env=env)
    assert done.returncode == exit_codes.FAILED, done.stderr
    assert "SELECT SSSE" in done.stdout and "failed the test" in done.stdout


def test_console_reads_with_masked_answers_unless_full(virtual_card, env) -> None:
    virtual_card("normal")
    done = kiosk("diag", "apdu", SELECT_SSSE, "00B2013414", env=env)  # the ID number's record
    assert done.returncode == exit_codes.OK, done.stderr
    assert "< 6115  done, 21 bytes waiting" in done.stdout
    assert NORMAL.holder.ssn.encode().hex(" ").upper() not in done.stdout
    assert "--full shows it" in done.stdout
    full = kiosk("diag", "apdu", SELECT_SSSE, "00B2013414", "--full", "--json", env=env)
    record = json.loads(full.stdout)["exchanges"][1]
    assert bytes.fromhex(record["data"])[2:].decode() == NORMAL.holder.ssn


def test_console_refuses_a_verify_without_allow_write_and_sends_nothing(virtual_card, env) -> None:
    card = SimCard(NORMAL)
    virtual_card(card=card)
    sent_before = card.apdu_count
    done = kiosk("diag", "apdu", SELECT_SSSE, "00 20 00 00 03 65 43 21", env=env)
    assert done.returncode == exit_codes.USAGE
    line = one_line(done)
    assert "APDU 2: VERIFY (00 20 00 00) spends a PIN try" in line and "--allow-write" in line
    assert "65 43 21" not in line and "654321" not in line
    assert card.apdu_count == sent_before and card.tries_left == NORMAL.pin_tries_left


def test_console_sends_a_verify_from_stdin_with_allow_write_and_never_shows_the_pin(
    virtual_card, env
) -> None:
    card = SimCard(NORMAL)
    virtual_card(card=card)
    pin_lines = "# a wrong PIN, on purpose\n00 20 00 00 03 65 43 21\n00200000\n"
    done = kiosk("diag", "apdu", "-", "--allow-write", env=env, stdin=pin_lines)
    assert done.returncode == exit_codes.OK, done.stderr
    assert "> 00 20 00 00 03 ******    [VERIFY]" in done.stdout
    assert "PIN tries left" in done.stdout
    assert card.tries_left == NORMAL.pin_tries_left - 1  # it was sent
    log = kiosk_log(env)
    assert "diag.apdu_write_allowed" in log and "card.console_apdu name='VERIFY'" in log
    for text in (done.stdout, done.stderr, log):
        assert "65 43 21" not in text and "654321" not in text

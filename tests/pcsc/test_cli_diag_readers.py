"""`kiosk diag readers` through the real entry point, against this session's private pcscd: each
reader in the device vocabulary with its driver, the card in one, the reader the settings name
marked as the kiosk's, pcscd running with its version; pcscd stopped is said and exits 3; a
kiosk set to the simulated reader is told apart from the machine's PC/SC readers."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from cli_helpers import kiosk, private_env

from drivers.simcard.pcscd import PcscdProcess
from drivers.simcard.vpcd import VirtualCardClient
from kiosk import exit_codes

InsertCard = Callable[..., VirtualCardClient]  # the virtual_card fixture (conftest.py)
HOLDING, EMPTY = "Virtual PCD 00 00", "Virtual PCD 00 01"


def test_each_reader_in_the_device_vocabulary(virtual_card: InsertCard, tmp_path: Path) -> None:
    card = virtual_card("normal")
    env = private_env(tmp_path, KIOSK_READER="pcsc", KIOSK_READER_NAME=HOLDING)
    done = kiosk("diag", "readers", "--json", env=env)
    assert done.returncode == exit_codes.OK, done.stderr
    doc = json.loads(done.stdout)
    assert doc["service"]["kind"] == "pcscd" and doc["service"]["running"] is True
    assert doc["service"]["version"]  # pcsc-lite's, from `pcscd --version` or the package
    rows = {row["name"]: row for row in doc["readers"]}
    assert set(rows) == {HOLDING, EMPTY}
    holding, empty = rows[HOLDING], rows[EMPTY]
    assert (holding["state"], holding["driver"], holding["kiosk_uses"]) == (
        "card_present",
        "pcsc",
        True,
    )
    assert holding["device"]["state"] == "online" and holding["device"]["media"] == "card_present"
    assert holding["device"]["since"] is None  # one look: nobody watched it change
    assert empty["device"]["media"] == "card_absent" and empty["kiosk_uses"] is False
    assert doc["kiosk_reader"]["name"] == HOLDING and doc["kiosk_reader"]["error"] == ""
    assert doc["configured"] == {"reader": "pcsc", "reader_name": HOLDING, "problem": None}
    assert card.apdus_received == 0  # listed, never read

    text = kiosk("diag", "readers", env=env)
    assert text.returncode == exit_codes.OK and "Traceback" not in text.stderr
    lines = text.stdout.splitlines()
    assert lines[0].startswith("pcscd: running, version ")
    assert f"{HOLDING}  [pcsc]  online, card present  ATR " in text.stdout
    assert next(line for line in lines if line.startswith(HOLDING)).endswith("(the kiosk's reader)")
    assert f"{EMPTY}  [pcsc]  online, card absent" in lines


def test_a_configured_reader_not_there_is_named(pcscd: PcscdProcess, tmp_path: Path) -> None:
    env = private_env(tmp_path, KIOSK_READER="pcsc", KIOSK_READER_NAME="ACS ACR39U 00 00")
    done = kiosk("diag", "readers", env=env)
    assert done.returncode == exit_codes.OK, done.stderr
    assert "ACS ACR39U 00 00  no device  (the kiosk's reader)" in done.stdout
    assert "no reader named 'ACS ACR39U 00 00'" in done.stdout


def test_pcscd_stopped_is_said_and_exits_3(pcscd: PcscdProcess, tmp_path: Path) -> None:
    pcscd.stop()
    env = private_env(tmp_path, KIOSK_READER="pcsc")
    done = kiosk("diag", "readers", "--json", env=env)
    assert done.returncode == exit_codes.UNAVAILABLE
    doc = json.loads(done.stdout)
    assert doc["service"]["running"] is False and doc["readers"] == []
    assert doc["kiosk_reader"]["state"] == "offline"
    assert done.stderr.strip() == "The smart card service (pcscd) is not running."
    text = kiosk("diag", "readers", env=env)
    assert text.returncode == exit_codes.UNAVAILABLE
    assert text.stdout.startswith("pcscd: not running (version ")


def test_the_simulated_reader_is_told_apart(pcscd: PcscdProcess, tmp_path: Path) -> None:
    env = private_env(tmp_path, KIOSK_READER="mock")
    done = kiosk("diag", "readers", env=env)
    assert done.returncode == exit_codes.OK, done.stderr
    assert 'the simulated reader (reader = "mock")' in done.stdout
    assert "no pcscd is involved" in done.stdout
    assert "(the kiosk's reader)" not in done.stdout  # these are the machine's PC/SC readers
    doc = json.loads(kiosk("diag", "readers", "--json", env=env).stdout)
    assert doc["kiosk_reader"] is None and not any(r["kiosk_uses"] for r in doc["readers"])

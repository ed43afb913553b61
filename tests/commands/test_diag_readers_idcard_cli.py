"""`kiosk diag readers` with the resident ID card reader (idcard_reader = "serial") on the
simulated reader's pty, through the real entry point: its own row in the JSON (driver, port,
an ID card on it or not, the SAM id's length, the device state), and in the text; nothing of
the ID card lying on it is printed; the reader unplugged is "no device" with the fix. No
pcscd is reachable here, so the command exits 3 for the card readers all the same."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import kiosk, private_env

from drivers.idcard.identities import demo_identities
from drivers.idcard.sim import SimulatedIdReader
from kiosk import exit_codes

WANG = demo_identities()["wangxiaoming"]


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[SimulatedIdReader]:
    simulated = SimulatedIdReader(tmp_path / "idcard", WANG)
    simulated.start()
    yield simulated
    simulated.stop()


def _env(tmp_path: Path, link: Path) -> dict[str, str]:
    return private_env(
        tmp_path,
        PCSCLITE_CSOCK_NAME=str(tmp_path / "nobody.comm"),
        KIOSK_READER="pcsc",
        KIOSK_IDCARD_READER="serial",
        KIOSK_IDCARD_PORT=str(link),
    )


def test_the_id_card_reader_has_its_own_row(tmp_path: Path, sim: SimulatedIdReader) -> None:
    env = _env(tmp_path, sim.link)
    done = kiosk("diag", "readers", "--json", env=env)
    assert done.returncode == exit_codes.UNAVAILABLE  # pcscd, not the ID card reader
    assert "Traceback" not in done.stderr
    row = json.loads(done.stdout)["id_card_reader"]
    assert set(row) == {
        "driver",
        "port",
        "card_on",
        "sam_id_bytes",
        "device",
        "problem",
        "last_problem",
        "problem_ended",
    }
    assert (row["driver"], row["port"], row["card_on"], row["sam_id_bytes"]) == (
        "serial",
        str(sim.link),
        True,
        16,
    )
    assert row["device"]["kind"] == "id_card_reader"
    assert (row["device"]["state"], row["device"]["media"]) == ("online", "card_present")
    assert row["problem"] is None
    for said in (done.stdout, kiosk("diag", "readers", env=env).stdout):
        assert WANG.name not in said and WANG.id_number not in said
    text = kiosk("diag", "readers", env=env).stdout
    assert f"ID card reader: {sim.link}  [serial]  online, an ID card on it" in text

    sim.take()
    row = json.loads(kiosk("diag", "readers", "--json", env=env).stdout)["id_card_reader"]
    assert row["card_on"] is False and row["device"]["media"] == "card_absent"

    sim.vanish()
    row = json.loads(kiosk("diag", "readers", "--json", env=env).stdout)["id_card_reader"]
    assert row["device"]["state"] == "no_device" and row["card_on"] is None
    assert "USB cable" in row["problem"]["fix"]


def test_no_id_card_reader_no_row(tmp_path: Path) -> None:
    env = private_env(tmp_path, PCSCLITE_CSOCK_NAME=str(tmp_path / "nobody.comm"))
    doc = json.loads(kiosk("diag", "readers", "--json", env=env).stdout)
    assert doc["id_card_reader"] is None

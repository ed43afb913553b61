"""`kiosk diag bundle` on a kiosk with `reader = "pcsc"`, against this session's private pcscd
with a card in its virtual reader: the bundle lists the readers and what they hold, tells of the
card's ATR only what is not card specific (length, protocols, card type), and never touches the
card; with pcscd stopped it says so and is written all the same."""

from __future__ import annotations

import json
import tarfile
from collections.abc import Callable
from pathlib import Path

from cli_helpers import kiosk, private_env

from drivers.simcard.image import load_image
from drivers.simcard.pcscd import PcscdProcess
from drivers.simcard.vpcd import VirtualCardClient
from kiosk import exit_codes

InsertCard = Callable[..., VirtualCardClient]  # the virtual_card fixture (conftest.py)
NORMAL = load_image("normal")


def bundle_devices(tmp_path: Path) -> tuple[dict, str]:
    env = private_env(tmp_path / "home", KIOSK_READER="pcsc", KIOSK_PRINTER="pdf")
    done = kiosk("diag", "bundle", "--out", str(tmp_path), "--json", env=env)
    assert done.returncode == exit_codes.OK, done.stderr
    path = Path(json.loads(done.stdout)["path"])
    with tarfile.open(path) as tar:
        texts = {
            m.name: tar.extractfile(m).read().decode()  # type: ignore[union-attr]
            for m in tar.getmembers()
        }
    devices = next(text for name, text in texts.items() if name.endswith("/devices.json"))
    return json.loads(devices)["card_reader"], "\n".join(texts.values())


def test_the_readers_and_the_card_without_its_atr(virtual_card: InsertCard, tmp_path: Path) -> None:
    card = virtual_card("normal")
    readers, everything = bundle_devices(tmp_path)
    assert readers["configured"] == "pcsc" and readers["pcscd_running"] is True
    (holding,) = [r for r in readers["readers"] if r["state"] == "card_present"]
    assert holding["name"] == "Virtual PCD 00 00"
    assert holding["atr"] == {
        "bytes": len(NORMAL.atr),
        "valid": True,
        "convention": "direct",
        "protocols": ["T=0"],
        "card_type": holding["atr"]["card_type"],
    }
    assert "social security card" in holding["atr"]["card_type"]
    device = readers["device"]  # the kiosk's reader in the one device vocabulary
    assert (device["kind"], device["name"], device["state"], device["media"]) == (
        "card_reader",
        "Virtual PCD 00 00",
        "online",
        "card_present",
    )
    assert NORMAL.atr.hex().upper() not in everything.upper()
    assert card.apdus_received == 0  # listed, never read


def test_pcscd_stopped_is_said(pcscd: PcscdProcess, tmp_path: Path) -> None:
    pcscd.stop()
    readers, _ = bundle_devices(tmp_path)
    assert readers["pcscd_running"] is False and readers["readers"] == []
    assert readers["problem"] == "the smart card service (pcscd) is not running"
    assert readers["device"]["state"] == "offline"

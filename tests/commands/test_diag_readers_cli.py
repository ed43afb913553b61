"""`kiosk diag readers` with no pcscd to talk to (a PC/SC socket nobody listens on), through the
real entry point: what is known is printed (pcscd not running, its version or "unknown", the
kiosk's reader), then one line on stderr and exit 3; settings that cannot be read are said
and do not stop the listing. (Against a real pcscd: tests/pcsc/test_cli_diag_readers.py.)"""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import kiosk, private_env

from kiosk import exit_codes


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return private_env(tmp_path, PCSCLITE_CSOCK_NAME=str(tmp_path / "nobody.comm"), **extra)


def test_no_pcscd_says_what_it_knows_and_exits_3(tmp_path: Path) -> None:
    env = _env(tmp_path, KIOSK_READER="pcsc", KIOSK_READER_NAME="ACS ACR39U 00 00")
    done = kiosk("diag", "readers", env=env)
    assert done.returncode == exit_codes.UNAVAILABLE
    assert "Traceback" not in done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("pcscd: not running (version ")
    assert lines[0].endswith("start it with `systemctl start pcscd`")
    assert lines[1] == "The kiosk's reader: 'ACS ACR39U 00 00' (reader_name)"
    assert done.stderr.strip() == "The smart card service (pcscd) is not running."
    doc = json.loads(kiosk("diag", "readers", "--json", env=env).stdout)
    assert doc["service"]["running"] is False
    assert doc["service"]["version"] is None or doc["service"]["version"][0].isdigit()
    assert doc["kiosk_reader"]["state"] == "offline"
    assert doc["reader_name"] == "ACS ACR39U 00 00"


def test_settings_that_cannot_be_read_are_said(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('reader = "usb-magic"\n')
    done = kiosk("--config", str(config), "diag", "readers", "--json", env=_env(tmp_path))
    assert done.returncode == exit_codes.UNAVAILABLE, done.stderr
    configured = json.loads(done.stdout)["configured"]
    assert configured["reader"] is None and "usb-magic" in configured["problem"]

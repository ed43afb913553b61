"""`kiosk diag selftest [--json]` through the real entry point: the demo set-up passes (exit 0),
a failing check is exit 1 naming the check and its fix, bad settings are a failed check, and the
run is in the audit log."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from cli_helpers import kiosk, private_env
from selftest_helpers import prepare_demo

from kiosk import exit_codes
from kiosk.cli import main
from kiosk.services.selftest import NAMES


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("selftest-cli") / "data"
    prepare_demo(where)
    return where


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's copy of the prepared demo data folder, which `kiosk --demo` finds through
    KIOSK_DATA_DIR; nothing of the machine's own kiosk settings."""
    data_dir = tmp_path / "data"
    shutil.copytree(demo_template, data_dir)
    for name in [n for n in os.environ if n.startswith("KIOSK_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("KIOSK_DATA_DIR", str(data_dir))
    return data_dir


def test_the_demo_passes_and_names_each_check(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--demo", "diag", "selftest", "--json"]) == exit_codes.OK
    data = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in data["checks"]] == list(NAMES)
    assert data["result"] == "pass" and data["passed"] is True
    assert data["audit"]["recorded"] is True and isinstance(data["audit"]["entry"], int)


def test_the_text_is_one_line_per_check_and_a_result(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--demo", "diag", "selftest"]) == exit_codes.OK
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in lines[: len(NAMES)]] == list(NAMES)
    assert lines[len(NAMES)].startswith("result: PASS")
    assert lines[-1].startswith("recorded in the audit log as entry ")


def test_the_demo_printer_offline_fails_naming_it_and_its_fix(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(demo / "printed")
    (demo / "printed").write_text("a file where the PDF folder should be")
    assert main(["--demo", "diag", "selftest"]) == exit_codes.FAILED
    out = capsys.readouterr().out
    [line] = [line for line in out.splitlines() if line.startswith("FAIL")]
    assert line.split()[1] == "printer"
    following = out.splitlines()[out.splitlines().index(line) + 1]
    assert "fix: make the folder" in following
    assert "result: FAIL" in out


def test_bad_settings_are_a_failed_check_not_a_traceback(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_IDLE_SECONDS", "inf")
    assert main(["--demo", "diag", "selftest", "--json"]) == exit_codes.FAILED
    data = json.loads(capsys.readouterr().out)
    assert data["checks"][0]["verdict"] == "fail" and "idle_seconds" in data["checks"][0]["found"]
    assert data["audit"] == {"recorded": False, "entry": None, "reason": "no settings"}


def test_pcsc_without_pcscd_fails_naming_the_check_and_its_fix(demo: Path, tmp_path: Path) -> None:
    """A real pcscd may run on this machine: the client library is pointed at a socket where
    none listens (it reads PCSCLITE_CSOCK_NAME once, so in a process of its own)."""
    env = private_env(
        tmp_path / "home",
        KIOSK_DATA_DIR=str(demo),
        KIOSK_READER="pcsc",
        PCSCLITE_CSOCK_NAME=str(tmp_path / "no-pcscd.comm"),
    )
    done = kiosk("--demo", "diag", "selftest", env=env)
    assert done.returncode == exit_codes.FAILED, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    [line] = [line for line in done.stdout.splitlines() if line.startswith("FAIL")]
    assert line.split()[1] == "pcscd"
    assert "systemctl start pcscd" in done.stdout


def test_a_kiosk_never_set_up_fails_and_records_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "nothing-here"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert main(["--demo", "diag", "selftest"]) == exit_codes.FAILED
    out = capsys.readouterr().out
    assert "FAIL  database" in out and "not recorded in the audit log" in out
    assert not (tmp_path / "nothing-here").exists()  # the self-test made nothing

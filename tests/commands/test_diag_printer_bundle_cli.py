"""`kiosk diag printer` and `kiosk diag bundle` through the real entry point, on the demo set-up
in a private home: the report and its JSON, the test page audited with the technician, the
bundle written 0600 and audited, and every bad --out refused in one line with nothing written.
(The CUPS queue's half is tests/printers/test_cups_queue.py.)"""

from __future__ import annotations

import json
import os
import stat
import tarfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from cli_helpers import kiosk, one_line, private_env

from kiosk import exit_codes
from kiosk.store import models as m
from kiosk.store.db import create_engine

DOCUMENTS = {
    "manifest.json",
    "versions.json",
    "settings.json",
    "system.json",
    "devices.json",
    "database.json",
    "log.json",
    "kiosk-log-tail.txt",
    "selftest.json",  # the command adds the self-test's result
}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return private_env(tmp_path / "home")


def demo_data(tmp_path: Path) -> Path:
    return tmp_path / "home" / "data" / "sscard-kiosk" / "demo"


def technician_entries(data: Path) -> list[tuple[str, str, str]]:
    engine = create_engine(f"sqlite:///{data / 'kiosk.db'}")
    try:
        e = m.AuditLogEntry
        with engine.connect() as connection:
            rows = connection.execute(
                sa.select(e.action, e.actor_kind, e.actor).order_by(e.seq)
            ).all()
    finally:
        engine.dispose()
    return [(action, kind.value, actor) for action, kind, actor in rows]


def test_the_demo_printer_report(env: dict[str, str], tmp_path: Path) -> None:
    done = kiosk("--demo", "diag", "printer", env=env)
    assert done.returncode == exit_codes.OK, done.stderr
    folder = demo_data(tmp_path) / "printed"
    assert done.stdout.splitlines()[:3] == [
        f"Printer   PDF files in {folder}",
        f"State     ready: writing PDF files to {folder}",
        "Last files none",
    ]
    done = kiosk("--demo", "diag", "printer", "--json", env=env)
    report = json.loads(done.stdout)
    assert report["test_page"] is None
    assert report["printer"]["kind"] == "pdf" and report["printer"]["ready"] is True
    assert report["printer"]["pdf"] == {"folder": str(folder), "files": []}


def test_a_test_page_is_printed_and_audited_with_the_technician(
    env: dict[str, str], tmp_path: Path
) -> None:
    # No database yet: printed all the same, and said not to be recorded.
    done = kiosk("--demo", "diag", "printer", "--test-page", env=env)
    assert done.returncode == exit_codes.OK, done.stderr
    assert "Test page (receipt80) printed: " in done.stdout
    assert "Audit log: not recorded: the kiosk has no database yet" in done.stdout
    assert not (demo_data(tmp_path) / "kiosk.db").exists()  # the command did not make one

    assert kiosk("--demo", "db", "upgrade", env=env).returncode == exit_codes.OK
    done = kiosk("--demo", "diag", "printer", "--test-page", "--layout", "a4", "--by", "li.wei",
                 "--json", env=env)  # fmt: skip
    assert done.returncode == exit_codes.OK, done.stderr
    result = json.loads(done.stdout)["test_page"]
    assert result["printed"] and result["audited"] and result["layout"] == "a4"
    assert Path(result["location"]).read_bytes().startswith(b"%PDF-")
    files = json.loads(done.stdout)["printer"]["pdf"]["files"]
    assert len(files) == 2 and files[0]["name"] == Path(result["location"]).name  # newest first
    assert technician_entries(demo_data(tmp_path)) == [("diag.test_page", "technician", "li.wei")]
    assert kiosk("--demo", "db", "check", env=env).returncode == exit_codes.OK  # chain intact


def test_a_printer_folder_that_cannot_be_made_is_a_no(env: dict[str, str], tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    env = {**env, "KIOSK_DATA_DIR": str(blocker / "data")}
    done = kiosk("--demo", "diag", "printer", env=env)
    assert done.returncode == exit_codes.FAILED
    assert "The printer cannot be set up" in one_line(done)


def test_the_demo_bundle(env: dict[str, str], tmp_path: Path) -> None:
    assert kiosk("--demo", "db", "upgrade", env=env).returncode == exit_codes.OK
    out = tmp_path / "stick"
    out.mkdir()
    done = kiosk("--demo", "diag", "bundle", "--out", str(out), "--by", "li.wei", "--json", env=env)
    assert done.returncode == exit_codes.OK, done.stderr
    answer = json.loads(done.stdout)
    path = Path(answer["path"])
    assert path.parent == out and path.name.startswith("diag-DEMO01-")
    assert path.name.endswith("Z.tar.gz") and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert answer["bytes"] == path.stat().st_size < 1_000_000
    assert set(answer["documents"]) == DOCUMENTS and answer["audited"] is True
    with tarfile.open(path) as tar:
        names = {Path(name).name for name in tar.getnames()}
        settings = json.load(tar.extractfile(f"{path.name[:-7]}/settings.json"))  # type: ignore[arg-type]
        database = json.load(tar.extractfile(f"{path.name[:-7]}/database.json"))  # type: ignore[arg-type]
        devices = json.load(tar.extractfile(f"{path.name[:-7]}/devices.json"))  # type: ignore[arg-type]
    assert names == DOCUMENTS
    # The printer in the one device vocabulary (DeviceStatus), as the strip and screens show it.
    # Nothing printed yet, so the demo's PDF folder is not there: offline, and why.
    printer = devices["printer"]["device"]
    assert (printer["kind"], printer["state"]) == ("receipt_printer", "offline")
    assert "does not exist" in printer["error"]
    assert devices["card_reader"]["device"] is None  # the demo's reader lives in the kiosk
    assert settings["service_code"] == "(set)" and "2580" not in json.dumps(settings)
    assert database["reachable"] and database["check_ok"] and database["check"][-1] == "result: OK"
    assert technician_entries(demo_data(tmp_path)) == [
        ("diag.bundle_exported", "technician", "li.wei")
    ]

    done = kiosk("--demo", "diag", "bundle", "--out", str(out), env=env)
    assert done.returncode == exit_codes.OK
    assert done.stdout.startswith(f"Wrote {out}/diag-DEMO01-")
    assert "Audit log: recorded as diag.bundle_exported" in done.stdout


def test_a_bundle_without_a_database_is_written_and_says_so(
    env: dict[str, str], tmp_path: Path
) -> None:
    done = kiosk("--demo", "diag", "bundle", "--out", str(tmp_path), "--json", env=env)
    assert done.returncode == exit_codes.OK, done.stderr
    answer = json.loads(done.stdout)
    assert answer["audited"] is False and "no database yet" in answer["audit_problem"]


@pytest.mark.parametrize("kind", ["file", "fifo", "under-a-file", "missing", "device"])
def test_bad_out_folders_are_one_line_and_nothing_is_written(
    kind: str, env: dict[str, str], tmp_path: Path
) -> None:
    file = tmp_path / "file"
    file.write_text("x")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    out = {
        "file": file,
        "fifo": fifo,
        "under-a-file": file / "sub",
        "missing": tmp_path / "no" / "such",
        "device": Path("/dev/null"),
    }[kind]
    done = kiosk("--demo", "diag", "bundle", "--out", str(out), env=env)
    assert done.returncode == exit_codes.USAGE
    assert one_line(done).startswith("No bundle written: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo", "file"]  # nothing, anywhere
    assert file.read_text() == "x"


def test_bad_settings_are_one_line(env: dict[str, str], tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('printer = "laser"\n')
    for argv in (["diag", "bundle", "--out", str(tmp_path)], ["diag", "printer"]):
        done = kiosk("--config", str(config), *argv, env=env)
        assert done.returncode == exit_codes.USAGE
        assert "printer must be one of pdf, cups" in one_line(done)

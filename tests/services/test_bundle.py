"""The diagnostics bundle's parts (kiosk.services.bundle): what the redaction masks and what it
leaves, the settings without secrets, the log's tail read without blocking, and the archive: its
name, mode, manifest, the hook for more documents, and the folders it refuses."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import stat
import tarfile
from pathlib import Path

import pytest

from kiosk.domain.ids import card_check_char, id_check_char
from kiosk.services.bundle import (
    Bundle,
    BundleError,
    folder_problem,
    log_tail,
    redact_text,
    redact_tree,
    settings_document,
)

MADE = dt.datetime(2026, 11, 22, 2, 3, 4, tzinfo=dt.UTC)
SSN = "11010819770707931" + id_check_char("11010819770707931")
CARD = "Q7733991" + card_check_char("Q7733991")
KEY_HEX = "9f" * 32


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        (f"card.read ssn={SSN} ok", SSN, "1101**********"),
        (f"ID {SSN.lower()}", SSN.lower(), "1101"),
        (f"card {CARD} read", CARD, "Q7*****"),
        ("mobile=13900000000 done", "13900000000", "mobile=***********"),
        ("tel +8613812345678.", "13812345678", "tel "),
        (f"key audit_key:{KEY_HEX}", KEY_HEX, "[64 hex digits hidden]"),
        ("code 110108D156000005C0FFEE0012345678", "C0FFEE", "[32 hex digits hidden]"),
        ("bank 6222021234567890123 x", "6222021234567890123", "6222***********0123"),
        ("b64 " + "QUJD" * 12 + "ZA1=", "QUJDQUJD", "[52 characters hidden]"),
    ],
)
def test_personal_shapes_and_keys_are_masked(text: str, gone: str, kept: str) -> None:
    redacted = redact_text(text)
    assert gone not in redacted and kept in redacted


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-22 10:00:01,123 INFO kiosk.app card.inserted reader=Virtual PCD 00 00",
        "voucher DEMO01-20261122-000042-K printed; job receipt-12 bytes=38528",
        "printer.cups.submitted job=receipt-7 bytes=1234567",
        "schema 0006 (current); key id c94be43cc5234c5d; took 0.1 s",
        "PRAGMA integrity_check: ok; ABCDEFGHJ is all letters",
    ],
)
def test_ordinary_log_lines_stay_readable(text: str) -> None:
    assert redact_text(text) == text


def test_the_tree_masks_strings_and_keeps_numbers() -> None:
    tree = {"free_bytes": 123456789012345, "ok": True, "none": None, SSN: [f"x {CARD}", 1.5]}
    redacted = redact_tree(tree)
    assert redacted["free_bytes"] == 123456789012345 and redacted["ok"] is True
    assert SSN not in json.dumps(redacted) and CARD not in json.dumps(redacted)
    assert redact_tree(Path("/data")) == "/data"


def test_settings_lose_their_secrets() -> None:
    document = settings_document(
        {
            "kiosk_id": "BJCY01",
            "service_code": "135790",
            "database_url": "postgresql://kiosk:hunter2@central/sscard",
            "central_password": "pw",  # a setting added later, named like a secret
            "api_token": "",
            "voucher_key_file": Path("/etc/sscard/voucher.key"),
            "idle_seconds": 60.0,
            "export_dir": None,
            "odd": object(),
        }
    )
    text = json.dumps(document)
    for secret in ("135790", "hunter2", '"pw"'):
        assert secret not in text
    assert document["service_code"] == "(set)" and document["api_token"] == "(not set)"
    assert document["database_url"].endswith("://kiosk:***@central/sscard")
    assert document["voucher_key_file"] == "/etc/sscard/voucher.key"  # its path, never its bytes
    assert document["idle_seconds"] == 60.0 and document["export_dir"] is None
    assert settings_document({"database_url": "not a url://a:b@c"})["database_url"] != ""


def test_the_log_tail_is_the_last_lines(tmp_path: Path) -> None:
    log = tmp_path / "kiosk.log"
    log.write_text("".join(f"line {n}\n" for n in range(5000)), encoding="utf-8")
    tail = log_tail(log)
    lines = tail.text.splitlines()
    assert len(lines) == tail.lines == 2000 and lines[0] == "line 3000" and lines[-1] == "line 4999"
    assert tail.file_bytes == log.stat().st_size and tail.problem is None

    few = log_tail(log, lines=3, limit=40)  # 4 lines read; the first, maybe cut, is dropped
    assert few.text == "line 4997\nline 4998\nline 4999\n"
    long = tmp_path / "long.log"
    long.write_bytes(b"x" * 2_000_000 + b"\nlast\n")
    assert log_tail(long).text.endswith("last\n") and len(log_tail(long).text) < 600_000


def test_a_missing_or_odd_log_is_said_not_read(tmp_path: Path, no_hang: None) -> None:
    assert "cannot open it" in (log_tail(tmp_path / "none.log").problem or "")
    fifo = tmp_path / "kiosk.log"
    os.mkfifo(fifo)
    assert log_tail(fifo).problem == "it is not a regular file"  # no writer: no hang
    assert log_tail(tmp_path).problem  # a folder
    assert log_tail(Path("/dev/zero")).problem == "it is not a regular file"


def members(path: Path) -> dict[str, tarfile.TarInfo]:
    with tarfile.open(path) as tar:
        return {info.name: info for info in tar.getmembers()}


def read_member(path: Path, name: str) -> bytes:
    with tarfile.open(path) as tar:
        file = tar.extractfile(name)
        assert file is not None
        return file.read()


def test_the_archive_its_name_mode_manifest_and_hook(tmp_path: Path) -> None:
    bundle = Bundle("BJCY01", MADE)
    bundle.add_json("versions.json", {"kiosk": "0.1.0"})
    bundle.add_text("kiosk-log-tail.txt", f"card.read {SSN}\n")
    # The hook the self-test and the card test use: a named JSON document, redacted too.
    bundle.add_json("selftest.json", {"checks": [{"id": "reader", "found": f"card {CARD}"}]})
    written = bundle.write(tmp_path)

    assert written.path == tmp_path / "diag-BJCY01-20261122T020304Z.tar.gz"
    assert stat.S_IMODE(written.path.stat().st_mode) == 0o600
    assert written.size == written.path.stat().st_size < 10_000
    assert [p.name for p in tmp_path.iterdir()] == [written.path.name]  # no temporary left
    root = "diag-BJCY01-20261122T020304Z"
    names = members(written.path)
    assert set(names) == {
        f"{root}/{n}"
        for n in ("manifest.json", "versions.json", "kiosk-log-tail.txt", "selftest.json")
    }
    assert all(stat.S_IMODE(info.mode) == 0o600 for info in names.values())
    manifest = json.loads(read_member(written.path, f"{root}/manifest.json"))
    assert manifest["kiosk_id"] == "BJCY01" and manifest["format"] == 1
    assert manifest["made_at"] == "2026-11-22T02:03:04+00:00"
    assert set(manifest["documents"]) == {"versions.json", "kiosk-log-tail.txt", "selftest.json"}
    assert SSN not in read_member(written.path, f"{root}/kiosk-log-tail.txt").decode()
    assert CARD not in read_member(written.path, f"{root}/selftest.json").decode()

    again = bundle.write(tmp_path)  # the same second: a second file, not one over the other
    assert again.path.name == "diag-BJCY01-20261122T020304Z-2.tar.gz"


@pytest.mark.parametrize(
    "name", ["manifest.json", "../x.json", "a/b.json", "x.tar", "", "X.json", "." + "a" * 70]
)
def test_document_names_are_plain_and_unique(name: str) -> None:
    bundle = Bundle("BJCY01", MADE)
    with pytest.raises(ValueError):
        bundle.add_json(name, {})
    bundle.add_json("a.json", {})
    with pytest.raises(ValueError, match="already"):
        bundle.add_text("a.json", "")


def test_folders_that_cannot_take_a_bundle(tmp_path: Path) -> None:
    file = tmp_path / "file"
    file.write_text("x")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert "does not exist" in (folder_problem(tmp_path / "missing") or "")
    assert "is not a folder" in (folder_problem(file) or "")
    assert "is not a folder" in (folder_problem(fifo) or "")
    assert "part of its path is a file" in (folder_problem(file / "sub") or "")
    assert folder_problem(tmp_path) is None
    odd = folder_problem(tmp_path / "a\x01b")
    assert odd and "\x01" not in odd and "a\\x01b" in odd
    bundle = Bundle("BJCY01", MADE)
    for where in (file, fifo, file / "sub"):
        with pytest.raises(BundleError):
            bundle.write(where)
    assert file.read_text() == "x"


def test_a_read_only_file_system_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    """As root a folder's mode does not stop a write: a read-only tmpfs does (skipped where
    mounting is not allowed)."""
    import subprocess

    mount = tmp_path / "ro"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a read-only tmpfs here")
    try:
        with pytest.raises(BundleError, match="Read-only file system"):
            Bundle("BJCY01", MADE).write(mount)
        assert list(mount.iterdir()) == []
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_an_archive_is_read_back_by_tar(tmp_path: Path) -> None:
    """The archive is an ordinary tar.gz: `tar xzf` on the technician's laptop opens it."""
    written = Bundle("BJCY01", MADE).write(tmp_path)
    with tarfile.open(fileobj=io.BytesIO(written.path.read_bytes()), mode="r:gz") as tar:
        assert tar.getnames() == ["diag-BJCY01-20261122T020304Z/manifest.json"]


def test_an_unaware_time_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        Bundle("BJCY01", dt.datetime(2026, 11, 22))

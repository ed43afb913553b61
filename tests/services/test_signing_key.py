"""The voucher signing key file: made once with mode 0600, refused when unsafe or damaged."""

from __future__ import annotations

import os
import signal
import stat
from pathlib import Path

import pytest

from kiosk.services import signing_key
from kiosk.services.signing_key import (
    KEY_BYTES,
    KeyMalformed,
    KeyMissing,
    KeyUnreadable,
    KeyUnsafe,
    SigningKeyError,
    load_key,
    load_or_create_key,
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_first_call_creates_a_private_key_file_and_later_calls_read_it(tmp_path: Path) -> None:
    path = tmp_path / "new" / "dir" / "voucher-signing.key"
    key = load_or_create_key(path)
    assert len(key) == KEY_BYTES
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    assert path.read_text() == key.hex() + "\n"  # the documented format: hex and a newline
    assert load_or_create_key(path) == key == load_key(path)
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_two_kiosks_get_different_keys(tmp_path: Path) -> None:
    assert load_or_create_key(tmp_path / "a.key") != load_or_create_key(tmp_path / "b.key")


def test_a_permissive_umask_still_gives_0600(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        path = tmp_path / "new" / "keys" / "k.key"
        load_or_create_key(path)
    finally:
        os.umask(old)
    assert mode(path) == 0o600
    assert mode(path.parent) == mode(path.parent.parent) == 0o700  # parents too


def test_every_refusal_is_a_signing_key_error() -> None:
    for kind in (KeyMissing, KeyUnsafe, KeyMalformed, KeyUnreadable):
        assert issubclass(kind, SigningKeyError)


def test_a_key_file_that_is_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "k.key"
    os.mkfifo(fifo, 0o600)
    previous = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("opening the FIFO blocked"))
    signal.alarm(5)
    try:
        with pytest.raises(KeyUnreadable, match="is not a regular file"):
            load_key(fifo)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_key_file_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(KeyUnreadable, match="is not a regular file"):
        load_key(tmp_path)


@pytest.mark.parametrize("bits", [0o640, 0o604, 0o620, 0o666])
def test_a_key_others_can_read_or_write_is_refused(tmp_path: Path, bits: int) -> None:
    path = tmp_path / "k.key"
    key = load_or_create_key(path)
    path.chmod(bits)
    with pytest.raises(KeyUnsafe, match="chmod 600") as caught:
        load_or_create_key(path)
    assert key.hex() not in str(caught.value)
    assert f"{bits:04o}" in str(caught.value)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "holds 0 characters"),
        (b"ab" * 16 + b"\n", "holds 32 characters"),
        (b"ab" * 40 + b"\n", "must hold 64"),
        (b"zz" * 32 + b"\n", "not hexadecimal"),
        (bytes(range(0x80, 0xA0)), "hexadecimal"),  # raw bytes are not the documented format
    ],
)
def test_a_key_of_the_wrong_length_or_format_is_refused(
    tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "k.key"
    path.write_bytes(content)
    path.chmod(0o600)
    with pytest.raises(KeyMalformed, match=words) as caught:
        load_or_create_key(path)
    assert "kiosk voucher new-key --replace" in str(caught.value)


def test_load_key_does_not_create_one(tmp_path: Path) -> None:
    with pytest.raises(KeyMissing, match="does not exist"):
        load_key(tmp_path / "missing.key")
    assert not (tmp_path / "missing.key").exists()


def test_a_directory_that_cannot_be_made_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(KeyUnreadable, match="cannot create the folder for the voucher signing"):
        load_or_create_key(blocker / "k.key")


def test_a_key_made_meanwhile_by_another_process_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "k.key"
    theirs = bytes(range(KEY_BYTES))
    real_link = os.link

    def racing_link(src: os.PathLike[str], dst: os.PathLike[str]) -> None:
        # The other process stores its key just before ours lands.
        fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(fd, theirs.hex().encode() + b"\n")
        os.close(fd)
        real_link(src, dst)

    monkeypatch.setattr(signing_key.os, "link", racing_link)
    assert load_or_create_key(path) == theirs
    assert load_key(path) == theirs
    assert [p.name for p in tmp_path.iterdir()] == ["k.key"]

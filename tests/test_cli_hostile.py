"""Hostile arguments and files for the `kiosk` command (issue 10), through the real entry point:
each ends in one plain line, its documented exit code, no traceback, no hang.

The database's URL cases are in tests/commands/test_db_cli.py, the reader's in
tests/pcsc/test_cli_diag.py.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import kiosk, one_line, private_env

from drivers.simcard.image import cards_dir
from kiosk import exit_codes
from kiosk.domain.vouchers import format_voucher_number
from kiosk.services.signing_key import load_or_create_key
from kiosk.services.voucher_codes import sign

NUMBER = format_voucher_number("BJCY01", dt.date(2026, 11, 22), 42)
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return private_env(tmp_path / "home")


# --- voucher verify ------------------------------------------------------------------------------


@pytest.mark.parametrize("digits", [ARABIC_INDIC, FULL_WIDTH], ids=["arabic-indic", "full-width"])
def test_voucher_numbers_in_other_digits_are_invalid_not_a_crash(
    digits: dict[int, str], env: dict[str, str], tmp_path: Path
) -> None:
    day = "20261122"
    done = kiosk("voucher", "verify", NUMBER.replace(day, day.translate(digits)), env=env)
    assert done.returncode == exit_codes.FAILED
    assert "not a voucher number" in one_line(done)

    key_file = tmp_path / "k.key"
    code = sign(NUMBER, load_or_create_key(key_file)).replace(day, day.translate(digits))
    done = kiosk("voucher", "verify", code, "--key-file", str(key_file), env=env)
    assert done.returncode == exit_codes.FAILED
    assert "malformed" in one_line(done)


def test_a_fifo_or_a_folder_as_key_file_is_refused_at_once(
    env: dict[str, str], tmp_path: Path
) -> None:
    fifo = tmp_path / "key.fifo"
    os.mkfifo(fifo)
    code = sign(NUMBER, b"k" * 32)
    done = kiosk("voucher", "verify", code, "--key-file", str(fifo), env=env)  # no writer: no hang
    assert done.returncode == exit_codes.USAGE
    assert "not a regular file" in one_line(done)
    done = kiosk("voucher", "verify", code, "--key-file", str(tmp_path), env=env)
    assert done.returncode == exit_codes.USAGE
    assert f"{tmp_path} is not a regular file" in one_line(done)


def test_hostile_ssk2_codes_are_one_line_and_exit_1(env: dict[str, str], tmp_path: Path) -> None:
    import cbor2
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from kiosk.services.voucher_codes import VoucherCodes, b45decode, b45encode
    from kiosk.services.voucher_key import export_public_key

    private = Ed25519PrivateKey.generate()
    export_public_key(private.public_key(), "BJCY01", tmp_path)
    good = VoucherCodes(private=private).sign(NUMBER)
    tag = cbor2.loads(b45decode(good[5:]))
    protected, _, payload, _signature = tag.value  # the signature dropped: 3 items, not 4
    tampered_cbor = "SSK2:" + b45encode(cbor2.dumps(cbor2.CBORTag(18, [protected, {}, payload])))
    foreign = VoucherCodes(private=Ed25519PrivateKey.generate()).sign(NUMBER)
    for code in (
        "SSK2:" + "garbage!",
        "SSK2:" + "Z" * 100_000,
        good[: len(good) // 2],
        good[:-2],
        tampered_cbor,
        foreign,
        good.replace(good[40], "0" if good[40] != "0" else "1", 1),
    ):
        done = kiosk("voucher", "verify", code, "--public-keys", str(tmp_path), env=env)
        assert done.returncode == exit_codes.FAILED, code
        assert one_line(done).startswith("INVALID voucher code:")
    done = kiosk("voucher", "verify", good, "--public-keys", str(tmp_path), env=env)
    assert done.returncode == exit_codes.OK
    not_a_key = tmp_path / "bad.pub"
    not_a_key.write_bytes(os.urandom(5000))
    done = kiosk("voucher", "verify", good, "--public-keys", str(not_a_key), env=env)
    assert done.returncode == exit_codes.USAGE
    assert "not a voucher public key file" in one_line(done)
    fifo = tmp_path / "key.fifo"
    os.mkfifo(fifo)
    done = kiosk("voucher", "verify", good, "--public-keys", str(fifo), env=env)  # no hang
    assert done.returncode == exit_codes.USAGE
    assert "not a voucher public key file" in one_line(done)


# --- numbers and names out of bounds -------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["diag", "read", "--wait", "1e300"], "--wait"),
        (["diag", "read", "--wait", "nan"], "--wait"),
        (["diag", "read", "--timeout", "0"], "--timeout"),
        (["diag", "read", "--reader", ""], "--reader"),
        (["diag", "apdu", "00A40000", "--timeout", "1e9"], "--timeout"),
        (["diag", "apdu", "00A40000", "--wait", "-1"], "--wait"),
        (["diag", "atr", "--reader", " "], "--reader"),
        (["vcard", "normal", "--port", "70000"], "--port"),
        (["db", "seed", "--cardholders", "1e23"], "--cardholders"),
        (["db", "seed", "--cardholders", "1" + "0" * 23], "--cardholders"),
        (["db", "seed", "--demo", "--months", "100000"], "--months"),
        (["voucher", "verify", "x", "--key-file", ""], "--key-file"),
        (["voucher", "new-key", "--by", "x" * 100], "--by"),
        (["voucher", "verify", "SSK2:X", "--public-keys", ""], "--public-keys"),
        (["voucher", "export-key", "--out", ""], "--out"),
        (["diag", "printer", "--jobs", "1e9"], "--jobs"),
        (["diag", "printer", "--jobs", "-1"], "--jobs"),
        (["diag", "printer", "--layout", "letter"], "--layout"),
        (["diag", "printer", "--by", "x" * 100], "--by"),
        (["diag", "bundle", "--out", ""], "--out"),
        (["diag", "bundle", "--out", "/tmp", "--by", "a\nb"], "--by"),
    ],
)
def test_out_of_range_options_are_one_line_usage_errors(
    argv: list[str], option: str, env: dict[str, str]
) -> None:
    done = kiosk(*argv, env=env)
    assert done.returncode == exit_codes.USAGE
    line = one_line(done)
    assert option in line and "--help" in line


# --- card images for vcard ---------------------------------------------------------------------


def _image(tmp_path: Path, **changes: object) -> Path:
    data = json.loads((cards_dir() / "normal.json").read_text(encoding="utf-8"))
    data.update(changes)
    path = tmp_path / "card.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_deeply_nested_image_is_refused(env: dict[str, str], tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    huge.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")  # over the size cap
    done = kiosk("vcard", str(huge), "--port", "9", env=env)
    assert done.returncode == exit_codes.USAGE
    assert "at most" in one_line(done)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 30_000 + "]" * 30_000, encoding="utf-8")  # small, still too deep
    done = kiosk("vcard", str(deep), "--port", "9", env=env)
    assert done.returncode == exit_codes.USAGE
    assert "nested too deeply" in one_line(done)


def test_a_non_utf8_image_is_refused(env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"name": "Müller"}'.encode("latin-1"))
    done = kiosk("vcard", str(path), "--port", "9", env=env)
    assert done.returncode == exit_codes.USAGE
    assert "not UTF-8" in one_line(done)


def test_photos_and_images_must_be_regular_files(env: dict[str, str], tmp_path: Path) -> None:
    done = kiosk("vcard", str(_image(tmp_path, photo="/dev/zero")), "--port", "9", env=env)
    assert done.returncode == exit_codes.USAGE
    assert "/dev/zero is not a regular file" in one_line(done)

    os.mkfifo(tmp_path / "photo.jpg")
    done = kiosk("vcard", str(_image(tmp_path, photo="photo.jpg")), "--port", "9", env=env)
    assert done.returncode == exit_codes.USAGE
    assert "not a regular file" in one_line(done)

    os.mkfifo(tmp_path / "fifo.json")
    done = kiosk("vcard", str(tmp_path / "fifo.json"), "--port", "9", env=env)
    assert done.returncode == exit_codes.USAGE
    assert "not a regular file" in one_line(done)


# --- db seed's inputs ---------------------------------------------------------------------------


def test_seed_from_a_missing_cards_folder_fails_and_writes_nothing(
    env: dict[str, str], tmp_path: Path
) -> None:
    database = tmp_path / "k.db"
    url = f"sqlite:///{database}"
    done = kiosk("db", "seed", "--demo", "--cards", "/nonexistent", "--url", url, env=env)
    assert done.returncode == exit_codes.USAGE
    assert "/nonexistent does not exist" in one_line(done)
    (tmp_path / "empty").mkdir()
    done = kiosk("db", "seed", "--demo", "--cards", str(tmp_path / "empty"), "--url", url, env=env)
    assert done.returncode == exit_codes.USAGE
    assert "no card images" in one_line(done)
    assert not database.exists()


# --- tour --------------------------------------------------------------------------------------


def test_tour_into_a_file_is_refused_before_starting(env: dict[str, str], tmp_path: Path) -> None:
    done = kiosk("tour", "--out", os.devnull, env=env)
    assert done.returncode == exit_codes.USAGE
    assert "not a folder" in one_line(done)


# --- diag apdu and diag atr: a technician's hex (checked before any reader is asked) -------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["00A4040"], "APDU 1: 7 hex digits: an odd number"),
        (["00 A4 04 0G"], "APDU 1: 'G' at hex digit 8 is not a hex digit"),
        (["00A40400", "00" * 300], "APDU 2: 300 bytes: a command APDU has 4 to 261 bytes"),
        (["00 A4 04 00 05 3F00"], "APDU 1: Lc says 5 data bytes but 2 bytes follow"),
        (["0" * 120_000], "APDU 1: 120,000 characters: a command APDU is at most 261 bytes"),
        (["00840000 08"] * 65, "65 APDUs: at most 64 in one run"),
        (["00 20 00 00 03 12 34 5"], "APDU 1: 15 hex digits"),
        (["00 20 00 00 03 12 34 56"], "APDU 1: VERIFY (00 20 00 00) spends a PIN try"),
        (["00 D6 00 00 01 AA"], "UPDATE BINARY (00 D6 00 00) writes to the card"),
        (["00 12 00 00"], "unknown INS 12"),
    ],
)
def test_hostile_apdus_are_one_line_and_nothing_is_sent(
    argv: list[str], message: str, env: dict[str, str]
) -> None:
    done = kiosk("diag", "apdu", *argv, env=env)
    assert done.returncode == exit_codes.USAGE
    line = one_line(done)
    assert message in line
    assert "12 34 5" not in line and "123456" not in line  # a PIN typed is never echoed


def test_apdus_on_standard_input_are_bounded(env: dict[str, str], tmp_path: Path) -> None:
    done = kiosk("diag", "apdu", "-", env=env, stdin="0" * 10_000_000)  # 10 MB
    assert done.returncode == exit_codes.USAGE
    assert "more than 65,536 characters" in one_line(done)
    done = kiosk("diag", "apdu", "-", env=env, stdin="# only a comment\n\n")
    assert done.returncode == exit_codes.USAGE
    assert "No APDU given" in one_line(done)
    fifo = tmp_path / "apdus.fifo"
    os.mkfifo(fifo)
    done = subprocess.run(  # a FIFO as standard input whose writer leaves at once: no hang
        f"{sys.executable} -m kiosk diag apdu - < {fifo} & exec 3>{fifo}; exec 3>&-; wait",
        shell=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert "No APDU given" in done.stderr


@pytest.mark.parametrize(
    ("atr", "code", "message"),
    [
        ("zz", exit_codes.USAGE, "the ATR must be an even number of hex digits"),
        ("3B6", exit_codes.USAGE, "the ATR must be an even number of hex digits"),
        ("0" * 100_000, exit_codes.USAGE, "the ATR: 100,000 characters, more than 64 bytes"),
        ("3B", exit_codes.FAILED, "not a valid ATR: an ATR has at least TS and T0"),
        ("3B F0 11", exit_codes.FAILED, "not a valid ATR: ATR ends inside its interface bytes"),
    ],
)
def test_hostile_atrs(atr: str, code: int, message: str, env: dict[str, str]) -> None:
    done = kiosk("diag", "atr", atr, env=env)
    assert done.returncode == code
    assert message in done.stdout + done.stderr and "Traceback" not in done.stderr


# --- a crash -------------------------------------------------------------------------------------

# The real main(), with one function made to fail as a bug would.
CRASH = (
    "import sys, kiosk.services.voucher_codes as codes\n"
    "def broken(text): return 1 / 0\n"
    "codes.check_number = broken\n"
    "from kiosk.cli import main\n"
    "raise SystemExit(main(['voucher', 'verify', 'ABC']))\n"
)


def _crash(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CRASH], capture_output=True, text=True, env=env, timeout=60
    )


def test_an_unexpected_exception_is_one_line_and_a_logged_traceback(tmp_path: Path) -> None:
    log_dir = tmp_path / "logs"
    done = _crash(private_env(tmp_path, KIOSK_LOG_DIR=str(log_dir)))
    assert done.returncode == exit_codes.INTERNAL_ERROR
    log_file = log_dir / "kiosk.log"
    assert one_line(done) == f"kiosk: internal error (ZeroDivisionError); details in {log_file}"
    logged = log_file.read_text(encoding="utf-8")
    assert "cli.internal_error command=voucher_verify" in logged
    assert "Traceback" in logged and "ZeroDivisionError" in logged


def test_without_a_writable_log_folder_the_details_go_to_stderr(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    done = _crash(private_env(tmp_path, KIOSK_LOG_DIR=str(blocker / "logs")))
    assert done.returncode == exit_codes.INTERNAL_ERROR
    first, *rest = done.stderr.splitlines()
    assert first.startswith("kiosk: internal error (ZeroDivisionError); the log folder")
    assert "cannot be written" in first
    assert "Traceback" in rest[0] and "ZeroDivisionError" in rest[-1]


# --- help that says what is true ----------------------------------------------------------------


def test_help_texts_say_what_the_options_are(env: dict[str, str], tmp_path: Path) -> None:
    top = " ".join(kiosk("--help", env=env).stdout.split())
    assert "$KIOSK_CONFIG" in top
    assert str(tmp_path / "home" / "config" / "sscard-kiosk" / "kiosk.toml") in top
    vcard = " ".join(kiosk("vcard", "--help", env=env).stdout.split())
    assert "vpcd" in vcard and "35963 is Virtual PCD 00 00" in vcard
    assert "35964 is Virtual PCD 00 01" in vcard
    check = " ".join(kiosk("db", "check", "--help", env=env).stdout.split())
    assert "quick_check instead of the full integrity_check" in check
    assert "mode" in check

"""Vouchers anyone can verify: SSK2 codes (COSE_Sign1, Ed25519, Base45) made by the kiosk and
checked with its exported public key alone; tampered, unknown-key, foreign-key and hostile
codes refused; old SSK1 codes still read; the Ed25519 key file's start rules."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import cbor2
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

from drivers.printers.fake import FakePrinter
from kiosk.cli import main
from kiosk.domain.business import ReissueRequest
from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.journal import ReissueReason
from kiosk.domain.voucher_data import KioskInfo
from kiosk.domain.vouchers import format_voucher_number
from kiosk.services.business import BusinessService
from kiosk.services.signing_key import (
    ED25519_KEY,
    KeyMalformed,
    KeyMismatch,
    KeyMissingWithVouchers,
    load_key,
    load_or_create_key,
)
from kiosk.services.voucher_codes import (
    InvalidVoucherCode,
    VoucherCodes,
    VoucherContent,
    b45decode,
    b45encode,
    key_id,
    sign,
)
from kiosk.services.voucher_key import (
    ED25519,
    SIGNING_ACTIONS,
    SIGNING_CREATED,
    PublicKeyError,
    export_public_key,
    load_public_keys,
    new_voucher_key,
    open_signing_key,
    open_voucher_codes,
    signing_key_file,
)
from kiosk.store.audit import AuditRepository
from kiosk.store.db import create_engine, read_session
from kiosk.store.seal import AuditSeal

KIOSK = KioskInfo("BJCY01", "朝阳区社会保障服务中心一楼大厅")
NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=CHINA_TZ).astimezone(dt.UTC)
NUMBER = format_voucher_number("BJCY01", NOW.date(), 42)
CONTENT = VoucherContent(NUMBER, "card_receipt", "陈*强", dt.date(2026, 12, 4), "BJCY-02")
HMAC_KEY = b"test-voucher-key"


@pytest.fixture
def private() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def codes(private: Ed25519PrivateKey) -> VoucherCodes:
    return VoucherCodes(HMAC_KEY, private)


def public_only(private: Ed25519PrivateKey) -> VoucherCodes:
    public = private.public_key()
    return VoucherCodes(public_keys={key_id(public): public})


def cose_parts(code: str) -> list[bytes]:
    return list(cbor2.loads(b45decode(code.removeprefix("SSK2:"))).value)


def reencode(parts: list[object]) -> str:
    return "SSK2:" + b45encode(cbor2.dumps(cbor2.CBORTag(18, parts)))


# Base45 (RFC 9285 section 4.4's examples) ------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"AB", "BB8"),
        (b"Hello!!", "%69 VD92EX0"),
        (b"base-45", "UJCLQE7W581"),
        (b"ietf!", "QED8WEX0"),
    ],
)
def test_base45_matches_the_rfc(raw: bytes, text: str) -> None:
    assert b45encode(raw) == text
    assert b45decode(text) == raw


@pytest.mark.parametrize("text", ["GGW", "A", "abc", "BB8Q", "ÄÄÄ"])
def test_base45_refuses_what_is_not_base45(text: str) -> None:
    with pytest.raises(ValueError):
        b45decode(text)


@given(st.binary(max_size=300))
def test_base45_round_trips(raw: bytes) -> None:
    assert b45decode(b45encode(raw)) == raw


# Codes ------------------------------------------------------------------------------------------


def test_a_code_verifies_with_the_public_key_alone(
    codes: VoucherCodes, private: Ed25519PrivateKey
) -> None:
    code = codes.sign(CONTENT)
    assert code.startswith("SSK2:") and len(code) < 300
    # Every character in the QR code's alphanumeric set, so the code stays compact.
    assert set(code) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
    verified = public_only(private).verify(code)
    assert (verified.number, verified.scheme, verified.content) == (NUMBER, "SSK2", CONTENT)
    assert verified.key_id == key_id(private.public_key())


def test_the_code_is_a_standard_cose_sign1(codes: VoucherCodes, private: Ed25519PrivateKey) -> None:
    protected, unprotected, payload, signature = cose_parts(codes.sign(CONTENT))
    assert cbor2.loads(protected) == {1: -8, 4: bytes.fromhex(key_id(private.public_key()))}
    assert dict(unprotected) == {}
    assert cbor2.loads(payload) == {
        1: NUMBER,
        2: "card_receipt",
        3: "陈*强",
        4: "2026-12-04",
        5: "BJCY-02",
    }
    to_sign = cbor2.dumps(["Signature1", protected, b"", payload])
    private.public_key().verify(signature, to_sign)  # raises if not the standard Sig_structure


def test_tampered_content_is_refused(codes: VoucherCodes, private: Ed25519PrivateKey) -> None:
    protected, _, payload, signature = cose_parts(codes.sign(CONTENT))
    fields = dict(cbor2.loads(payload))
    fields[3] = "王*明"  # another holder, the signature kept
    forged = reencode([protected, {}, cbor2.dumps(fields), signature])
    with pytest.raises(InvalidVoucherCode, match="signature does not match"):
        public_only(private).verify(forged)


def test_every_flipped_character_is_refused(
    codes: VoucherCodes, private: Ed25519PrivateKey
) -> None:
    code = codes.sign(CONTENT)
    checker = public_only(private)
    for i in range(5, len(code), 7):
        flipped = code[:i] + ("A" if code[i] != "A" else "B") + code[i + 1 :]
        with pytest.raises(InvalidVoucherCode):
            checker.verify(flipped)


def test_an_unknown_key_id_and_a_foreign_key_are_refused(
    codes: VoucherCodes, private: Ed25519PrivateKey
) -> None:
    foreign = Ed25519PrivateKey.generate()
    with pytest.raises(InvalidVoucherCode, match="not among the keys given"):
        public_only(foreign).verify(codes.sign(CONTENT))
    # A forger's key claiming our key id: the signature fails under the real key.
    protected, _, payload, _ = cose_parts(codes.sign(CONTENT))
    forged_sig = foreign.sign(cbor2.dumps(["Signature1", protected, b"", payload]))
    with pytest.raises(InvalidVoucherCode, match="signature does not match"):
        public_only(private).verify(reencode([protected, {}, payload, forged_sig]))


@pytest.mark.parametrize(
    "text",
    [
        "SSK2:",
        "SSK2:abc",
        "SSK2:" + "9" * 3000,
        "SSK2:" + b45encode(b"\x9b\xff\xff\xff\xff\xff\xff\xff\xff"),  # a huge array, no items
        "SSK2:" + b45encode(b"\x81" * 5000),  # nested arrays
        "SSK2:" + b45encode(cbor2.dumps(cbor2.CBORTag(98, [b"", {}, b"", b""]))),
        "SSK2:" + b45encode(cbor2.dumps([1, 2, 3, 4])),
        "SSK2:" + b45encode(cbor2.dumps([cbor2.dumps({1: -7}), {}, b"", b""])),
        "SSK2:" + b45encode(cbor2.dumps([cbor2.dumps({1: -8, 4: b"x"}), {}, b"", b""])),
        "SSK2:" + b45encode(cbor2.dumps([b"\xff", {}, b"", b""])),
        "garbage",
        "\x00" * 50,
    ],
)
def test_hostile_codes_are_refused_not_crashed(codes: VoucherCodes, text: str) -> None:
    with pytest.raises(InvalidVoucherCode):
        codes.verify(text)


def test_a_truncated_code_is_refused(codes: VoucherCodes) -> None:
    code = codes.sign(CONTENT)
    for end in (len(code) - 1, len(code) - 3, len(code) // 2, 6):
        with pytest.raises(InvalidVoucherCode):
            codes.verify(code[:end])


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_in_a_code_are_refused_or_valid_never_a_crash(raw: bytes) -> None:
    checker = VoucherCodes(HMAC_KEY, Ed25519PrivateKey.from_private_bytes(b"\x01" * 32))
    with pytest.raises(InvalidVoucherCode):
        checker.verify("SSK2:" + b45encode(raw))


def test_old_ssk1_codes_still_verify_with_the_hmac_key(
    codes: VoucherCodes, private: Ed25519PrivateKey
) -> None:
    old = sign(NUMBER, HMAC_KEY)
    verified = codes.verify(old)
    assert (verified.number, verified.scheme, verified.content) == (NUMBER, "SSK1", None)
    with pytest.raises(InvalidVoucherCode, match="secret key"):
        public_only(private).verify(old)  # public keys cannot check an HMAC
    with pytest.raises(InvalidVoucherCode):
        VoucherCodes(b"another kiosk", private).verify(old)


# Key files --------------------------------------------------------------------------------------


def test_public_key_files_round_trip_and_refuse_damage(tmp_path: Path) -> None:
    private = Ed25519PrivateKey.generate()
    written = export_public_key(private.public_key(), "BJCY01", tmp_path)
    kid = key_id(private.public_key())
    assert written == tmp_path / f"BJCY01-{kid}.pub"
    assert list(load_public_keys(written)) == [kid] == list(load_public_keys(tmp_path))
    edited = tmp_path / "edited.pub"
    edited.write_text(written.read_text().replace(kid, "0" * 16))
    with pytest.raises(PublicKeyError, match="does not match"):
        load_public_keys(edited)
    for bad in (
        b"",
        b"\xff\xfe",
        b"x" * 10_000,
        b"sscard-kiosk voucher public key v1\ned25519: zz\n",
    ):
        (tmp_path / "bad.pub").write_bytes(bad)
        with pytest.raises(PublicKeyError):
            load_public_keys(tmp_path / "bad.pub")
    with pytest.raises(PublicKeyError, match="No such file"):
        load_public_keys(tmp_path / "empty")
    (tmp_path / "empty").mkdir()
    with pytest.raises(PublicKeyError, match="no public key file"):
        load_public_keys(tmp_path / "empty")


def test_the_ed25519_key_file_is_never_taken_for_the_hmac_key(tmp_path: Path) -> None:
    hmac_file = tmp_path / "voucher-signing.key"
    load_or_create_key(hmac_file)
    signing = signing_key_file(hmac_file)
    assert signing.name == "voucher-signing-ed25519.key"
    load_or_create_key(signing, ED25519_KEY)
    assert signing.read_text().startswith("ed25519:") and signing.stat().st_mode & 0o777 == 0o600
    with pytest.raises(KeyMalformed):
        load_key(signing)
    with pytest.raises(KeyMalformed, match="ed25519:"):
        load_key(hmac_file, ED25519_KEY)


def test_the_signing_key_is_made_once_then_guarded(
    demo_sqlite: Callable[[dt.date], Engine], tmp_path: Path, audit_seal: AuditSeal
) -> None:
    sqlite_engine = demo_sqlite(NOW.date())
    path = tmp_path / "data" / "voucher-signing-ed25519.key"
    first = open_signing_key(sqlite_engine, path, "BJCY01", audit_seal, now=NOW)
    again = open_signing_key(sqlite_engine, path, "BJCY01", audit_seal, now=NOW)
    assert key_id(first.public_key()) == key_id(again.public_key())
    kept = path.read_bytes()
    path.unlink()
    with pytest.raises(KeyMissingWithVouchers, match="restore the key file"):
        open_signing_key(sqlite_engine, path, "BJCY01", audit_seal)
    load_or_create_key(path, ED25519_KEY)  # another key in its place
    with pytest.raises(KeyMismatch):
        open_signing_key(sqlite_engine, path, "BJCY01", audit_seal)
    path.unlink()
    path.write_bytes(kept)
    path.chmod(0o600)
    assert open_signing_key(sqlite_engine, path, "BJCY01", audit_seal)


def test_a_replaced_signing_key_still_verifies_what_it_signed(
    demo_sqlite: Callable[[dt.date], Engine], tmp_path: Path, audit_seal: AuditSeal
) -> None:
    sqlite_engine = demo_sqlite(NOW.date())
    hmac_file = tmp_path / "data" / "voucher-signing.key"
    _, before = open_voucher_codes(sqlite_engine, hmac_file, "BJCY01", audit_seal, now=NOW)
    old_code = before.sign(CONTENT)
    made = new_voucher_key(
        sqlite_engine,
        signing_key_file(hmac_file),
        "BJCY01",
        audit_seal,
        actor="tech7",
        replace=True,
        now=NOW,
        scheme=ED25519,
    )
    assert made.backup is not None
    _, after = open_voucher_codes(sqlite_engine, hmac_file, "BJCY01", audit_seal, now=NOW)
    assert after.sign(CONTENT) != old_code
    assert after.verify(old_code).key_id == before.verify(old_code).key_id != made.fingerprint


# A printed voucher, end to end ------------------------------------------------------------------


def qr_of(pdf: bytes, tmp_path: Path) -> str:
    (tmp_path / "v.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-singlefile", tmp_path / "v.pdf", tmp_path / "page"],
        check=True,
    )
    done = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", tmp_path / "page.png"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.rstrip("\n")  # not strip(): a space is a base45 digit


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (zbar-tools) not installed")
@pytest.mark.parametrize("layout", ["receipt80", "a4"])
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_printed_voucher_verifies_with_only_the_exported_public_key(
    demo_sqlite: Callable[[dt.date], Engine],
    audit_seal: AuditSeal,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    layout: str,
    language: str,
) -> None:
    engine = demo_sqlite(NOW.date())
    private = Ed25519PrivateKey.generate()
    printer = FakePrinter()
    service = BusinessService(
        engine,
        KIOSK,
        signing_key=HMAC_KEY,
        audit_seal=audit_seal,
        printer=printer,
        clock=lambda: NOW,
        layout=layout,  # type: ignore[arg-type]
        voucher_codes=VoucherCodes(HMAC_KEY, private),
    )
    request = ReissueRequest(
        "key-1", "BJCY01", "440106197811230350", "G44010629", ReissueReason.LOST, "BJCY-02"
    )
    receipt = service.apply_reissue(request)
    assert receipt.qr_payload.startswith("SSK2:")
    service.print_voucher(receipt.qr_payload, language)  # type: ignore[arg-type]
    (job,) = printer.jobs
    printed = qr_of(job.pdf, tmp_path)
    assert printed.startswith("SSK2:")
    assert service.lookup_code(printed).vouchers[0].voucher_number == receipt.voucher_number

    keys = tmp_path / "keys"
    keys.mkdir()
    export_public_key(private.public_key(), "BJCY01", keys)
    assert main(["voucher", "verify", printed, "--public-keys", str(keys)]) == 0
    out = capsys.readouterr().out
    kid = key_id(private.public_key())
    assert out.startswith(f"VALID voucher {receipt.voucher_number} signed with key {kid}")
    for signed in ("card_receipt", "陈*强", "BJCY-02", receipt.pickup.expected_date.isoformat()):  # type: ignore[union-attr]
        assert signed in out
    assert "440106" not in out  # nothing personal beyond the masked name

    other = tmp_path / "other"
    other.mkdir()
    export_public_key(Ed25519PrivateKey.generate().public_key(), "BJCY02", other)
    assert main(["voucher", "verify", printed, "--public-keys", str(other)]) == 1
    assert "not among the keys given" in capsys.readouterr().out


def test_new_key_and_export_key_through_the_command(sqlite_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = sqlite_factory.new("migrated", tmp_path)
    data_dir = tmp_path / "data"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env = {**clean, "KIOSK_DATABASE_URL": url, "KIOSK_DATA_DIR": str(data_dir)}
    env["KIOSK_KIOSK_ID"] = "BJCY01"

    def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "kiosk", "voucher", *args]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)

    out = tmp_path / "out"
    out.mkdir()
    refused = kiosk("export-key", "--out", str(out))
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr.startswith("No public key:") and len(refused.stderr.splitlines()) == 1

    made = kiosk("new-key", "--by", "tech7")
    assert made.returncode == 0, made.stderr
    key_file = data_dir / "voucher-signing-ed25519.key"
    kid = key_id(Ed25519PrivateKey.from_private_bytes(load_key(key_file, ED25519_KEY)).public_key())
    assert made.stdout.startswith(f"New voucher signing key (Ed25519) in {key_file} (key id {kid})")
    assert not (data_dir / "voucher-signing.key").exists()  # the HMAC key is not touched
    again = kiosk("new-key")
    assert again.returncode == 2 and "new-key --replace`" in again.stderr

    done = kiosk("export-key", "--out", str(out))
    assert (done.returncode, done.stderr) == (0, "")
    assert (
        done.stdout.strip() == f"Public key {kid} of kiosk BJCY01 written to {out}/BJCY01-{kid}.pub"
    )
    assert list(load_public_keys(out)) == [kid]
    assert load_key(key_file, ED25519_KEY).hex() not in (out / f"BJCY01-{kid}.pub").read_text()

    engine = create_engine(url)
    try:
        with read_session(engine) as session:
            entry = AuditRepository(session).newest("BJCY01", SIGNING_ACTIONS)
        assert entry is not None and (entry.action, entry.actor) == (SIGNING_CREATED, "tech7")
        assert entry.detail["key_id"] == kid
    finally:
        engine.dispose()


def test_the_voucher_desk_finds_a_voucher_by_its_ssk2_code_and_by_an_old_one(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    from desk_helpers import CLERK, KEY, make_desk

    from kiosk.domain.desk import DeskRefusal

    desk = make_desk(demo_engine, audit_seal)
    private = Ed25519PrivateKey.generate()
    desk.kiosk.context.voucher_codes = VoucherCodes(KEY, private)  # as the kiosk wires it
    number, code = desk.reissue()
    assert code.startswith("SSK2:")
    assert desk.desk.find_by_code(CLERK, code).number == number
    assert desk.desk.find_by_code(CLERK, sign(number, KEY)).number == number  # printed before
    foreign = VoucherCodes(private=Ed25519PrivateKey.generate()).sign(number)
    assert desk.refused(desk.desk.find_by_code, CLERK, foreign) is DeskRefusal.CODE_INVALID

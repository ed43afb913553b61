"""The signed QR payload: round trip, and every kind of tampering refused with a reason."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.domain.vouchers import format_voucher_number
from kiosk.services.voucher_codes import (
    InvalidVoucherCode,
    NumberCheck,
    VerifiedVoucher,
    check_number,
    sign,
    verify,
)

KEY = b"kiosk-key-one"
NUMBER = format_voucher_number("BJCY01", dt.date(2026, 11, 22), 42)


def test_round_trip_and_format() -> None:
    payload = sign(NUMBER, KEY)
    prefix, number, sig = payload.split(":")
    assert (prefix, number) == ("SSK1", NUMBER)
    assert len(sig) == 26 and sig.isalnum() and sig.upper() == sig
    assert verify(payload, KEY) == VerifiedVoucher(NUMBER)
    assert verify(f"  {payload}\n", KEY).number == NUMBER  # scanners add whitespace


def test_sign_normalises_a_typed_number_and_refuses_a_bad_one() -> None:
    assert sign(NUMBER.replace("-", "").lower(), KEY) == sign(NUMBER, KEY)
    with pytest.raises(ValueError):
        sign("BJCY01-20261122-000042-0", KEY)
    with pytest.raises(ValueError, match="key"):
        sign(NUMBER, b"")


def test_another_kiosk_key_fails() -> None:
    with pytest.raises(InvalidVoucherCode, match="signature does not match"):
        verify(sign(NUMBER, KEY), b"kiosk-key-two")


def test_a_tampered_number_fails_even_with_a_valid_check_character() -> None:
    other = format_voucher_number("BJCY01", dt.date(2026, 11, 22), 43)
    sig = sign(NUMBER, KEY).rsplit(":", 1)[1]
    with pytest.raises(InvalidVoucherCode, match="signature does not match"):
        verify(f"SSK1:{other}:{sig}", KEY)


def test_a_tampered_signature_fails() -> None:
    payload = sign(NUMBER, KEY)
    flipped = payload[:-1] + ("A" if payload[-1] != "A" else "B")
    with pytest.raises(InvalidVoucherCode, match="signature does not match"):
        verify(flipped, KEY)
    with pytest.raises(InvalidVoucherCode, match="wrong length"):
        verify(payload[:-2], KEY)


@pytest.mark.parametrize(
    "text",
    ["", "hello", "SSK2:" + NUMBER + ":" + "A" * 26, "SSK1:" + NUMBER, "SSK1:NOPE:" + "A" * 26],
)
def test_malformed_codes_are_refused(text: str) -> None:
    with pytest.raises(InvalidVoucherCode):
        verify(text, KEY)


def test_a_mistyped_number_fails_its_check_character() -> None:
    sig = sign(NUMBER, KEY).rsplit(":", 1)[1]
    broken = NUMBER[:-1] + ("0" if NUMBER[-1] != "0" else "1")
    with pytest.raises(InvalidVoucherCode, match="malformed or fails its check"):
        verify(f"SSK1:{broken}:{sig}", KEY)


def test_a_typed_number_alone_is_checked_by_its_check_character() -> None:
    assert check_number(NUMBER.replace("-", " ").lower()) == (NumberCheck.VALID, NUMBER)
    wrong = NUMBER[:-1] + ("0" if NUMBER[-1] != "0" else "1")
    assert check_number(wrong) == (NumberCheck.BAD_CHECK, None)
    swapped = NUMBER.replace("000042", "000024")  # two neighbours swapped
    assert check_number(swapped)[0] is NumberCheck.BAD_CHECK
    for text in ("", "hello", "BJCY01-2026-42", "SSK1:" + NUMBER):
        assert check_number(text) == (NumberCheck.MALFORMED, None)

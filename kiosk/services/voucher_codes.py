"""The voucher QR payload: the voucher number and a signature staff can check offline.

Format: ``SSK1:<voucher number>:<signature>`` where the signature is the first 16 bytes of
HMAC-SHA256(key, "SSK1:" + number), base32 without padding (26 characters, upper case and
digits only, so the QR code stays in its compact alphanumeric mode). The key is the kiosk's
voucher key, shared with the staff tools that check it.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import hmac
import re
from dataclasses import dataclass

from kiosk.domain.vouchers import normalize_voucher_number

PREFIX = "SSK1"
_SIG_BYTES = 16
_SIG_CHARS = 26  # base32 of 16 bytes, padding removed


class InvalidVoucherCode(ValueError):
    """A scanned voucher code that is malformed, or whose signature does not match."""


@dataclass(frozen=True, slots=True)
class VerifiedVoucher:
    number: str


def _signature(number: str, key: bytes) -> str:
    if not key:
        raise ValueError("the voucher signing key is empty")
    mac = hmac.new(key, f"{PREFIX}:{number}".encode(), hashlib.sha256).digest()[:_SIG_BYTES]
    return base64.b32encode(mac).decode("ascii").rstrip("=")


def sign(number: str, key: bytes) -> str:
    """The QR payload for voucher `number`; raises ValueError for a malformed number."""
    normal = normalize_voucher_number(number)
    if normal is None:
        raise ValueError("not a valid voucher number")
    return f"{PREFIX}:{normal}:{_signature(normal, key)}"


def verify(text: str, key: bytes) -> VerifiedVoucher:
    """Check a scanned payload; raises InvalidVoucherCode saying what is wrong."""
    parts = text.strip().split(":")
    if len(parts) != 3 or parts[0] != PREFIX:
        raise InvalidVoucherCode(f"not a voucher code (expected {PREFIX}:<number>:<signature>)")
    _, number, sig = parts
    normal = normalize_voucher_number(number)
    if normal is None or normal != number:
        raise InvalidVoucherCode("the voucher number in the code is malformed or fails its check")
    if len(sig) != _SIG_CHARS:
        raise InvalidVoucherCode("the signature in the code has the wrong length")
    if not hmac.compare_digest(sig.encode("ascii", "replace"), _signature(normal, key).encode()):
        raise InvalidVoucherCode(
            "the signature does not match: the code was altered or signed with another key"
        )
    return VerifiedVoucher(number=normal)


class NumberCheck(enum.Enum):
    """What a typed voucher number (no signature) can be said to be."""

    VALID = "valid"  # well formed and its check character is right
    BAD_CHECK = "bad_check"  # well formed, but the check character does not match
    MALFORMED = "malformed"  # not shaped like a voucher number at all


_NUMBER_SHAPE = re.compile(r"[A-Z0-9]{1,12}[0-9]{8}[0-9]{6}[0-9A-Z]")


def check_number(text: str) -> tuple[NumberCheck, str | None]:
    """Check a voucher number typed without its signature: (result, printed form if valid).

    A right check character only says the number was typed correctly, not that a kiosk
    issued it: only the signature in the QR code says that."""
    normal = normalize_voucher_number(text)
    if normal is not None:
        return NumberCheck.VALID, normal
    if _NUMBER_SHAPE.fullmatch(re.sub(r"[\s-]", "", text.upper())):
        return NumberCheck.BAD_CHECK, None
    return NumberCheck.MALFORMED, None

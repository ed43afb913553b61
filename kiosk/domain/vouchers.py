"""Voucher numbers: kiosk prefix, date, sequence and a check character, unique across the fleet.

`BJCY01-20261122-000042-7`: the kiosk's ID (unique in the fleet), the local date, that kiosk's
sequence for the day, and an ISO 7064 MOD 37,36 check character over the rest, which catches
every single mistyped character and every swap of two neighbours when staff type a number in.
"""

from __future__ import annotations

import datetime as dt
import re

_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_KIOSK_ID = re.compile(r"[A-Z0-9]{1,12}")
# [0-9], not \d: \d also matches Arabic-Indic and full-width digits, which the check character
# cannot be computed over.
_NUMBER = re.compile(r"([A-Z0-9]{1,12})([0-9]{8})([0-9]{6})([0-9A-Z])")
MAX_SEQUENCE = 999_999


def check_char(text: str) -> str:
    """ISO 7064 MOD 37,36 (hybrid) check character over letters and digits."""
    m = len(_ALPHABET)
    p = m
    for ch in text:
        p = ((p + _ALPHABET.index(ch)) % m or m) * 2 % (m + 1)
    return _ALPHABET[(m + 1 - p) % m]


def is_kiosk_id(text: str) -> bool:
    """A kiosk ID that can begin a voucher number: 1-12 characters A-Z, 0-9 (ASCII)."""
    return _KIOSK_ID.fullmatch(text) is not None


def format_voucher_number(kiosk_id: str, day: dt.date, seq: int) -> str:
    if not is_kiosk_id(kiosk_id):
        raise ValueError("kiosk ID must be 1-12 characters A-Z, 0-9")
    if not 1 <= seq <= MAX_SEQUENCE:
        raise ValueError("voucher sequence out of range")
    body = f"{kiosk_id}{day:%Y%m%d}{seq:06d}"
    return f"{kiosk_id}-{day:%Y%m%d}-{seq:06d}-{check_char(body)}"


def normalize_voucher_number(text: str) -> str | None:
    """A typed or scanned voucher number in its printed form, or None if it cannot be one."""
    compact = re.sub(r"[\s-]", "", text.upper())
    match = _NUMBER.fullmatch(compact)
    if not match:
        return None
    kiosk_id, day, seq, check = match.groups()
    if check_char(kiosk_id + day + seq) != check:
        return None
    return f"{kiosk_id}-{day}-{seq}-{check}"

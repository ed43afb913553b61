"""Decoders for the record encodings of CARD_PROFILE.md: TLV records, BCD, GBK and ASCII.

Every decoder raises `CardUnreadable` with a reason naming the field, never the value, so a
hostile or damaged card can only ever produce that one exception type.
"""

from __future__ import annotations

import datetime as dt
import re

from kiosk.card.errors import CardUnreadable
from kiosk.domain.ids import is_valid_card_number, is_valid_id_number

_SPEC_VERSION = re.compile(r"[0-9]\.[0-9][0-9]")


def tlv_value(record: bytes, tag: int, length: int, field: str) -> bytes:
    """The value of a `tag | length | value` record, checked against the profile's tag and
    fixed length."""
    if len(record) < 2:
        raise CardUnreadable("bad_record", f"{field}: record of {len(record)} byte(s)")
    if record[0] != tag:
        raise CardUnreadable("bad_record", f"{field}: tag {record[0]:02X}, expected {tag:02X}")
    if record[1] != length or len(record) != 2 + length:
        raise CardUnreadable(
            "bad_record", f"{field}: length {record[1]}/{len(record) - 2}, expected {length}"
        )
    return record[2:]


def bcd_digits(value: bytes, field: str, *, f_padded: bool = False) -> str:
    """Packed BCD to a digit string; with `f_padded`, trailing F nibbles end the number."""
    text = value.hex().upper()
    if f_padded:
        text = text.rstrip("F")
    if not (text.isascii() and text.isdigit()):
        raise CardUnreadable("bad_bcd", field)
    return text


def bcd_date(value: bytes, field: str) -> dt.date:
    """A BCD YYYYMMDD date; birth, issue and expiry dates all fall within 1900-2099."""
    digits = bcd_digits(value, field)
    try:
        date = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise CardUnreadable("bad_date", field) from None
    if not 1900 <= date.year <= 2099:
        raise CardUnreadable("bad_date", f"{field}: year out of range")
    return date


def ascii_text(value: bytes, field: str) -> str:
    """Printable ASCII only."""
    text = value.decode("ascii") if value.isascii() else ""
    if len(text) != len(value) or not text.isprintable():
        raise CardUnreadable("bad_ascii", field)
    return text


def gbk_text(value: bytes, field: str) -> str:
    """GBK text right-padded with 00; anything after the first 00 must be padding too."""
    text_bytes, _, padding = value.partition(b"\x00")
    if padding.strip(b"\x00"):
        raise CardUnreadable("bad_text", f"{field}: data after the padding")
    try:
        text = text_bytes.decode("gbk")
    except UnicodeDecodeError:
        raise CardUnreadable("bad_text", f"{field}: not GBK") from None
    if any(not ch.isprintable() for ch in text):
        raise CardUnreadable("bad_text", f"{field}: control characters")
    return text


def card_number(value: bytes) -> str:
    text = ascii_text(value, "card number").upper()
    if not is_valid_card_number(text):
        raise CardUnreadable("bad_check_character", "card number")
    return text


def ssn(value: bytes, today: dt.date | None = None) -> str:
    text = ascii_text(value, "social security number").upper()
    if not is_valid_id_number(text, today):
        raise CardUnreadable("bad_check_character", "social security number")
    return text


def spec_version(value: bytes) -> str:
    text = ascii_text(value, "spec version")
    if not _SPEC_VERSION.fullmatch(text):
        raise CardUnreadable("bad_ascii", "spec version")
    return text

"""Voucher numbers: format, and a check character that catches typing mistakes."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from kiosk.domain.vouchers import check_char, format_voucher_number, normalize_voucher_number

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def test_format_and_normalize() -> None:
    number = format_voucher_number("BJCY01", dt.date(2026, 11, 22), 42)
    assert number.startswith("BJCY01-20261122-000042-") and len(number) == 24
    assert normalize_voucher_number(number) == number
    assert normalize_voucher_number(number.lower().replace("-", " ")) == number
    assert normalize_voucher_number(number[:-1] + "?") is None
    with pytest.raises(ValueError):
        format_voucher_number("bj-01", dt.date(2026, 11, 22), 1)
    with pytest.raises(ValueError):
        format_voucher_number("BJ01", dt.date(2026, 11, 22), 0)


def test_every_single_substitution_and_adjacent_swap_is_caught() -> None:
    body = "BJCY0120261122000042"
    good = check_char(body)
    for i, ch in itertools.product(range(len(body)), ALPHABET):
        if ch != body[i]:
            assert check_char(body[:i] + ch + body[i + 1 :]) != good
    for i in range(len(body) - 1):
        if body[i] != body[i + 1]:
            swapped = body[:i] + body[i + 1] + body[i] + body[i + 2 :]
            assert check_char(swapped) != good

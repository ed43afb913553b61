"""One masking rule for names, ID numbers and card numbers (S2)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.masking import mask_card_number, mask_id_number, mask_id_numbers_in, mask_name


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三丰", "张*丰"),
        ("张三", "张*"),
        ("王晓明", "王*明"),
        ("欧阳娜娜", "欧**娜"),
        ("张", "*"),
        ("", "*"),
        ("-", "*"),
        ("  李静 ", "李*"),
        ("阿卜杜热合曼·艾合买提江·买买提依明", "阿*****·*****·****明"),
        ("JOHN SMITH", "J*** ****H"),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_mask_id_number() -> None:
    assert mask_id_number("11010519491231002X") == "1101**********002X"
    assert mask_id_number("110105491231002") == "*" * 15  # too short to show 8 of it
    assert mask_id_number("") == ""


def test_mask_card_number() -> None:
    assert mask_card_number("A1052103X") == "A1*****3X"
    assert mask_card_number("A105") == "****"


@given(st.text(min_size=1, max_size=40))
def test_masking_never_shows_more_than_it_hides(text: str) -> None:
    for mask, shown in ((mask_id_number, 8), (mask_card_number, 4)):
        masked = mask(text)
        visible = sum(1 for a, b in zip(masked, text.strip(), strict=True) if a == b != "*")
        assert visible <= shown
        assert len(masked) == len(text.strip())
    name = mask_name(text)
    assert name.count("*") >= 1


def test_id_numbers_in_free_text_are_masked_and_voucher_numbers_left_alone() -> None:
    text = "holder 11010519491231002x asked; voucher BJCY01202612050001237; 110105194912310021"
    assert mask_id_numbers_in(text) == (
        "holder 1101**********002x asked; voucher BJCY01202612050001237; 1101**********0021"
    )
    assert mask_id_numbers_in("no number here, 12345") == "no number here, 12345"
    # A voucher whose kiosk id ends in digits holds 18 digits in a row: not an ID number.
    assert mask_id_numbers_in("K1101051949123100217") == "K1101051949123100217"

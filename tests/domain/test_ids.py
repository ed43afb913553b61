import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.ids import (
    IdProblem,
    card_check_char,
    check_id_prefix,
    id_check_char,
    id_gender_code,
    is_valid_card_number,
    is_valid_id_number,
)

TODAY = dt.date(2026, 11, 22)


def test_profile_examples():
    assert id_check_char("11010519491231002") == "X"
    assert is_valid_id_number("11010519491231002X", TODAY)
    assert card_check_char("X0000001") == "9"
    assert is_valid_card_number("X00000019")


# The profile's example number in full-width and in Arabic-Indic digits: int() reads both, so a
# check on str.isdigit() alone let them through as that number's twin.
OTHER_DIGITS = [
    "11010519491231002X".translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "11010519491231002X".translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")),
]


@pytest.mark.parametrize("text", OTHER_DIGITS)
def test_only_ascii_digits_make_an_id_or_card_number(text):
    assert not is_valid_id_number(text, TODAY)
    assert check_id_prefix(text, TODAY).problem is IdProblem.BAD_CHARACTER
    with pytest.raises(ValueError):
        id_check_char(text[:17])
    assert not is_valid_card_number("X0000001" + "９")
    assert not is_valid_card_number("X００００００１9")


def test_card_check_char_wraps_to_zero_and_x():
    # c = 11 is written 0 and c = 10 is written X (CARD_PROFILE.md)
    found = {card_check_char(f"A{n:07d}") for n in range(200)}
    assert {"0", "X"} <= found


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("0", IdProblem.BAD_REGION),
        ("11010A", IdProblem.BAD_CHARACTER),
        ("1101053", IdProblem.BAD_BIRTH_DATE),  # year 3xxx
        ("110105194920", IdProblem.BAD_BIRTH_DATE),  # month 2x
        ("11010519491331", IdProblem.BAD_BIRTH_DATE),  # 13th month
        ("11010520991231", IdProblem.BAD_BIRTH_DATE),  # in the future
        ("110105194912310021", IdProblem.BAD_CHECK),
        ("11010519491231002X1", IdProblem.TOO_LONG),
    ],
)
def test_prefix_flags_the_key_that_made_the_mistake(typed, problem):
    assert check_id_prefix(typed, TODAY).problem is problem


def test_every_prefix_of_a_valid_number_is_fine():
    number = "11010519491231002X"
    for n in range(18):
        check = check_id_prefix(number[:n], TODAY)
        assert check.ok and not check.complete
    assert check_id_prefix(number, TODAY).complete
    assert check_id_prefix(number.lower(), TODAY).complete


@given(st.text(max_size=20))
def test_prefix_check_never_raises_and_only_valid_numbers_are_complete(text):
    check = check_id_prefix(text, TODAY)
    assert check.complete == (check.ok and len(text) == 18)
    if check.complete:
        assert id_check_char(text[:17]) == text[17].upper()


@given(
    st.from_regex(
        r"[1-8][0-9]{5}(19[0-9]{2}|200[0-9])(0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])[0-9]{3}",
        fullmatch=True,
    )
)
def test_check_char_makes_any_good_prefix_valid_and_any_other_char_invalid(first17):
    good = first17 + id_check_char(first17)
    assert is_valid_id_number(good, TODAY)
    for other in "0123456789X":
        if other != good[-1]:
            assert not is_valid_id_number(first17 + other, TODAY)


def test_gender_from_sequence_parity():
    assert id_gender_code("11010519491231002X") == "2"
    assert id_gender_code("110105194912310011"[:16] + "1" + "0") == "1"

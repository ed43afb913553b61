"""Check characters of the citizen identity number (GB 11643, ISO 7064 MOD 11-2) and of the
9-character social security card number (CARD_PROFILE.md)."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_CARD_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def _digits(text: str) -> bool:
    """ASCII digits only: str.isdigit() also takes full-width and other scripts' digits, which
    int() reads as numbers, so "１１０…" would pass as an ID number it does not equal."""
    return text.isascii() and text.isdigit()


def id_check_char(first17: str) -> str:
    """The MOD 11-2 check character for the first 17 digits of an identity number."""
    if len(first17) != 17 or not _digits(first17):
        raise ValueError("need 17 digits")
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


class IdProblem(enum.Enum):
    """Why a (partly) typed identity number is not acceptable; the UI words each one."""

    BAD_CHARACTER = "bad_character"  # a non-digit before position 18, or not 0-9/X at 18
    BAD_REGION = "bad_region"  # the region code cannot be one (first digit 0 or 9)
    BAD_BIRTH_DATE = "bad_birth_date"  # positions 7-14 are not a real past date
    BAD_CHECK = "bad_check"  # the 18th character does not match
    TOO_LONG = "too_long"


@dataclass(frozen=True)
class IdCheck:
    problem: IdProblem | None
    complete: bool

    @property
    def ok(self) -> bool:
        return self.problem is None


def check_id_prefix(text: str, today: dt.date | None = None) -> IdCheck:
    """Check an identity number as it is typed, digit by digit.

    A prefix is fine while nothing typed so far can be wrong; the result says whether all 18
    characters are there and valid. The kiosk uses this to flag a mistake at the key that made it.
    """
    text = text.upper()
    if len(text) > 18:
        return IdCheck(IdProblem.TOO_LONG, False)
    head = text[:17]
    if head and not _digits(head):
        return IdCheck(IdProblem.BAD_CHARACTER, False)
    if text and text[0] in "09":
        return IdCheck(IdProblem.BAD_REGION, False)
    if not _birth_date_so_far_ok(text[6:14], today or dt.date.today()):
        return IdCheck(IdProblem.BAD_BIRTH_DATE, False)
    if len(text) == 18:
        if text[17] not in "0123456789X":
            return IdCheck(IdProblem.BAD_CHARACTER, False)
        if id_check_char(head) != text[17]:
            return IdCheck(IdProblem.BAD_CHECK, False)
        return IdCheck(None, True)
    return IdCheck(None, False)


def is_valid_id_number(text: str, today: dt.date | None = None) -> bool:
    check = check_id_prefix(text, today)
    return check.ok and check.complete


def id_birth_date(id_number: str) -> dt.date:
    return dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


def id_gender_code(id_number: str) -> str:
    """'1' male, '2' female, from the parity of the sequence digits (odd = male)."""
    return "1" if int(id_number[16]) % 2 else "2"


def _birth_date_so_far_ok(digits: str, today: dt.date) -> bool:
    """Whole YYYYMMDD: a real date from 1900 to today. Partial: could still become one."""
    if len(digits) == 8:
        try:  # dt.date over strptime: a card read checks this, and strptime is 20x slower
            born = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        except ValueError:
            return False
        return dt.date(1900, 1, 1) <= born <= today
    year = digits[:4]
    if year and not "1900"[: len(year)] <= year <= "2099"[: len(year)]:
        return False
    if len(digits) >= 5 and digits[4] not in "01":
        return False
    if len(digits) >= 6 and not 1 <= int(digits[4:6]) <= 12:
        return False
    return not (len(digits) >= 7 and digits[6] not in "0123")


def _char_value(ch: str) -> int:
    if _digits(ch):
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    raise ValueError(f"card number character {ch!r} is not 0-9 or A-Z")


def card_check_char(first8: str) -> str:
    """The check character of a card number (CARD_PROFILE.md: weights 3 7 9 10 5 8 4 2)."""
    if len(first8) != 8:
        raise ValueError("need 8 characters")
    total = sum(_char_value(c) * w for c, w in zip(first8.upper(), _CARD_WEIGHTS, strict=True))
    c = 11 - total % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def is_valid_card_number(text: str) -> bool:
    if len(text) != 9:
        return False
    try:
        return card_check_char(text[:8]) == text[8].upper()
    except ValueError:
        return False

"""The one place personal data is masked (S2): screens, vouchers and logs all call these.

Each function masks whatever it is given, even malformed input, and never reveals more than it
would of a well-formed value: masking must not be the thing that fails on a bad record.
"""

from __future__ import annotations

import re

MASK = "*"
# An ID number standing alone in free text (not inside a longer run of letters and digits, such
# as a voucher number, whose digits may be as long).
_ID_NUMBER_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
# Separators inside a name stay visible: they show the name's shape, not its content.
_NAME_SEPARATORS = frozenset("·• -")


def mask_name(name: str) -> str:
    """张三丰 → 张*丰, 张三 → 张*, 欧阳娜娜 → 欧**娜, 张 → *.

    Two characters keep only the first (keeping both would mask nothing); longer names keep the
    first and the last, the usual way Chinese agencies print a name on a receipt.
    """
    name = name.strip()
    letters = [i for i, ch in enumerate(name) if ch not in _NAME_SEPARATORS]
    if not letters:
        return MASK
    if len(letters) == 1:
        return "".join(MASK if ch not in _NAME_SEPARATORS else ch for ch in name) or MASK
    keep = {letters[0]} if len(letters) == 2 else {letters[0], letters[-1]}
    return "".join(ch if i in keep or ch in _NAME_SEPARATORS else MASK for i, ch in enumerate(name))


def mask_id_number(id_number: str) -> str:
    """11010519491231002X → 1101**********002X: the first 4 and the last 4 stay (S2)."""
    return _keep_ends(id_number.strip(), 4, 4)


def mask_id_numbers_in(text: str) -> str:
    """Free text (a reason typed by a clerk, a tampered audit detail) with every ID number in
    it masked: what a screen shows of text nobody vetted."""
    return _ID_NUMBER_IN_TEXT.sub(lambda found: mask_id_number(found.group()), text)


def mask_card_number(card_number: str) -> str:
    """A12345675 → A1*****75: the first 2 and the last 2 of the 9 characters stay."""
    return _keep_ends(card_number.strip(), 2, 2)


def _keep_ends(text: str, head: int, tail: int) -> str:
    # A value too short to hide at least as much as it shows is masked whole.
    if len(text) < 2 * (head + tail):
        return MASK * len(text) if text else ""
    return text[:head] + MASK * (len(text) - head - tail) + text[len(text) - tail :]


def mask_region_code(code: str) -> str:
    """110105 → 1101**: the province and city stay, as the masked ID number shows them anyway;
    the district goes. A district with a birth year narrows a masked ID number to a few dozen
    people, so what a masked report shows of a region stops where the masked ID number does."""
    code = code.strip()
    if len(code) <= 4:
        return MASK * len(code)
    return code[:4] + MASK * (len(code) - 4)


def mask_whole(value: str) -> str:
    """Every character masked, the length kept: for personal fields the screens never show
    (birth date, birthplace, ethnicity), where even a part narrows a masked ID number down."""
    return MASK * len(value.strip())

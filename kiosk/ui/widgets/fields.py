"""The entry fields of the business screens: an ID number, a mobile number, a voucher number
(and for staff, an amount of yuan), each an `EntryField` (kiosk.ui.widgets.entry) that knows
which characters it takes and what makes its value wrong, in one plain sentence. `FieldGroup`
ties fields to one pad: tap a field to type into it; a field that is complete and right hands
over to the next one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kiosk.domain.desk import MAX_REIMBURSEMENT_FEN, parse_yuan
from kiosk.domain.ids import IdProblem, check_id_prefix
from kiosk.domain.vouchers import normalize_voucher_number
from kiosk.ui.i18n import format_yuan
from kiosk.ui.widgets.entry import EntryField, FieldCheck

ID_LENGTH = 18
MOBILE_LENGTH = 11
VOUCHER_MAX = 26  # BJCY01-20261122-000042-7 is 24; a longer kiosk ID leaves some room


def _first_bad(text: str) -> int:
    """The index of the key that made an ID number wrong: the shortest prefix that fails."""
    for k in range(1, len(text) + 1):
        if not check_id_prefix(text[:k]).ok:
            return k - 1
    return len(text) - 1


class IdNumberField(EntryField):
    """An 18-character citizen ID number, checked digit by digit (kiosk.domain.ids)."""

    allowed = "0123456789X"
    length = ID_LENGTH
    groups = (6, 8, 4)

    def accepts(self, ch: str) -> bool:
        # X is only ever the check character, the 18th.
        if ch == "X":
            return len(self.text) == ID_LENGTH - 1
        return super().accepts(ch)

    def validate(self, text: str) -> FieldCheck:
        result = check_id_prefix(text)
        if result.ok:
            return FieldCheck(result.complete)
        at = _first_bad(text)
        problem = result.problem
        if problem is IdProblem.BAD_REGION:
            return FieldCheck(False, self.tr("An ID number cannot start with 0 or 9."), at, (0, 6))
        if problem is IdProblem.BAD_BIRTH_DATE:
            return FieldCheck(
                False,
                self.tr("The 7th to 14th digits must be a date of birth, like 19850612."),
                at,
                (6, 14),
            )
        if problem is IdProblem.BAD_CHECK:
            return FieldCheck(
                False,
                self.tr(
                    "The last character does not fit the 17 before it: "
                    "a digit may be mistyped. Please check the number."
                ),
                at,
                (17, 18),
            )
        return FieldCheck(False, self.tr("Only the last character can be X."), at, (at, at + 1))

    def hint(self) -> str:
        return self.tr("18 characters, as on the ID card. The last may be X.")


class MobileField(EntryField):
    """An 11-digit mainland mobile number, 1[3-9]xxxxxxxxx."""

    length = MOBILE_LENGTH
    groups = (3, 4, 4)

    def validate(self, text: str) -> FieldCheck:
        if text and text[0] != "1":
            return FieldCheck(False, self.tr("A mobile number starts with 1."), 0, (0, 1))
        if len(text) >= 2 and text[1] not in "3456789":
            return FieldCheck(
                False, self.tr("The second digit of a mobile number is 3 to 9."), 1, (1, 2)
            )
        return FieldCheck(len(text) == MOBILE_LENGTH)

    def hint(self) -> str:
        return self.tr("11 digits, starting with 1.")


_VOUCHER_SHAPE = re.compile(
    r"[A-Z0-9]{1,12}(20[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01]))[0-9]{6}[0-9A-Z]"
)


class VoucherField(EntryField):
    """A voucher number as printed (BJCY01-20261122-000042-7), dashes optional; once it is
    complete and its check character fits, it is shown in its printed form."""

    allowed = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-"
    max_length = VOUCHER_MAX

    def accepts(self, ch: str) -> bool:
        if ch == "-" and (not self.text or self.text.endswith("-")):
            return False
        return super().accepts(ch)

    @property
    def value(self) -> str:
        return normalize_voucher_number(self.text) or self.text

    def _set(self, text: str, *, force: bool = False) -> None:
        normal = normalize_voucher_number(text)
        # Typed without dashes: show the dashes once the number is whole and right.
        if normal is not None and len(text) > len(self.text):
            text = normal
        super()._set(text, force=force)

    def validate(self, text: str) -> FieldCheck:
        if normalize_voucher_number(text) is not None:
            return FieldCheck(True)
        compact = re.sub(r"-", "", text)
        if _VOUCHER_SHAPE.fullmatch(compact):
            # As long as a whole number, with a real date in it, yet the check fails: a typo.
            return FieldCheck(
                False,
                self.tr(
                    "This voucher number does not add up: a character may be mistyped. "
                    "Please compare it with your voucher."
                ),
                None,
                (0, len(text)),
            )
        return FieldCheck(False)

    def hint(self) -> str:
        return self.tr("Letters and digits as printed under the QR code. Dashes are optional.")


class AmountField(EntryField):
    """An amount of yuan from the decimal pad: digits, one point, at most two decimals; the
    hint shows it as it will be recorded (¥1,234.50)."""

    allowed = "0123456789."
    max_length = 12

    def accepts(self, ch: str) -> bool:
        if not super().accepts(ch):
            return False
        whole, point, decimals = self.text.partition(".")
        if ch == ".":
            return bool(whole) and not point
        return len(decimals) < 2 if point else len(whole) < 9

    def validate(self, text: str) -> FieldCheck:
        fen = parse_yuan(text)
        if fen is None or fen == 0:
            return FieldCheck(False)
        if fen > MAX_REIMBURSEMENT_FEN:
            return FieldCheck(
                False,
                self.tr("At most {amount}.").format(amount=format_yuan(MAX_REIMBURSEMENT_FEN)),
                len(text) - 1,
                (0, len(text)),
            )
        return FieldCheck(True)

    def hint(self) -> str:
        fen = parse_yuan(self.text)
        return format_yuan(fen) if fen else ""


class FieldGroup(QObject):
    """Fields typed into from one pad: the active field takes the pad's keys, a tap makes a
    field active, and a fixed-length field that is complete and right moves on to the next
    field still empty or wrong."""

    changed = Signal()

    def __init__(self, pad: QWidget, fields: Sequence[EntryField], parent: QObject | None = None):
        super().__init__(parent)
        self._pad = pad
        self._fields = list(fields)
        self._active: EntryField | None = None
        for field in self._fields:
            field.activated.connect(lambda f=field: self.activate(f))
            field.changed.connect(lambda f=field: self._on_changed(f))
        if self._fields:
            self.activate(self._fields[0])

    @property
    def fields(self) -> list[EntryField]:
        return list(self._fields)

    @property
    def active(self) -> EntryField | None:
        return self._active

    @property
    def all_valid(self) -> bool:
        return all(f.is_valid for f in self._fields)

    def activate(self, field: EntryField | None, *, focus: bool = False) -> None:
        if field is self._active and field is not None:
            if focus:
                field.setFocus()
            return
        self._active = field
        for f in self._fields:
            f.set_active(f is field)
        self._pad.set_target(field)  # type: ignore[attr-defined]
        if focus and field is not None:
            field.setFocus()

    def activate_first_open(self) -> None:
        """The first field not yet right (or the first field), with the keyboard focus."""
        open_fields = [f for f in self._fields if not f.is_valid]
        self.activate(open_fields[0] if open_fields else self._fields[0], focus=True)

    def doubt_all(self) -> None:
        """None of the values is confirmed any more (see EntryField.doubt)."""
        for field in self._fields:
            field.doubt()

    def clear(self) -> None:
        for field in self._fields:
            field.clear()
        if self._fields:
            self.activate(self._fields[0])

    def _on_changed(self, field: EntryField) -> None:
        if field is self._active and field.length and field.is_valid:
            later = self._fields[self._fields.index(field) + 1 :]
            following = [f for f in later if not f.is_valid]
            if following:
                self.activate(following[0], focus=field.hasFocus())
        self.changed.emit()

"""On-screen pads that type into an entry field (kiosk.ui.widgets.fields): digits and X for ID
and mobile numbers, letters, digits and a dash for voucher numbers, and digits and a decimal
point for an amount of money.

A pad types into one target field at a time; keys the target would refuse are greyed out (X
lights up only for the 18th character of an ID number, digits go grey once a field is full),
so the pad itself shows what can come next. Unlike the PIN keypad, nothing here is secret.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget

from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.entry import EntryField

DIGITS = "digits"
ALPHANUMERIC = "alnum"
DECIMAL = "decimal"

_DIGIT_ROWS = ("123", "456", "789", "X0")
_DECIMAL_ROWS = ("123", "456", "789", ".0")
_ALNUM_ROWS = ("1234567890-", "ABCDEFGHIJKLM", "NOPQRSTUVWXYZ")


def _key_name(ch: str) -> str:
    return {"-": "Dash", ".": "Point"}.get(ch, ch)


class TextPad(QWidget):
    """A grid of large keys typing into `target`; Delete takes the last character back."""

    def __init__(
        self,
        layout: str = DIGITS,
        *,
        object_name: str = "textPad",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if layout not in (DIGITS, ALPHANUMERIC, DECIMAL):
            raise ValueError(f"unknown pad layout {layout!r}")
        self.setObjectName(object_name)
        self.setProperty("role", "textPad")
        self._layout_name = layout
        self._target: EntryField | None = None
        self.keys: dict[str, KioskButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        numeric = layout in (DIGITS, DECIMAL)
        grid.setHorizontalSpacing(SPACING.m if numeric else SPACING.s)
        grid.setVerticalSpacing(SPACING.s + 2)
        rows = {DIGITS: _DIGIT_ROWS, DECIMAL: _DECIMAL_ROWS}.get(layout, _ALNUM_ROWS)
        for r, row in enumerate(rows):
            for c, ch in enumerate(row):
                key = KioskButton(f"{object_name}Key{_key_name(ch)}", kind="key", parent=self)
                key.setText(ch)
                key.setMinimumWidth(112 if numeric else 64)
                key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                key.clicked.connect(lambda _=False, k=ch: self.press(k))
                self.keys[ch] = key
                grid.addWidget(key, r, c)
        self.delete_key = KioskButton(
            f"{object_name}Delete", kind="keyAction", icon_name="delete", parent=self
        )
        self.delete_key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.delete_key.clicked.connect(self.delete)
        if numeric:
            grid.addWidget(self.delete_key, 3, 2)
        else:
            grid.addWidget(self.delete_key, 0, 11, 1, 2)
        self.retranslate()

    @property
    def target(self) -> EntryField | None:
        return self._target

    def set_target(self, field: EntryField | None) -> None:
        """Type into `field` from now on (None: the pad does nothing)."""
        if self._target is not None:
            self._target.changed.disconnect(self._refresh)
        self._target = field
        if field is not None:
            field.changed.connect(self._refresh)
        self._refresh()

    def press(self, ch: str) -> None:
        if self._target is not None and self.isEnabled():
            self._target.insert(ch)

    def delete(self) -> None:
        if self._target is not None and self.isEnabled():
            self._target.backspace()

    def _refresh(self) -> None:
        target = self._target
        for ch, key in self.keys.items():
            key.setEnabled(target is not None and target.accepts(ch))
        self.delete_key.setEnabled(target is not None and bool(target.text))

    def retranslate(self) -> None:
        self.delete_key.set_text(self.tr("Delete"), self.tr("Delete the last character"))
        for ch, key in self.keys.items():
            if ch == "-":
                key.setAccessibleName(self.tr("Dash"))
            elif ch == "X":
                key.setAccessibleName(self.tr("Letter X"))
            elif ch == ".":
                key.setAccessibleName(self.tr("Decimal point"))
            else:
                key.setAccessibleName(ch)
        if self._layout_name in (DIGITS, DECIMAL):
            self.setAccessibleName(self.tr("Number keypad"))
        else:
            self.setAccessibleName(self.tr("Letter and number keypad"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

"""The on-screen keyboard for staff mode (a kiosk has no keyboard): lower-case letters, a Shift
that stays on until tapped again, digits, a page of symbols, Space, Delete and Enter. It
types into one target at a time, like the citizen's pads (kiosk.ui.widgets.textpad): an entry
field for a login or a reason, or a `SecretField` for a password.

A `TextField` takes free text: a reason, a name (letters, digits, spaces and punctuation from
the keyboard; a value put in, such as a name with Chinese characters, is kept as it is).

A `SecretField` shows one dot per character typed and keeps the characters in a bytearray and
nowhere else (never a QString, a label or a property): `take()` hands the buffer over (the
login wipes it) and starts a fresh one; `clear()` zeroes it in place.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QSizePolicy, QWidget

from kiosk.domain.staff import PASSWORD_MAX_BYTES, wipe
from kiosk.ui.theme import PALETTE, SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.entry import EntryField, FieldCheck

_LETTER_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm")
_SYMBOL_ROWS = ("1234567890", "!@#$%^&*()", "-_=+[]{};", ":'\",./?~")
_KEY_NAMES = {
    " ": "Space",
    "!": "Exclam",
    "@": "At",
    "#": "Hash",
    "$": "Dollar",
    "%": "Percent",
    "^": "Caret",
    "&": "Amp",
    "*": "Star",
    "(": "ParenL",
    ")": "ParenR",
    "-": "Dash",
    "_": "Underscore",
    "=": "Equals",
    "+": "Plus",
    "[": "BracketL",
    "]": "BracketR",
    "{": "BraceL",
    "}": "BraceR",
    ";": "Semicolon",
    ":": "Colon",
    "'": "Quote",
    '"': "DoubleQuote",
    ",": "Comma",
    ".": "Dot",
    "/": "Slash",
    "?": "Question",
    "~": "Tilde",
}


class KeyTarget(Protocol):
    """What the keyboard types into (an EntryField, a SecretField)."""

    def insert(self, ch: str) -> bool: ...

    def backspace(self) -> None: ...

    def accepts(self, ch: str) -> bool: ...

    @property
    def has_text(self) -> bool: ...


def key_name(ch: str) -> str:
    """The part of a key's objectName after "Key": the letter or digit, or a word."""
    return _KEY_NAMES.get(ch, ch.upper() if ch.isalpha() else ch)


class Keyboard(QWidget):
    """Four rows of keys and a bottom row (Shift, symbols, Space, Delete, Enter)."""

    enter = Signal()

    def __init__(self, *, object_name: str = "keyboard", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setProperty("role", "keyboard")
        self._target: KeyTarget | None = None
        self._changed_source: QWidget | None = None
        self._shift = False
        self._symbols = False
        self.keys: list[KioskButton] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(SPACING.xs + 2)
        grid.setVerticalSpacing(SPACING.xs + 2)
        for r in range(len(_LETTER_ROWS)):
            for c in range(10):
                key = KioskButton(f"{object_name}Key{r}{c}", kind="key", parent=self)
                key.setMinimumWidth(56)
                key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                key.clicked.connect(lambda _=False, k=key: self.press(k.property("char") or ""))
                self.keys.append(key)
                grid.addWidget(key, r, c)
        bottom = QHBoxLayout()
        bottom.setSpacing(SPACING.xs + 2)
        self.shift_key = KioskButton(
            f"{object_name}Shift", kind="keyAction", checkable=True, parent=self
        )
        self.symbols_key = KioskButton(
            f"{object_name}Symbols", kind="keyAction", checkable=True, parent=self
        )
        self.space_key = KioskButton(f"{object_name}Space", kind="key", parent=self)
        self.delete_key = KioskButton(
            f"{object_name}Delete", kind="keyAction", icon_name="delete", parent=self
        )
        self.enter_key = KioskButton(f"{object_name}Enter", kind="primary", parent=self)
        for key, stretch in (
            (self.shift_key, 2),
            (self.symbols_key, 2),
            (self.space_key, 4),
            (self.delete_key, 2),
            (self.enter_key, 3),
        ):
            key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            bottom.addWidget(key, stretch)
        grid.addLayout(bottom, len(_LETTER_ROWS), 0, 1, 10)
        self.shift_key.toggled.connect(self._set_shift)
        self.symbols_key.toggled.connect(self._set_symbols)
        self.space_key.clicked.connect(lambda: self.press(" "))
        self.delete_key.clicked.connect(self.delete)
        self.enter_key.clicked.connect(self.enter)
        self._label_keys()
        self.retranslate()

    # Typing -------------------------------------------------------------------------------------

    @property
    def target(self) -> KeyTarget | None:
        return self._target

    def set_target(self, target: KeyTarget | None) -> None:
        """Type into `target` from now on (None: the keys do nothing)."""
        if self._changed_source is not None:
            self._changed_source.changed.disconnect(self._refresh)  # type: ignore[attr-defined]
            self._changed_source = None
        self._target = target
        if target is not None and hasattr(target, "changed"):
            target.changed.connect(self._refresh)  # type: ignore[attr-defined]
            self._changed_source = target  # type: ignore[assignment]
        self._refresh()

    def press(self, ch: str) -> None:
        if ch and self._target is not None and self.isEnabled():
            self._target.insert(ch)

    def delete(self) -> None:
        if self._target is not None and self.isEnabled():
            self._target.backspace()

    def reset(self) -> None:
        """Back to lower-case letters (a new login starts there)."""
        self.shift_key.setChecked(False)
        self.symbols_key.setChecked(False)

    # Layout -------------------------------------------------------------------------------------

    def _set_shift(self, on: bool) -> None:
        self._shift = on
        self._label_keys()

    def _set_symbols(self, on: bool) -> None:
        self._symbols = on
        self.shift_key.setEnabled(not on)
        self._label_keys()

    def _label_keys(self) -> None:
        rows = _SYMBOL_ROWS if self._symbols else _LETTER_ROWS
        for r in range(len(rows)):
            row = rows[r]
            for c in range(10):
                key = self.keys[r * 10 + c]
                ch = row[c] if c < len(row) else ""
                if ch and self._shift and not self._symbols:
                    ch = ch.upper()
                key.setProperty("char", ch)
                key.setText(ch.replace("&", "&&"))
                key.setVisible(bool(ch))
                key.setAccessibleName(ch)
        self._refresh()

    def _refresh(self) -> None:
        target = self._target
        for key in self.keys:
            ch = key.property("char") or ""
            key.setEnabled(bool(ch) and target is not None and target.accepts(ch))
        self.space_key.setEnabled(target is not None and target.accepts(" "))
        self.delete_key.setEnabled(target is not None and target.has_text)

    def retranslate(self) -> None:
        self.shift_key.set_text(self.tr("Shift"), self.tr("Capital letters"))
        self.symbols_key.set_text(self.tr("Symbols"), self.tr("Symbols"))
        self.space_key.set_text(self.tr("Space"), self.tr("Space"))
        self.delete_key.set_text(self.tr("Delete"), self.tr("Delete the last character"))
        self.enter_key.set_text(self.tr("Enter"), self.tr("Enter"))
        self.setAccessibleName(self.tr("Keyboard"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class _Printable:
    """Any one printable character (no line break, tab or other control character)."""

    def __contains__(self, ch: object) -> bool:
        return isinstance(ch, str) and len(ch) == 1 and ch.isprintable()


class TextField(EntryField):
    """Free text typed on the keyboard, up to `max_length` characters (set per field)."""

    allowed = _Printable()  # type: ignore[assignment]
    fold = staticmethod(str)  # as typed: no case folding

    def __init__(self, object_name: str, max_length: int, parent: QWidget | None = None) -> None:
        self.max_length = max_length
        super().__init__(object_name, parent)

    def validate(self, text: str) -> FieldCheck:
        return FieldCheck(bool(text.strip()))


class SecretField(QFrame):
    """A password typed on the keyboard: dots on screen, the characters in a bytearray only."""

    changed = Signal()
    activated = Signal()  # tapped: the keyboard should type here

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setProperty("role", "entryBox")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._buffer = bytearray()
        self._active = False

    # The secret ---------------------------------------------------------------------------------

    @property
    def count(self) -> int:
        return len(self._buffer.decode("utf-8", "replace"))

    @property
    def has_text(self) -> bool:
        return bool(self._buffer)

    def accepts(self, ch: str) -> bool:
        return ch.isprintable() and len(self._buffer) + len(ch.encode()) <= PASSWORD_MAX_BYTES

    def insert(self, ch: str) -> bool:
        if not self.accepts(ch):
            return False
        self._buffer += ch.encode("utf-8")
        self._changed()
        return True

    def backspace(self) -> None:
        if not self._buffer:
            return
        # Drop the last character (one to four UTF-8 bytes), zeroing what is dropped.
        cut = len(self._buffer) - 1
        while cut > 0 and (self._buffer[cut] & 0xC0) == 0x80:
            cut -= 1
        self._buffer[cut:] = bytes(len(self._buffer) - cut)
        del self._buffer[cut:]
        self._changed()

    def take(self) -> bytearray:
        """Hand the typed secret over (the receiver wipes it) and start a fresh one."""
        taken, self._buffer = self._buffer, bytearray()
        self._changed()
        return taken

    def clear(self) -> None:
        wipe(self._buffer)
        self._buffer = bytearray()
        self._changed()

    def set_active(self, active: bool) -> None:
        self._active = active
        self.setProperty("active", active)
        self.style().unpolish(self)
        self.style().polish(self)
        self.update()

    def _changed(self) -> None:
        self.update()
        self.changed.emit()

    # Showing it ---------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        # As tall as an entry field's box beside it (kiosk.ui.widgets.entry).
        return QSize(360, max(SPACING.touch + 20, round(self.fontMetrics().height() * 2.6)))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        d = max(10, self.fontMetrics().height() // 2)
        gap = d // 2 + 2
        y = (self.height() - d) / 2
        x = float(SPACING.m)
        shown = min(self.count, max(0, (self.width() - 2 * SPACING.m) // (d + gap)))
        painter.setPen(QPen(QColor(PALETTE.text), 1))
        painter.setBrush(QColor(PALETTE.text))
        for i in range(shown):
            painter.drawEllipse(QRectF(x + i * (d + gap), y, d, d))
        if self._active:  # a cursor after the dots
            cx = x + shown * (d + gap)
            painter.setPen(QPen(QColor(PALETTE.brand), 2))
            painter.drawLine(int(cx), int(y - d / 2), int(cx), int(y + d * 1.5))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.activated.emit()
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # A physical keyboard (a technician's USB one) types here too.
        if event.key() == Qt.Key.Key_Backspace:
            self.backspace()
        elif event.text() and event.text().isprintable():
            self.insert(event.text())
        else:
            super().keyPressEvent(event)

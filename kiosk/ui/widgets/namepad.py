"""Typing a Chinese name on the touch screen: `NameField`, the field that shows the name and
opens the input when tapped, and `NameInput`, the on-screen pinyin input (issue 15).

The input is made for someone who has never used a kiosk: large letter keys (QWERTY, as on a
phone's pinyin keyboard, with ü), the letters typed shown as syllables, and a row of large
buttons with the characters they can be, paged; the common surnames first for the first
character, the characters common in given names after it (kiosk.domain.pinyin_names). With no
letter typed the row offers those lists, so a name can also be put together by tapping
characters alone. Delete takes back a letter (or, with none, the last character), Clear starts
again, and "·" separates the parts of a name transliterated from another language
(阿依古丽·买买提). A key that cannot continue any syllable is greyed out, as the number pads
grey out what a field would refuse.

Qt's own virtual keyboard (Qt Virtual Keyboard) is licensed under the GPLv3 or commercially,
which does not fit this Apache-2.0 project without a commercial licence; hence this one.

Personal data: the name lives in the target field and the letters typed here; `wipe()` clears
the letters and hides the input, the screen clears the field with the session.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.domain.pinyin_names import LETTERS, NAME_DOT, SHARED_INDEX, PinyinIndex
from kiosk.ui.theme import SPACING
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.entry import EntryField, FieldCheck
from kiosk.ui.widgets.parts import make_label

NAME_MIN, NAME_MAX = 2, 30
NOT_IN_A_NAME = re.compile(r"[0-9０-９@#$%^&*_=+<>{}\[\]|\\/?!！？;；:：,，。\"“”]")
PAGE_SIZE = 8
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnmv")  # the second v is the ü key
_POLL_MS = 60


def normal_name(text: str) -> str:
    """The name as it is handed on: runs of spaces made one, none at the ends."""
    return " ".join(text.split())


def name_is_ok(text: str) -> bool:
    name = normal_name(text)
    return NAME_MIN <= len(name) <= NAME_MAX and not NOT_IN_A_NAME.search(name)


class NameField(EntryField):
    """A person's name: typed with `NameInput` (never from the number pads, whose keys it
    refuses, so they grey out while it is the field typed into), or put in whole."""

    tapped = Signal()  # a tap (not a focus change): open the input

    allowed = ""
    max_length = NAME_MAX

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(object_name, parent)
        self.setProperty("nameField", True)

    @staticmethod
    def fold(text: str) -> str:  # type: ignore[override]
        return text

    def accepts(self, ch: str) -> bool:
        return False  # the pads type nothing here

    def append(self, text: str) -> bool:
        """Add characters chosen on the name input."""
        if not self.isEnabled() or len(self.text) + len(text) > NAME_MAX:
            return False
        self._set(self.text + text)
        return True

    def set_text(self, text: str) -> None:
        self._set(text[:NAME_MAX])

    @property
    def value(self) -> str:
        return normal_name(self.text)

    def validate(self, text: str) -> FieldCheck:
        if NOT_IN_A_NAME.search(text):
            return FieldCheck(
                False, self.tr("A name has no digits or symbols."), None, (0, len(text))
            )
        return FieldCheck(name_is_ok(text))

    def set_placeholder(self, text: str) -> None:
        self.display.placeholder = text
        self.display.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        if self.isEnabled():
            self.tapped.emit()


class NameInput(QFrame):
    """The pinyin keyboard, the letters typed and the characters they can be; types into one
    `NameField` at a time. `done` when the person taps Done (letters not yet turned into a
    character are dropped then: the name is what the field shows)."""

    done = Signal()

    def __init__(self, object_name: str = "nameInput", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setProperty("role", "nameInput")
        self.setAutoFillBackground(True)
        self._target: NameField | None = None
        self._letters = ""
        self._page = 0
        self._candidates: list[str] = []
        self._poll = QTimer(self)
        self._poll.setInterval(_POLL_MS)
        self._poll.timeout.connect(self._render)
        n = object_name

        self.title = make_label("heading", object_name=f"{n}Title")
        self.name_caption = make_label("fieldLabel", object_name=f"{n}NameCaption", wrap=False)
        self.name_shown = make_label("nameShown", object_name=f"{n}Name", wrap=False)
        self.name_shown.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.letters_shown = make_label("pinyinShown", object_name=f"{n}Letters", wrap=False)
        self.hint = make_label("fieldHint", object_name=f"{n}Hint")
        self.done_button = KioskButton(f"{n}Done", kind="primary", icon_name="check")
        self.done_button.clicked.connect(self.done.emit)

        head = QVBoxLayout()
        head.setSpacing(SPACING.xs)
        head.addWidget(self.title)
        head.addWidget(self.hint)

        self.name_box = QFrame()
        self.name_box.setObjectName(f"{n}NameBox")
        self.name_box.setProperty("role", "nameBox")
        box = QHBoxLayout(self.name_box)
        box.setContentsMargins(SPACING.m, SPACING.xs, SPACING.m, SPACING.xs)
        box.setSpacing(SPACING.m)
        box.addWidget(self.name_caption)
        box.addWidget(self.name_shown, 1)
        box.addWidget(self.letters_shown)

        # The characters for what is typed: a row of large buttons, paged.
        self.previous_page = KioskButton(f"{n}Previous", kind="keyAction", icon_name="chevron-left")
        self.next_page = KioskButton(f"{n}NextPage", kind="keyAction", icon_name="chevron-right")
        self.previous_page.clicked.connect(lambda: self._turn(-1))
        self.next_page.clicked.connect(lambda: self._turn(1))
        self.candidate_buttons: list[KioskButton] = []
        self.loading = make_label("muted", object_name=f"{n}Loading", wrap=False)
        row = QHBoxLayout()
        row.setSpacing(SPACING.s)
        row.addWidget(self.previous_page)
        for i in range(PAGE_SIZE):
            button = KioskButton(f"{n}Candidate{i}", kind="key")
            button.setProperty("candidate", True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, k=i: self.choose(k))
            self.candidate_buttons.append(button)
            row.addWidget(button, 1)
        row.addWidget(self.loading, PAGE_SIZE)
        row.addWidget(self.next_page)

        # The keyboard: three rows of letters, ü beside v, "·", Delete and Clear.
        self.keys: dict[str, KioskButton] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(SPACING.s)
        grid.setVerticalSpacing(SPACING.s)
        for r, letters in enumerate(_ROWS):
            for c, ch in enumerate(letters):
                key_name = "u_umlaut" if (r, c) == (2, 7) else ch
                key = KioskButton(f"{n}Key_{key_name}", kind="key")
                key.set_text("ü" if key_name == "u_umlaut" else ch)
                key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                key.clicked.connect(lambda _=False, k=ch: self.press(k))
                self.keys[key_name] = key
                grid.addWidget(key, r, c + (1 if r == 2 else 0))
        self.delete_key = KioskButton(f"{n}Delete", kind="keyAction", icon_name="delete")
        self.clear_key = KioskButton(f"{n}Clear", kind="keyAction")
        self.dot_key = KioskButton(f"{n}Key_dot", kind="key")
        self.dot_key.set_text(NAME_DOT)
        for key in (self.delete_key, self.clear_key, self.dot_key):
            key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.delete_key.clicked.connect(self.delete)
        self.clear_key.clicked.connect(self.clear)
        self.dot_key.clicked.connect(self.add_dot)
        grid.addWidget(self.delete_key, 0, 10, 1, 2)
        grid.addWidget(self.clear_key, 1, 9, 1, 3)
        grid.addWidget(self.dot_key, 2, 0)
        # Done where a phone keyboard has Enter: at the right, under Clear.
        self.done_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        grid.addWidget(self.done_button, 2, 9, 1, 3)
        for c in range(12):
            grid.setColumnStretch(c, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING.xl, SPACING.m, SPACING.xl, SPACING.m)
        layout.setSpacing(SPACING.s + 2)
        layout.addLayout(head)
        layout.addWidget(self.name_box)
        layout.addLayout(row)
        layout.addSpacing(SPACING.s)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.retranslate()

    # The target ----------------------------------------------------------------------------

    @property
    def target(self) -> NameField | None:
        return self._target

    def set_target(self, field: NameField | None) -> None:
        if self._target is not None:
            self._target.changed.disconnect(self._render)
        self._target = field
        if field is not None:
            field.changed.connect(self._render)
        self._letters = ""
        self._page = 0
        self._render()

    @property
    def letters(self) -> str:
        """The letters typed and not yet turned into a character (v for ü)."""
        return self._letters

    @property
    def candidates(self) -> list[str]:
        """Every character offered for what is typed, all pages."""
        return list(self._candidates)

    @property
    def page(self) -> int:
        return self._page

    def shown_candidates(self) -> list[str]:
        return [b.text() for b in self.candidate_buttons if b.isVisibleTo(self) and b.text()]

    # Typing --------------------------------------------------------------------------------

    def _index(self) -> PinyinIndex | None:
        return SHARED_INDEX.peek()  # built when the input is first shown

    def _name(self) -> str:
        return self._target.text if self._target is not None else ""

    def _room(self) -> bool:
        return self._target is not None and len(self._name()) < NAME_MAX

    def press(self, letter: str) -> None:
        if letter not in LETTERS or not self._room() or len(self._letters) >= 12:
            return
        index = self._index()
        if index is not None and not index.is_prefix(self._letters + letter):
            return
        self._letters += letter
        self._page = 0
        self._render()

    def choose(self, slot: int) -> None:
        """Tap on the `slot`-th character of the row: it goes into the name, and the syllable
        it was typed with is used up."""
        at = self._page * PAGE_SIZE + slot
        if self._target is None or at >= len(self._candidates):
            return
        if not self._target.append(self._candidates[at]):
            return
        index = self._index()
        if index is not None and self._letters:
            first, rest = index.split(self._letters)
            self._letters = rest if first else ""
        else:
            self._letters = ""
        self._page = 0
        self._render()

    def add_dot(self) -> None:
        name = self._name()
        if self._target is not None and name and not name.endswith(NAME_DOT):
            self._letters = ""
            self._target.append(NAME_DOT)

    def delete(self) -> None:
        if self._letters:
            self._letters = self._letters[:-1]
            self._page = 0
            self._render()
        elif self._target is not None:
            self._target.backspace()

    def clear(self) -> None:
        """The letters and the name, all of it."""
        self._letters = ""
        self._page = 0
        if self._target is not None:
            self._target.clear()
        self._render()

    def wipe(self) -> None:
        """Forget the letters typed (the session ends); the field is the screen's to clear."""
        self._letters = ""
        self._page = 0
        self._candidates = []
        self._poll.stop()
        self._render()

    def _turn(self, step: int) -> None:
        pages = max(1, -(-len(self._candidates) // PAGE_SIZE))
        self._page = min(max(0, self._page + step), pages - 1)
        self._render()

    # Looks -----------------------------------------------------------------------------------

    def _render(self) -> None:
        index = self._index()
        name = self._name()
        first = not name
        loading = index is None and self._target is not None
        if index is None or self._target is None:
            self._candidates = []  # nothing to type into: nothing offered (as in a fresh window)
            if loading and self.isVisible():
                self._poll.start()
        else:
            self._poll.stop()
            self._candidates = index.candidates(self._letters, first=first)
        pages = max(1, -(-len(self._candidates) // PAGE_SIZE))
        self._page = min(self._page, pages - 1)
        shown = self._candidates[self._page * PAGE_SIZE : (self._page + 1) * PAGE_SIZE]
        room = self._room()
        for i, button in enumerate(self.candidate_buttons):
            ch = shown[i] if i < len(shown) else ""
            button.setText(ch)
            button.setAccessibleName(ch or self.tr("No character"))
            button.setEnabled(bool(ch) and room)
            button.setVisible(not loading)
        self.loading.setVisible(loading)
        self.previous_page.setEnabled(self._page > 0)
        self.next_page.setEnabled(self._page < pages - 1)
        for key_name, key in self.keys.items():
            letter = "v" if key_name == "u_umlaut" else key_name
            key.setEnabled(room and (index is None or index.is_prefix(self._letters + letter)))
        self.delete_key.setEnabled(bool(self._letters or name))
        self.clear_key.setEnabled(bool(self._letters or name))
        self.dot_key.setEnabled(room and bool(name) and not name.endswith(NAME_DOT))
        self.name_shown.setText(name)
        shown_letters = " ".join(index.syllables_of(self._letters)) if index else self._letters
        self.letters_shown.setText(shown_letters.replace("v", "ü"))
        self.letters_shown.setVisible(bool(self._letters))
        self._render_hint(first)

    def _render_hint(self, first: bool) -> None:
        if self._letters:
            text = self.tr("Tap the character you mean. The arrows show more.")
        elif first:
            text = self.tr("Type the pinyin of your surname, or tap it below.")
        else:
            text = self.tr("Type the pinyin of the next character, or tap Done.")
        self.hint.setText(text)
        self.hint.setAccessibleName(text)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Type your name"))
        self.name_caption.setText(self.tr("Name"))
        self.loading.setText(self.tr("Loading the characters…"))
        self.done_button.set_text(self.tr("Done"), self.tr("Done: back to the form"))
        self.delete_key.set_text(self.tr("Delete"), self.tr("Delete the last letter or character"))
        self.clear_key.set_text(self.tr("Clear"), self.tr("Clear the whole name"))
        self.previous_page.set_text("", self.tr("Previous characters"))
        self.next_page.set_text("", self.tr("More characters"))
        self.dot_key.setAccessibleName(self.tr("Middle dot, between parts of a name"))
        self.keys["u_umlaut"].setAccessibleName(self.tr("Letter ü"))
        self.setAccessibleName(self.tr("Name input"))
        self._render()

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        SHARED_INDEX.start()
        self._render()

    def hideEvent(self, event: QEvent) -> None:
        self._poll.stop()
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

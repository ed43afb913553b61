"""What the sections of My records share: a `Section` rebuilt from the records on every change
of records or language; the lists of the work-and-skills and work-injury sections, a card with
a heading over its rows, each row an icon, a title and a few lines below it; or, when there is
nothing on record, a badge and one sentence saying so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.domain.session import Records
from kiosk.ui.icons import pixmap
from kiosk.ui.theme import PALETTE, SPACING
from kiosk.ui.widgets.parts import Card, IconBadge, make_label


class Section(QWidget):
    """The body of one section's scroll area. It keeps the records shown and rebuilds itself from
    them (`_render`) when they change and when the language does (`_set_titles` first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._records: Records | None = None

    def show_records(self, records: Records | None) -> None:
        self._records = records
        self._render()

    def retranslate(self) -> None:
        self._set_titles()
        self._render()

    def _set_titles(self) -> None:
        """Set the fixed headings in the current language."""

    def _render(self) -> None:
        """Rebuild the rows from `self._records` (None: nothing shown)."""


def list_card(name: str, title_name: str) -> tuple[Card, QLabel, QVBoxLayout]:
    """A card (objectName `name`) with its heading label (`title_name`) over an empty column
    of rows: the card, the heading to set and retranslate, and the rows to fill."""
    card = Card(name)
    title = make_label("heading", object_name=title_name)
    rows = QVBoxLayout()
    rows.setSpacing(SPACING.m)
    card.body.addWidget(title)
    card.body.addLayout(rows)
    return card, title, rows


def entry(icon_name: str, title: str, lines: list[str]) -> QWidget:
    """One thing on record: `title` beside its icon, the non-empty `lines` below it."""
    entry = QWidget()
    layout = QHBoxLayout(entry)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(SPACING.m)
    icon = QLabel()
    icon.setPixmap(pixmap(icon_name, PALETTE.brand, 32))
    icon.setFixedSize(40, 40)
    text = QVBoxLayout()
    text.setSpacing(2)
    heading = make_label("fieldValue")
    heading.setText(title)
    text.addWidget(heading)
    for line in lines:
        if line:
            body = make_label("muted")
            body.setText(line)
            text.addWidget(body)
    layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
    layout.addLayout(text, 1)
    return entry


def empty(text: str, tone: str = "info") -> QWidget:
    """Nothing on record, said in `text`; tone "ok" when having nothing is good news."""
    entry = QWidget()
    layout = QHBoxLayout(entry)
    layout.setContentsMargins(0, SPACING.s, 0, SPACING.s)
    layout.setSpacing(SPACING.m)
    badge = IconBadge(56)
    badge.set_icon("check" if tone == "ok" else "info", tone)
    label = make_label("lead")
    label.setText(text)
    layout.addWidget(badge)
    layout.addWidget(label, 1)
    return entry

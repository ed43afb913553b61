"""The discreet status strip of the attract screen: card reader, the resident ID card reader
(only on a kiosk that has one), printer and back end, each with an icon, a short word and a
colour (working, a problem, not known yet).

In a fleet deployment (docs/fleet.md) the back end is two things: the kiosk's own database
(`set_backend`, the periodic check) and the centre (`set_centre`). Its light is on only when
both are: it never says online while the centre cannot be reached. Messages this kiosk recorded
that the centre has not confirmed yet are counted beside it ("Offline · 3 waiting")."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QWidget,
)

from kiosk.domain.fleet import CentreState, CentreStatus
from kiosk.ui.icons import pixmap
from kiosk.ui.theme import PALETTE, SPACING
from kiosk.ui.widgets.parts import make_label, set_tone

_COLOURS = {True: PALETTE.ok, False: PALETTE.error, None: PALETTE.disabled}
_TONES = {True: "ok", False: "error", None: "neutral"}
# The centre's state as the back-end light shows it.
_CENTRE_OK = {
    CentreState.ONLINE: True,
    CentreState.UNREACHABLE: False,
    CentreState.REJECTED: False,
    CentreState.UNKNOWN: None,
}


class _Item(QWidget):
    def __init__(self, key: str, icon_name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(f"status{key.title()}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING.s)
        self.icon = QLabel(self)
        self.icon.setFixedSize(28, 28)
        self.dot = make_label("statusDot", wrap=False)
        self.dot.setFixedSize(14, 14)
        self.text = make_label("statusText", object_name=f"status{key.title()}Text", wrap=False)
        layout.addWidget(self.icon)
        layout.addWidget(self.text)
        layout.addWidget(self.dot, 0, Qt.AlignmentFlag.AlignVCenter)
        self.icon_name = icon_name
        self.ok: bool | None = None
        self.word = ""

    def show_state(self, name: str, word: str) -> None:
        colour = _COLOURS[self.ok]
        self.icon.setPixmap(
            pixmap(self.icon_name, colour if self.ok is False else PALETTE.muted, 26)
        )
        set_tone(self.dot, _TONES[self.ok])
        set_tone(self.text, _TONES[self.ok])
        self.text.setText(f"{name} · {word}")
        self.setAccessibleName(self.text.text())


class StatusStrip(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusStrip")
        # One centred row; two when the lights do not fit in one (four of them in large
        # English text at 1280x800 did not: the last was cut off).
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(SPACING.xl)
        self._grid.setVerticalSpacing(SPACING.xs)
        # Its width is the screen's to give, never the one row's: wrapping is this strip's job.
        self._grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.reader = _Item("reader", "reader", self)
        self.id_reader = _Item("idReader", "id-card", self)
        self.id_reader.hide()  # until set_id_reader: a kiosk without one shows no light for it
        self.printer = _Item("printer", "printer", self)
        self.backend = _Item("backend", "server", self)
        self._columns = 0
        self._backend_ok: bool | None = None  # the local database, as set_backend said
        self._backend_word = ""
        self._centre: CentreStatus | None = None
        self.retranslate()

    # `ok` None: not known yet. `text`: empty for the state's default word, one of WORDS
    # ("paper_out"...) so that it follows language switches, or a word already translated.
    WORDS = ("paper_out", "paper_low", "not_found", "offline")

    def set_reader(self, ok: bool | None, text: str = "") -> None:
        self._set(self.reader, ok, text)

    def set_id_reader(self, ok: bool | None, text: str = "") -> None:
        """The resident ID card reader: shown from the first call on."""
        self.id_reader.setVisible(True)
        self._set(self.id_reader, ok, text)

    def set_printer(self, ok: bool | None, text: str = "") -> None:
        self._set(self.printer, ok, text)

    def set_backend(self, ok: bool | None, text: str = "") -> None:
        """The kiosk's own database (the periodic check)."""
        self._backend_ok, self._backend_word = ok, text
        self._combine_backend()
        self.retranslate()

    def set_centre(self, status: CentreStatus) -> None:
        """The centre of a fleet deployment and this kiosk's messages waiting for it;
        CentreState.NOT_USED (standalone) leaves the light to the local database alone."""
        self._centre = None if status.state is CentreState.NOT_USED else status
        self._combine_backend()
        self.retranslate()

    @property
    def centre(self) -> CentreStatus | None:
        """The centre as last set; None in a standalone deployment."""
        return self._centre

    def _combine_backend(self) -> None:
        """The back-end light: the local database's, and in a fleet the centre's too: a
        problem with either is a problem, and online only when both are."""
        item, centre = self.backend, self._centre
        if centre is None:
            item.ok, item.word = self._backend_ok, self._backend_word
            return
        centre_ok = _CENTRE_OK[centre.state]
        if self._backend_ok is False:  # the kiosk's own database is down: its word says why
            item.ok, item.word = False, self._backend_word
        elif centre_ok is False:
            item.ok, item.word = False, ""
        elif centre_ok is None or self._backend_ok is None:
            item.ok, item.word = None, ""
        else:
            item.ok, item.word = True, ""

    def _set(self, item: _Item, ok: bool | None, text: str) -> None:
        item.ok = ok
        item.word = text
        self.retranslate()

    def _word(self, item: _Item) -> str:
        words = {
            "paper_out": self.tr("Out of paper"),
            "paper_low": self.tr("Paper low"),
            "not_found": self.tr("Not connected"),
            "offline": self.tr("Offline"),
        }
        word = words.get(item.word, item.word) or self._default_word(item)
        if item is self.backend and self._centre is not None and self._centre.queued > 0:
            # Recorded here, not yet confirmed by the centre: short enough for large text.
            waiting = self.tr("{n} waiting").format(n=self._centre.queued)
            word = f"{word} · {waiting}"
        return word

    def _default_word(self, item: _Item) -> str:
        if item is self.backend:
            words = {True: self.tr("Online"), False: self.tr("Offline"), None: self.tr("Checking")}
        else:
            words = {
                True: self.tr("Ready"),
                False: self.tr("Unavailable"),
                None: self.tr("Checking"),
            }
        return words[item.ok]

    def retranslate(self) -> None:
        names = {
            self.reader: self.tr("Card reader"),
            self.id_reader: self.tr("ID card reader"),
            self.printer: self.tr("Printer"),
            self.backend: self.tr("Service"),
        }
        for item, name in names.items():
            item.show_state(name, self._word(item))
        self._arrange()

    @property
    def rows(self) -> int:
        """How many rows the lights take now (1, or 2 when one row does not fit)."""
        shown = len(self._shown())
        return 1 if self._columns >= shown else 2

    def _shown(self) -> list[_Item]:
        items = (self.reader, self.id_reader, self.printer, self.backend)
        return [item for item in items if not item.isHidden()]

    def _arrange(self) -> None:
        """All the lights in one row if their words fit the strip's width, else in two."""
        shown = self._shown()
        spacing = self._grid.horizontalSpacing()
        needed = sum(item.sizeHint().width() for item in shown) + spacing * (len(shown) - 1)
        columns = len(shown) if needed <= self.width() or self.width() <= 0 else -(-len(shown) // 2)
        if columns == self._columns and all(self._grid.indexOf(i) >= 0 for i in shown):
            return
        self._columns = columns
        for item in (self.reader, self.id_reader, self.printer, self.backend):
            self._grid.removeWidget(item)
        # Columns 1..n hold the lights; 0 and n + 1 stretch, so the lights stay together in
        # the middle as one group.
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 0)
        self._grid.setColumnStretch(0, 1)
        self._grid.setColumnStretch(columns + 1, 1)
        for index, item in enumerate(shown):
            row, column = divmod(index, columns)
            self._grid.addWidget(item, row, column + 1, Qt.AlignmentFlag.AlignLeft)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

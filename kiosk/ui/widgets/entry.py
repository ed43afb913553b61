"""The entry field a citizen types into from the on-screen pads (kiosk.ui.widgets.textpad):
`EntryField`, the base of the ID, mobile and voucher number fields (kiosk.ui.widgets.fields).

A field shows the value in large characters, grouped the way the number is printed (6-8-4
for an ID number, 3-4-4 for a mobile), with a faint slot for every character still to come. It
checks the value as it is typed and points at the character that made it wrong: that character
turns red and is underlined, the part of the number it belongs to is tinted, and one plain
sentence below says what that part must be. A physical keyboard types into the field that has
the focus. Subclasses say which characters a field takes and how its value is checked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.icons import pixmap
from kiosk.ui.theme import PALETTE, SPACING, set_style_property
from kiosk.ui.widgets.buttons import KioskButton
from kiosk.ui.widgets.parts import make_label


@dataclass(frozen=True)
class FieldCheck:
    """What a field's value is worth right now."""

    ok: bool  # complete and right: the value can be used
    message: str = ""  # what is wrong, in one sentence; empty if nothing is
    bad_at: int | None = None  # index of the character that made it wrong
    span: tuple[int, int] | None = None  # the part of the number it belongs to


class _Display(QWidget):
    """The value in large characters, grouped, with slots for what is still to come, a cursor
    when the field is the one being typed into, and the wrong character marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "entryDisplay")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.text = ""
        self.length = 0  # fixed length (0: variable)
        self.groups: tuple[int, ...] = ()
        self.active = False
        self.bad_at: int | None = None
        self.span: tuple[int, int] | None = None
        self.placeholder = ""  # drawn faint while nothing is typed (a name field's "Tap here")

    def _digit(self) -> float:
        return QFontMetricsF(self.font()).horizontalAdvance("0")

    def _width_of(self, ch: str) -> float:
        metrics = QFontMetricsF(self.font())
        if not self.length:  # letters and digits of a voucher number: their own widths
            return metrics.horizontalAdvance(ch) + self._digit() * 0.15
        return max(self._digit(), metrics.horizontalAdvance(ch)) + self._digit() * 0.15

    def _group_starts(self) -> set[int]:
        starts, at = set(), 0
        for size in self.groups[:-1]:
            at += size
            starts.add(at)
        return starts

    def _cells(self) -> list[tuple[float, float]]:
        """(x, width) of every character typed and every slot still to fill."""
        starts = self._group_starts()
        gap = self._digit() * 0.8
        x, cells = 0.0, []
        for i in range(max(self.length, len(self.text))):
            if i in starts:
                x += gap
            width = self._width_of(self.text[i] if i < len(self.text) else "0")
            cells.append((x, width))
            x += width
        return cells

    def sizeHint(self) -> QSize:
        if self.length:
            x, width = self._cells()[-1]
            total = x + width
        else:
            total = self._width_of("0") * 22
        height = QFontMetricsF(self.font()).height() + 14
        return QSize(round(total) + 8, round(height))

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        return QSize(min(hint.width(), 240), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.font())
        metrics = QFontMetricsF(self.font())
        cells = self._cells()
        typed = len(self.text)
        end = cells[typed - 1][0] + cells[typed - 1][1] if typed else 0.0
        shift = 0.0
        if self.length and cells and cells[-1][0] + cells[-1][1] + 6 > self.width():
            # A whole number always shows whole: smaller if need be (large text, narrow box).
            scale = self.width() / (cells[-1][0] + cells[-1][1] + 6)
            painter.translate(0, self.height() * (1 - scale) / 2)
            painter.scale(scale, scale)
        else:
            # A long voucher number in large text shows its end, where typing goes on.
            shift = max(0.0, end + 6 - self.width())
        base = (self.height() + metrics.ascent() - metrics.descent()) / 2
        if not self.text and self.placeholder:
            font = self.font()
            font.setBold(False)
            painter.setFont(font)
            painter.setPen(QColor(PALETTE.muted))
            shown = QFontMetricsF(font).elidedText(
                self.placeholder, Qt.TextElideMode.ElideRight, self.width() - 8
            )
            painter.drawText(QPointF(8, base), shown)
            painter.setFont(self.font())
        underline_y = self.height() - 4
        if self.span is not None and cells:
            a = min(self.span[0], len(cells) - 1)
            b = min(self.span[1], len(cells))
            left = cells[a][0] - shift - 3
            right = cells[b - 1][0] + cells[b - 1][1] - shift + 3
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(PALETTE.error_bg))
            painter.drawRoundedRect(QRectF(left, 2, right - left, self.height() - 4), 6, 6)
        for i, (x0, width) in enumerate(cells):
            x = x0 - shift
            if i < typed:
                ch = self.text[i]
                bad = i == self.bad_at
                painter.setPen(QColor(PALETTE.error if bad else PALETTE.text))
                painter.drawText(QPointF(x + (width - metrics.horizontalAdvance(ch)) / 2, base), ch)
                if bad:
                    painter.setPen(QPen(QColor(PALETTE.error), 4))
                    painter.drawLine(
                        QPointF(x + 2, underline_y), QPointF(x + width - 2, underline_y)
                    )
            else:  # a slot still to fill
                painter.setPen(QPen(QColor(PALETTE.disabled), 2))
                painter.drawLine(QPointF(x + 3, underline_y), QPointF(x + width - 3, underline_y))
        if self.active and (not self.length or typed < self.length):
            x = (cells[typed][0] if typed < len(cells) else end) - shift
            painter.setPen(QPen(QColor(PALETTE.primary), 3))
            top = (self.height() - metrics.height()) / 2
            painter.drawLine(QPointF(x + 1, top), QPointF(x + 1, top + metrics.height()))
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
        super().changeEvent(event)


class EntryField(QFrame):
    """A labelled field typed into from an on-screen pad or a keyboard. Subclasses say which
    characters it takes and how a value is checked."""

    changed = Signal()  # the value changed
    activated = Signal()  # tapped or focused: the pad should type here
    submitted = Signal()  # Enter on a physical keyboard

    allowed = "0123456789"
    # How a typed character is folded before it is checked: ID and voucher numbers are upper
    # case (an x typed is the X of an ID number); a staff login is lower case.
    fold = staticmethod(str.upper)
    length = 0  # a fixed length, or 0 for a variable one (then `max_length`)
    max_length = 0
    groups: tuple[int, ...] = ()

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setProperty("role", "entryField")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._text = ""
        self._active = False
        self._rule: Callable[[str], str | None] | None = None
        self._check = FieldCheck(False)
        self._external: tuple[str, str] | None = None  # (message, the value it is about)
        self._doubted: str | None = None  # the value that was not accepted (see doubt())

        self.caption = make_label("fieldLabel", object_name=f"{object_name}Caption", parent=self)
        self.box = QFrame(self)
        self.box.setObjectName(f"{object_name}Box")
        self.box.setProperty("role", "entryBox")
        self.display = _Display(self.box)
        self.display.setObjectName(f"{object_name}Value")
        self.display.length = self.length
        self.display.groups = self.groups
        self.status_icon = QLabel(self.box)
        self.status_icon.setFixedSize(36, 36)
        self.clear_button = KioskButton(
            f"{object_name}Clear", kind="keyAction", icon_name="delete", parent=self.box
        )
        self.clear_button.setProperty("fieldClear", True)
        policy = self.clear_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the value does not jump when it appears
        self.clear_button.setSizePolicy(policy)
        self.clear_button.clicked.connect(self.clear)
        box_layout = QHBoxLayout(self.box)
        box_layout.setContentsMargins(SPACING.m, 6, 6, 6)
        box_layout.setSpacing(SPACING.s)
        box_layout.addWidget(self.display, 1, Qt.AlignmentFlag.AlignVCenter)
        box_layout.addWidget(self.status_icon, 0, Qt.AlignmentFlag.AlignVCenter)
        box_layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.message = make_label("fieldHint", object_name=f"{object_name}Message", parent=self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING.xs + 2)
        layout.addWidget(self.caption)
        layout.addWidget(self.box)
        layout.addWidget(self.message)
        self._render()

    # The value -----------------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self._text

    @property
    def has_text(self) -> bool:
        return bool(self._text)

    @property
    def limit(self) -> int:
        return self.length or self.max_length

    @property
    def check(self) -> FieldCheck:
        return self._check

    @property
    def is_valid(self) -> bool:
        return self._check.ok

    @property
    def is_full(self) -> bool:
        return len(self._text) >= self.limit

    @property
    def value(self) -> str:
        """The value in the form to hand on (only meaningful when `is_valid`)."""
        return self._text

    def accepts(self, ch: str) -> bool:
        """Whether `ch` may be typed next (the pad greys out the keys that may not)."""
        return len(ch) == 1 and ch in self.allowed and not self.is_full

    def insert(self, ch: str) -> bool:
        ch = self.fold(ch)
        if not self.isEnabled() or not self.accepts(ch):
            return False
        self._set(self._text + ch)
        return True

    def backspace(self) -> None:
        if self._text and self.isEnabled():
            self._set(self._text[:-1])

    def clear(self) -> None:
        self._external = None
        self._doubted = None
        if self._text:
            self._set("")
        else:
            self._render()

    def set_text(self, text: str) -> None:
        """Put a value in (tests, the tour); characters the field would refuse are dropped."""
        kept = ""
        for ch in self.fold(text):
            if ch in self.allowed and len(kept) < self.limit:
                kept += ch
        self._set(kept)

    def doubt(self) -> None:
        """The value as it is now was not accepted elsewhere, for a reason that may lie in this
        field or another (an ID number and mobile that do not match): it loses its "right"
        look (tick, green frame) until it changes, and stays usable."""
        self._doubted = self._text
        self._render()

    @property
    def doubted(self) -> bool:
        return self._doubted is not None and self._doubted == self._text

    def set_external_error(self, message: str | None) -> None:
        """A message from elsewhere about the value as it is now (say, "no voucher with this
        number"): shown in the field's error style until the value changes."""
        self._external = (message, self._text) if message else None
        self._render()

    @property
    def external_error(self) -> str:
        if self._external is not None and self._external[1] == self._text:
            return self._external[0]
        return ""

    def set_rule(self, rule: Callable[[str], str | None] | None) -> None:
        """An extra check on a value that is otherwise right: a message if it is not allowed."""
        self._rule = rule
        self._set(self._text, force=True)

    def _set(self, text: str, *, force: bool = False) -> None:
        if text == self._text and not force:
            return
        self._text = text
        self._check = self.validate(text)
        if self._check.ok and self._rule is not None:
            problem = self._rule(text)
            if problem:
                self._check = FieldCheck(False, problem, None, (0, len(text)))
        self._render()
        self.changed.emit()

    def validate(self, text: str) -> FieldCheck:  # pragma: no cover - every field overrides
        return FieldCheck(bool(text))

    def hint(self) -> str:
        """The sentence shown below an empty or half-typed field with nothing wrong."""
        return ""

    # Looks -----------------------------------------------------------------------------------

    def set_caption(self, text: str) -> None:
        self.caption.setText(text)
        self.setAccessibleName(text)
        self.display.setAccessibleName(text)
        self.retranslate()

    @property
    def active(self) -> bool:
        return self._active

    def set_active(self, active: bool) -> None:
        self._active = active
        self._render()

    def _state(self) -> str:
        if self._check.message or self.external_error:
            return "error"
        if self._check.ok and not self.doubted:
            return "ok"
        return "active" if self._active else "idle"

    def _render(self) -> None:
        self.display.text = self._text
        self.display.active = self._active and self.isEnabled() and not self._check.ok
        self.display.bad_at = self._check.bad_at
        self.display.span = self._check.span
        self.display.update()
        state = self._state()
        set_style_property(self.box, "state", state)
        set_style_property(self.box, "active", self._active)
        message = self._check.message or self.external_error
        if message:
            self.message.setText(message)
            set_style_property(self.message, "tone", "error")
            self.status_icon.setPixmap(pixmap("error", PALETTE.error, 32))
        else:
            self.message.setText(self.hint())
            set_style_property(self.message, "tone", "")
            if self._check.ok and not self.doubted:
                self.status_icon.setPixmap(pixmap("check-circle", PALETTE.ok, 32))
            else:
                self.status_icon.clear()
        self.clear_button.setVisible(bool(self._text))
        self.message.setAccessibleName(self.message.text())
        self.setAccessibleDescription(self.message.text())

    def retranslate(self) -> None:
        self.clear_button.set_text(self.tr("Clear"), self.tr("Clear this field"))
        self._check = self.validate(self._text)
        if self._check.ok and self._rule is not None:
            problem = self._rule(self._text)
            if problem:
                self._check = FieldCheck(False, problem, None, (0, len(self._text)))
        self._render()

    # Input -------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.activated.emit()
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.activated.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Backspace:
            self.backspace()
        elif key == Qt.Key.Key_Delete:
            self.clear()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
        elif event.text() and self.fold(event.text()) in self.allowed:
            self.insert(event.text())
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.EnabledChange:
            self._render()
        super().changeEvent(event)

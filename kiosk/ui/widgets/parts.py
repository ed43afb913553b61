"""Small building blocks the screens share: styled labels, white cards, notices with an icon,
icon badges, status pills, the explanation card of the problem and refusal screens, scroll areas,
the centred content column, and disposal of widgets that held personal data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain import vocabulary
from kiosk.domain.records import CardStatus
from kiosk.ui.i18n import words
from kiosk.ui.icons import pixmap
from kiosk.ui.theme import PALETTE, SPACING, set_style_property

TONE_COLOURS = {
    "ok": PALETTE.ok,
    "warn": PALETTE.warn,
    "error": PALETTE.error,
    "info": PALETTE.brand,
    "neutral": PALETTE.neutral,
}


def make_label(
    role: str = "body",
    *,
    object_name: str = "",
    wrap: bool = True,
    align: Qt.AlignmentFlag | None = None,
    tone: str | None = None,
    parent: QWidget | None = None,
) -> QLabel:
    label = QLabel(parent)
    label.setProperty("role", role)
    if tone:
        label.setProperty("tone", tone)
    if object_name:
        label.setObjectName(object_name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)  # data from a card is never markup
    if align is not None:
        label.setAlignment(align)
    return label


class OneLineLabel(QLabel):
    """A label that stays on one line: text wider than the room it has is drawn smaller rather
    than wrapped or cut off (a voucher number in large text on a narrow screen). Its style
    sheet font is the largest it gets."""

    def __init__(self, role: str, *, object_name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", role)
        self.setObjectName(object_name)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        # Take the width the layout offers instead of demanding the text's full width.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def fitted_font(self) -> QFont:
        """The font the text is drawn in: the style sheet's, scaled down to fit if need be."""
        font = QFont(self.font())
        room = self.contentsRect().width()
        needed = self.fontMetrics().horizontalAdvance(self.text())
        if needed > room > 0:
            scale = room / needed
            if font.pixelSize() > 0:
                font.setPixelSize(max(8, int(font.pixelSize() * scale)))
            else:
                font.setPointSizeF(max(6.0, font.pointSizeF() * scale))
        return font

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setFont(self.fitted_font())
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        align = self.alignment() | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(self.contentsRect(), int(align), self.text())


def make_pill(object_name: str, parent: QWidget | None = None) -> QLabel:
    """A coloured status word (正常, 已挂失...) whose `tone` picks the colours."""
    pill = make_label("pill", object_name=object_name, wrap=False, parent=parent)
    pill.setAlignment(Qt.AlignmentFlag.AlignCenter)
    pill.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    return pill


# The tone a card status pill is shown in, on every screen that shows one.
_CARD_STATUS_TONES = {
    CardStatus.NORMAL: "ok",
    CardStatus.TEMPORARY_LOSS: "warn",
    CardStatus.LOST: "error",
    CardStatus.CANCELLED: "error",
    CardStatus.REPLACED: "error",
}


def card_status_pill(status: CardStatus) -> tuple[str, str]:
    """A card status as a pill shows it: its word (the shared vocabulary) and its tone."""
    return words(vocabulary.CARD_STATUSES[status]), _CARD_STATUS_TONES[status]


def set_tone(widget: QWidget, tone: str | None) -> None:
    set_style_property(widget, "tone", tone or "")


class Card(QFrame):
    """A white rounded panel on the grey background; `body` is its vertical layout."""

    def __init__(
        self, object_name: str = "", *, margins: int = SPACING.xl, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        if object_name:
            self.setObjectName(object_name)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(margins, margins - 4, margins, margins - 4)
        self.body.setSpacing(SPACING.m)


class IconBadge(QWidget):
    """An icon on a tinted disc: the emblem at the top of a problem or a dialog."""

    _DISCS: ClassVar[dict[str, str]] = {
        "info": PALETTE.brand_soft,
        "warn": PALETTE.warn_bg,
        "error": PALETTE.error_bg,
        "ok": PALETTE.ok_bg,
        "neutral": PALETTE.neutral_bg,
    }

    def __init__(self, diameter: int = 120, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(diameter, diameter)
        self._diameter = diameter
        self._icon: QPixmap | None = None
        self._tone = "info"

    @property
    def tone(self) -> str:
        return self._tone

    def set_icon(self, name: str, tone: str = "info") -> None:
        self._tone = tone
        colour = TONE_COLOURS.get(tone, PALETTE.brand)
        self._icon = pixmap(name, colour, round(self._diameter * 0.5))
        self.update()

    def clear(self) -> None:
        self._icon = None
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._icon is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self._DISCS.get(self._tone, PALETTE.brand_soft)))
        painter.drawEllipse(self.rect())
        side = self._icon.width() / self._icon.devicePixelRatio()
        offset = (self._diameter - side) / 2
        painter.drawPixmap(QPointF(offset, offset), self._icon)
        painter.end()


class ExplanationCard(Card):
    """Why something cannot go on and what to do now: an icon badge beside a title, what
    happened, facts that go with it (label and value rows in a tinted box, such as where and
    when to collect a new card), a heading (set by the screen) and the steps, numbered when
    there are several. Object names start with `prefix`: problemTitle, refusedWhat..."""

    def __init__(self, prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(f"{prefix}Card", margins=SPACING.xl, parent=parent)
        self._prefix = prefix
        self.badge = IconBadge(120)
        self.title = make_label("title", object_name=f"{prefix}Title")
        self.what = make_label("lead", object_name=f"{prefix}What")
        self.details = QVBoxLayout()  # holds the facts box while there are facts to show
        self.next_heading = make_label("heading", object_name=f"{prefix}NextHeading")
        self.steps = QVBoxLayout()
        self.steps.setSpacing(SPACING.m)
        text = QVBoxLayout()
        text.setSpacing(SPACING.m)
        text.addWidget(self.title)
        text.addWidget(self.what)
        text.addLayout(self.details)
        text.addSpacing(SPACING.s)
        text.addWidget(self.next_heading)
        text.addLayout(self.steps)
        top = QHBoxLayout()
        top.setSpacing(SPACING.xl)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(text, 1)
        self.body.addLayout(top)

    def show_text(
        self,
        icon: str,
        tone: str,
        title: str,
        what: str,
        steps: Sequence[str],
        details: Sequence[Fact] = (),
    ) -> None:
        clear_layout(self.steps)
        clear_layout(self.details)
        self.badge.set_icon(icon, tone)
        self.title.setText(title)
        self.title.setAccessibleName(title)
        self.what.setText(what)
        if details:
            self.details.addWidget(facts_box(f"{self._prefix}Details", details))
        for i, step in enumerate(steps, start=1):
            self.steps.addWidget(_step_row(i, step, numbered=len(steps) > 1))

    def clear_text(self) -> None:
        clear_layout(self.steps)
        clear_layout(self.details)
        self.title.clear()
        self.title.setAccessibleName("")
        self.what.clear()
        self.badge.clear()


@dataclass(frozen=True)
class Fact:
    """One row of an explanation's facts box: a label and its value, the value in bold unless
    it only adds detail to the row above (an outlet's address under its name)."""

    label: str
    value: str
    strong: bool = True


def facts_box(object_name: str, facts: Sequence[Fact]) -> QFrame:
    """Facts as label and value rows in a tinted box (an explanation's, an audit entry's)."""
    box = QFrame()
    box.setObjectName(object_name)
    box.setProperty("role", "notice")
    grid = QGridLayout(box)
    grid.setContentsMargins(SPACING.l, SPACING.m, SPACING.l, SPACING.m)
    grid.setHorizontalSpacing(SPACING.l)
    grid.setVerticalSpacing(SPACING.xs)
    grid.setColumnStretch(1, 1)
    for row, fact in enumerate(facts):
        label = make_label("fieldLabel", object_name=f"{object_name}Label{row}", wrap=False)
        label.setText(fact.label)
        value = make_label(
            "fieldValue" if fact.strong else "body", object_name=f"{object_name}Value{row}"
        )
        value.setText(fact.value)
        value.setAccessibleName(f"{fact.label} {fact.value}")
        grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(value, row, 1)
    return box


def _step_row(number: int, text: str, *, numbered: bool) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(SPACING.m)
    if numbered:
        dot = make_label("stepDot", wrap=False, align=Qt.AlignmentFlag.AlignCenter)
        set_style_property(dot, "state", "current")
        dot.setFixedSize(40, 40)
        dot.setText(str(number))
        layout.addWidget(dot, 0, Qt.AlignmentFlag.AlignTop)
    label = make_label("lead")
    label.setText(text)
    layout.addWidget(label, 1)
    return row


class Notice(QFrame):
    """A tinted box with an icon and a message: information, a warning, or an error."""

    _ICONS: ClassVar[dict[str, str]] = {
        "info": "info",
        "warn": "warning",
        "error": "error",
        "ok": "check-circle",
    }

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setProperty("role", "notice")
        self.setProperty("tone", "info")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACING.l, SPACING.m, SPACING.l, SPACING.m)
        layout.setSpacing(SPACING.m)
        self.icon = QLabel(self)
        self.icon.setFixedSize(40, 40)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = make_label("lead", object_name=f"{object_name}Text", parent=self)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        self.set_tone("info")

    def set_tone(self, tone: str, icon_name: str | None = None) -> None:
        """The colours of `tone`, with its usual icon or the one named."""
        set_tone(self, tone)
        set_tone(self.text, tone if tone in ("warn", "error") else "")
        colour = TONE_COLOURS.get(tone, PALETTE.brand)
        self.icon.setPixmap(pixmap(icon_name or self._ICONS.get(tone, "info"), colour, 36))

    def set_text(self, text: str) -> None:
        self.text.setText(text)


def divider(parent: QWidget | None = None) -> QFrame:
    line = QFrame(parent)
    line.setProperty("role", "divider")
    line.setFrameShape(QFrame.Shape.NoFrame)
    return line


def scroll_area(content: QWidget, object_name: str) -> QScrollArea:
    """A vertical scroll area for content that may outgrow 1280x800 in large text."""
    area = QScrollArea()
    area.setObjectName(object_name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    content.setProperty("role", "scrollBody")
    area.setWidget(content)
    area.viewport().setAutoFillBackground(False)
    # A finger drags the content, as on a phone.
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    content.setAutoFillBackground(False)
    return area


def centred_in_scroll(widget: QWidget, object_name: str) -> QScrollArea:
    """`widget` centred vertically in a scroll area: long texts in large text may outgrow
    1280x800 and scroll, while the buttons below stay put."""
    body = QWidget()
    layout = QVBoxLayout(body)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addStretch(1)
    layout.addWidget(widget)
    layout.addStretch(1)
    return scroll_area(body, object_name)


def centred_column(
    screen: QWidget, *, top: int = SPACING.l, bottom: int = SPACING.l
) -> QVBoxLayout:
    """Lay `screen` out as a column of at most SPACING.column_width, centred, with generous
    side margins; returns the column's layout for the screen to fill."""
    outer = QHBoxLayout(screen)
    outer.setContentsMargins(SPACING.xl, top, SPACING.xl, bottom)
    outer.setSpacing(0)
    column = QWidget(screen)
    column.setObjectName(f"{screen.objectName()}Column")
    column.setMaximumWidth(SPACING.column_width)
    outer.addStretch(1)
    outer.addWidget(column, 100)
    outer.addStretch(1)
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(SPACING.l)
    return layout


def clear_layout(layout: QLayout) -> None:
    """Remove and dispose of every widget in a layout (rows built from personal data)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            dispose(widget)
        elif item.layout() is not None:
            clear_layout(item.layout())


def dispose(widget: QWidget) -> None:
    """Blank every text a widget and its children hold, detach it and delete it: nothing
    personal lingers in a hidden or half-deleted widget (S3)."""
    for label in [widget, *widget.findChildren(QWidget)]:
        if isinstance(label, QLabel | QLineEdit):
            label.clear()
        elif isinstance(label, QTableWidget):
            label.clearContents()
            label.setRowCount(0)
    widget.hide()
    widget.setParent(None)
    widget.deleteLater()

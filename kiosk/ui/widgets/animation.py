"""The two moving pictures of the kiosk: a card sliding into the reader slot (attract screen,
or sliding out when the citizen should take it) and a calm busy indicator (reading screen).

Both run only while shown, and `set_animated(False)` freezes them on a still frame so tests
and the tour get the same picture every time.
"""

from __future__ import annotations

import math

from PySide6.QtCore import (
    QByteArray,
    QEasingCurve,
    QEvent,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QVariantAnimation,
)
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget
from sscard_assets import assets_dir

from kiosk.ui.theme import PALETTE

_CARD_RATIO = 216 / 344


class CardSlotAnimation(QWidget):
    """A card moving down into a reader slot, again and again; reversed, it comes out."""

    STILL = 0.42  # the frozen frame: the card a little way into the slot

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardAnimation")
        # It gives way to text first: large text on a small screen shrinks the picture.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._renderer: QSvgRenderer | None = None
        self._progress = self.STILL
        self._animated = True
        self._outward = False
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setDuration(2600)
        self._animation.setLoopCount(-1)
        self._animation.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self._animation.valueChanged.connect(self._on_value)

    @property
    def running(self) -> bool:
        return self._animation.state() == QVariantAnimation.State.Running

    @property
    def progress(self) -> float:
        return self._progress

    def set_animated(self, on: bool) -> None:
        self._animated = on
        self._sync()

    def set_outward(self, outward: bool) -> None:
        """Outward: the card comes out of the slot (please take your card)."""
        self._outward = outward
        self._animation.setDirection(
            QVariantAnimation.Direction.Backward if outward else QVariantAnimation.Direction.Forward
        )
        if not self.running:
            self._progress = self.STILL
            self.update()

    def _sync(self) -> None:
        if self._animated and self.isVisible():
            if not self.running:
                self._animation.start()
        else:
            self._animation.stop()
            self._progress = self.STILL
            self.update()

    def _on_value(self, value: float) -> None:
        self._progress = float(value)
        self.update()

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        self._sync()

    def hideEvent(self, event: QEvent) -> None:
        super().hideEvent(event)
        self._animation.stop()

    def sizeHint(self) -> QSize:
        return QSize(460, 330)

    def minimumSizeHint(self) -> QSize:
        return QSize(300, 170)

    def _card_renderer(self) -> QSvgRenderer:
        if self._renderer is None:
            data = (assets_dir() / "style" / "card-illustration.svg").read_bytes()
            self._renderer = QSvgRenderer(QByteArray(data), self)
        return self._renderer

    def paintEvent(self, event: QPaintEvent) -> None:
        w, h = self.width(), self.height()
        card_w = min(w * 0.62, (h - 70) / _CARD_RATIO * 0.95)
        card_h = card_w * _CARD_RATIO
        slot_w = card_w + 70
        slot_y = h - 56  # the slot's opening
        cx = w / 2
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

        # The reader: a rounded body below the opening.
        body = QRectF(cx - slot_w / 2, slot_y - 14, slot_w, 58)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(PALETTE.brand))
        painter.drawRoundedRect(body, 16, 16)

        # The card: from fully above the slot (0) to 70 % inside it (1), clipped at the opening.
        travel = card_h * 0.7
        top = slot_y - card_h - 8 + self._progress * (travel + 8)
        fade = 1.0 - max(0.0, (self._progress - 0.85) / 0.15) if not self._outward else 1.0
        painter.save()
        painter.setClipRect(QRectF(0, 0, w, slot_y))
        painter.setOpacity(max(0.0, fade))
        self._card_renderer().render(painter, QRectF(cx - card_w / 2, top, card_w, card_h))
        painter.restore()

        # The opening drawn over the card's edge, so the card seems to go in.
        opening = QRectF(cx - slot_w / 2 + 22, slot_y - 5, slot_w - 44, 10)
        painter.setBrush(QColor(PALETTE.brand_dark))
        painter.drawRoundedRect(opening, 5, 5)
        # A small light on the reader: it is ready.
        painter.setBrush(QColor("#5FD08A"))
        painter.drawEllipse(QPointF(cx + slot_w / 2 - 34, slot_y + 24), 6, 6)
        painter.end()


class BusyIndicator(QWidget):
    """Twelve soft dots in a ring, one bright dot going round: busy, and calm about it."""

    DOTS = 12

    def __init__(self, diameter: int = 120, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("busyIndicator")
        self.setFixedSize(diameter, diameter)
        self._step = 0
        self._animated = True
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0)
        self._animation.setEndValue(self.DOTS)
        self._animation.setDuration(1200)
        self._animation.setLoopCount(-1)
        self._animation.valueChanged.connect(self._on_value)

    @property
    def running(self) -> bool:
        return self._animation.state() == QVariantAnimation.State.Running

    def set_animated(self, on: bool) -> None:
        self._animated = on
        if on and self.isVisible():
            self._animation.start()
        elif not on:
            self._animation.stop()
            self._step = 0
            self.update()

    def _on_value(self, value: int) -> None:
        step = int(value) % self.DOTS
        if step != self._step:
            self._step = step
            self.update()

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        if self._animated:
            self._animation.start()

    def hideEvent(self, event: QEvent) -> None:
        super().hideEvent(event)
        self._animation.stop()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = self.width() / 2
        dot = r * 0.14
        ring = r - dot - 2
        painter.setPen(Qt.PenStyle.NoPen)
        base = QColor(PALETTE.brand)
        for i in range(self.DOTS):
            age = (self._step - i) % self.DOTS  # 0: the bright one
            colour = QColor(base)
            colour.setAlphaF(max(0.15, 1.0 - age * 0.12))
            painter.setBrush(colour)
            angle = 2 * math.pi * i / self.DOTS - math.pi / 2
            centre = QPointF(r + ring * math.cos(angle), r + ring * math.sin(angle))
            painter.drawEllipse(centre, dot, dot)
        painter.end()

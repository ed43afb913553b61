"""What every screen has: a name for logs and the tour, whether Home makes sense on it,
retranslation on a language change and a `wipe()` of personal data and of everything
the last citizen did to the view (S3)."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QComboBox, QScroller, QWidget


class Screen(QWidget):
    name: ClassVar[str] = ""
    # Whether Home makes sense here; the controller has the last word.
    home_allowed: ClassVar[bool] = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{type(self).name}Screen")
        self.setProperty("screen", True)
        # Without it a plain QWidget subclass ignores its style sheet background.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

    def retranslate(self) -> None:
        """Re-set every text in the current language (data already shown included)."""

    def wipe(self) -> None:
        """Forget every piece of personal data this screen holds or shows, and return to the
        state the screen was built in: the next citizen must not start where the last one
        left off. A screen resets what it holds itself (sections, years, choices, typed
        details) and calls `super().wipe()`, which does what every screen shares: every
        scroll area and table back at its start, no flick still scrolling, no list open."""
        for area in self.findChildren(QAbstractScrollArea):
            if QScroller.hasScroller(area.viewport()):
                QScroller.scroller(area.viewport()).stop()
            for bar in (area.verticalScrollBar(), area.horizontalScrollBar()):
                bar.setValue(bar.minimum())
        for combo in self.findChildren(QComboBox):
            combo.hidePopup()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

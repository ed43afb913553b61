"""What every screen has: a name for logs and the tour, its place in a flow, the navigation it
allows, retranslation on a language change and a `wipe()` of personal data (S3)."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QWidget


class Screen(QWidget):
    name: ClassVar[str] = ""
    # Where the screen sits in the card flow's step bar (StepBar index); None: outside a flow.
    step: ClassVar[int | None] = None
    # Whether Back and Home make sense here; the controller has the last word.
    back_allowed: ClassVar[bool] = False
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
        """Forget every piece of personal data this screen holds or shows."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

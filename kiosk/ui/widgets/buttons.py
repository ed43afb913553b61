"""Large touch buttons in the kiosk's few kinds (primary, secondary, header, key, segment...):
each has an objectName, an accessible name that follows its text, and an SVG icon drawn in the
colour its kind calls for, sized to the current text size."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from kiosk.ui.icons import icon
from kiosk.ui.theme import PALETTE, SPACING

# Icon colours per kind, as (normal, checked).
_ICON_COLOURS = {
    "primary": (PALETTE.on_dark, PALETTE.on_dark),
    "secondary": (PALETTE.brand, PALETTE.brand),
    "header": (PALETTE.on_dark, PALETTE.brand),
    "key": (PALETTE.text, PALETTE.text),
    "keyAction": (PALETTE.brand, PALETTE.brand),
    "segment": (PALETTE.brand, PALETTE.on_dark),
    "arrow": (PALETTE.brand, PALETTE.brand),
}

KINDS = tuple(_ICON_COLOURS)


class KioskButton(QPushButton):
    """A QPushButton styled by `kind` through the application style sheet."""

    def __init__(
        self,
        object_name: str,
        *,
        kind: str = "primary",
        icon_name: str | None = None,
        checkable: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if kind not in _ICON_COLOURS:
            raise ValueError(f"unknown button kind {kind!r}")
        self.setObjectName(object_name)
        self.setProperty("kind", kind)
        self.setCheckable(checkable)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # Touch screens have no Tab key to speak of; focus would only draw rings on taps.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(SPACING.touch)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._kind = kind
        self._icon_name = icon_name
        self._icon_px = 0
        self._text = ""
        self._update_icon()

    @property
    def kind(self) -> str:
        return self._kind

    def set_text(self, text: str, accessible_name: str | None = None) -> None:
        """Set the label and the accessible name together (a screen reader reads the latter)."""
        self._text = text
        # QPushButton has no gap between icon and text; a space or two gives it room.
        self.setText(f"  {text}" if self._icon_name and text else text)
        self.setAccessibleName(accessible_name or text.replace("\n", " "))

    @property
    def label(self) -> str:
        """The text as set, without the spacing before an icon."""
        return self._text

    def set_icon_name(self, name: str | None) -> None:
        self._icon_name = name
        self._icon_px = 0
        self._update_icon()
        self.set_text(self._text, self.accessibleName() or None)

    def _update_icon(self) -> None:
        if not self._icon_name:
            self.setIcon(QIcon())
            return
        # The icon follows the text size the style sheet gave this button (large-text mode).
        size = max(24, round(self.font().pixelSize() * 1.25)) if self.font().pixelSize() > 0 else 28
        if size == self._icon_px:
            return
        self._icon_px = size
        normal, checked = _ICON_COLOURS[self._kind]
        self.setIcon(icon(self._icon_name, normal, size, checked_color=checked))
        self.setIconSize(QSize(size, size))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._update_icon()
        super().changeEvent(event)

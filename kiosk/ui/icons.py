"""The kiosk's line icons: hand-drawn SVGs in assets/icons (24x24, stroke 2, round joins, drawn
in `currentColor`), rendered in any colour and size through QSvgRenderer.

Rendered pixmaps are cached by (name, colour, size): icons hold no personal data, and a screen
change re-uses them instead of parsing SVG again.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from sscard_assets import assets_dir

from kiosk.ui.theme import PALETTE

ICON_NAMES = (
    "back",
    "briefcase",
    "calendar",
    "card",
    "card-alert",
    "card-insert",
    "certificate",
    "check",
    "check-circle",
    "chevron-left",
    "chevron-right",
    "clock",
    "cloud",
    "cloud-off",
    "coins",
    "counter",
    "delete",
    "error",
    "exit",
    "folder",
    "globe",
    "heart",
    "home",
    "id-card",
    "id-card-reader",
    "info",
    "keypad",
    "lock",
    "logout",
    "medical",
    "photo",
    "printer",
    "qr-code",
    "reader",
    "receipt",
    "search",
    "server",
    "shield",
    "text-size",
    "usb",
    "user",
    "wallet",
    "warning",
    "wrench",
)


@cache
def svg_source(name: str) -> str:
    """The SVG text of an icon; raises FileNotFoundError for a name with no file."""
    return (assets_dir() / "icons" / f"{name}.svg").read_text(encoding="utf-8")


def _device_pixel_ratio() -> float:
    app = QGuiApplication.instance()
    return app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0


@cache
def _render(name: str, color: str, size: int, ratio: float) -> QPixmap:
    data = QByteArray(svg_source(name).replace("currentColor", color).encode("utf-8"))
    renderer = QSvgRenderer(data)
    side = max(1, round(size * ratio))
    image = QPixmap(side, side)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, side, side))
    painter.end()
    image.setDevicePixelRatio(ratio)
    return image


def pixmap(name: str, color: str = PALETTE.brand, size: int = 24) -> QPixmap:
    """One icon as a pixmap of `size` logical pixels, sharp on high-density screens."""
    return _render(name, color, size, _device_pixel_ratio())


def icon(
    name: str,
    color: str = PALETTE.brand,
    size: int = 24,
    *,
    checked_color: str | None = None,
    disabled_color: str = PALETTE.disabled,
) -> QIcon:
    """An icon for a button: its colour, a grey for disabled, and optionally another colour
    for the checked state (a toggle drawn light on dark when off, dark on light when on)."""
    result = QIcon()
    result.addPixmap(pixmap(name, color, size), QIcon.Mode.Normal, QIcon.State.Off)
    result.addPixmap(pixmap(name, disabled_color, size), QIcon.Mode.Disabled, QIcon.State.Off)
    on = checked_color or color
    result.addPixmap(pixmap(name, on, size), QIcon.Mode.Normal, QIcon.State.On)
    result.addPixmap(pixmap(name, disabled_color, size), QIcon.Mode.Disabled, QIcon.State.On)
    return result

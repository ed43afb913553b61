"""The kiosk's look in one place: palette, type scale, spacing, and the application style sheet
built from assets/style/kiosk.qss, with every font size scaled up in large-text mode.

Widgets pick their style through dynamic properties (`kind` on buttons, `role` and `tone` on
labels and frames) instead of inline style sheets, so a theme change restyles everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from string import Template

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from sscard_assets import assets_dir

LARGE_TEXT_FACTOR = 1.3

# CJK faces only: each also carries clean Latin glyphs, so English and Chinese share one look.
# No Latin-only face in the list: Qt would take its real bold for bold text and mix two
# designs on one screen (WenQuanYi has no bold; Qt emboldens it evenly instead).
FONT_FAMILIES = (
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
)


@dataclass(frozen=True)
class Palette:
    """Agency colours: deep teal-blue for identity, one blue for primary actions, white cards
    on soft grey, and red/amber/green kept for states only."""

    brand: str = "#0B4A63"
    brand_dark: str = "#073547"
    brand_soft: str = "#E2EEF3"
    primary: str = "#1565C0"
    primary_pressed: str = "#0D4A94"
    primary_soft: str = "#E6F0FB"
    background: str = "#EDF1F4"
    surface: str = "#FFFFFF"
    surface_alt: str = "#F6F8FA"
    border: str = "#D3DCE3"
    text: str = "#15232E"
    muted: str = "#4B5B68"
    disabled: str = "#9AA7B1"
    disabled_bg: str = "#DDE3E8"
    on_dark: str = "#FFFFFF"
    ok: str = "#17803D"
    ok_bg: str = "#E2F3E7"
    warn: str = "#8A5300"
    warn_bg: str = "#FFF3D6"
    warn_border: str = "#E9AE3A"
    error: str = "#B42318"
    error_bg: str = "#FDECEA"
    neutral: str = "#56646F"
    neutral_bg: str = "#E8ECEF"


PALETTE = Palette()


@dataclass(frozen=True)
class TypeScale:
    """Font sizes in pixels at normal size, chosen to read from arm's length on a 1080p panel
    and still fit 1280x800."""

    small: int = 19
    body: int = 23
    lead: int = 26
    heading: int = 30
    title: int = 38
    display: int = 48
    header_title: int = 27
    button: int = 25
    key: int = 34
    countdown: int = 96


@dataclass(frozen=True)
class Spacing:
    xs: int = 4
    s: int = 8
    m: int = 16
    l: int = 24  # noqa: E741 - the usual name in a spacing scale
    xl: int = 32
    xxl: int = 48
    radius: int = 14
    column_width: int = 1200  # content column at 1920 wide; narrower windows use their width
    touch: int = 64  # the smallest touch target


SPACING = Spacing()


@dataclass(frozen=True)
class Theme:
    """Everything that depends on the large-text toggle. `Theme(large_text=True)` scales every
    font size by about 1.3 and makes buttons taller to hold the bigger text."""

    large_text: bool = False
    palette: Palette = field(default_factory=Palette)
    type_scale: TypeScale = field(default_factory=TypeScale)
    spacing: Spacing = field(default_factory=Spacing)

    @property
    def factor(self) -> float:
        return LARGE_TEXT_FACTOR if self.large_text else 1.0

    def px(self, size: int) -> int:
        """A font size at this theme's scale."""
        return round(size * self.factor)

    def sizes(self) -> dict[str, int]:
        scaled = {f"font_{name}": self.px(value) for name, value in vars(self.type_scale).items()}
        # The agency's name in the header is not something to read in order to use the kiosk;
        # it keeps its size so that the header buttons keep their room at 1280 px.
        scaled["font_header_title"] = self.type_scale.header_title
        # Heights grow more slowly than text: padding does not need to scale.
        grow = 1.15 if self.large_text else 1.0
        scaled.update(
            button_height=round(76 * grow),
            small_button_height=round(64 * grow),
            key_height=84 if self.large_text else 76,
            header_button_height=round(64 * grow),
            chip_height=round(64 * grow),
            row_height=round(56 * grow),
            radius=self.spacing.radius,
            scrollbar=22,
        )
        return scaled

    def style_sheet(self) -> str:
        # kiosk.qss first (the base), then each flow's own sheet in name order.
        style = assets_dir() / "style"
        sheets = [style / "kiosk.qss", *sorted(set(style.glob("*.qss")) - {style / "kiosk.qss"})]
        template = Template("\n".join(sheet.read_text(encoding="utf-8") for sheet in sheets))
        values: dict[str, object] = dict(vars(self.palette))
        values.update(self.sizes())
        values["style_dir"] = style.as_posix()
        values["font_families"] = ", ".join(f'"{family}"' for family in FONT_FAMILIES)
        return template.substitute(values)

    def font(self) -> QFont:
        font = QFont()
        font.setFamilies(list(FONT_FAMILIES))
        font.setPixelSize(self.px(self.type_scale.body))
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
        return font


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Set the application font, palette and style sheet; every widget is restyled at once."""
    app.setFont(theme.font())
    palette = QPalette()
    p = theme.palette
    palette.setColor(QPalette.ColorRole.Window, QColor(p.background))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(p.text))
    palette.setColor(QPalette.ColorRole.Base, QColor(p.surface))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor(p.surface_alt))
    palette.setColor(QPalette.ColorRole.Text, QColor(p.text))
    palette.setColor(QPalette.ColorRole.Button, QColor(p.surface))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(p.text))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(p.primary))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor(p.on_dark))
    app.setPalette(palette)
    app.setStyleSheet(theme.style_sheet())


def set_style_property(widget: QWidget, name: str, value: object) -> None:
    """Change a property the style sheet selects on, and restyle the widget to match."""
    # PySide6 6.12 bug: QObject.property() of a property that was never set returns None
    # without taking a reference to it; enough calls and CPython frees None and aborts at exit.
    # So nothing here reads a property back from Qt: what was applied is remembered in Python.
    applied: dict[str, object] = widget.__dict__.setdefault("_style_properties", {})
    if name in applied and applied[name] == value:
        return
    applied[name] = value
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()

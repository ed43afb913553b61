"""The theme (style sheet, fonts, large text), the hand-drawn icons, and a
guard against a PySide6 release whose Python-side emit() loses a reference to True."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFontInfo
from PySide6.QtSvg import QSvgRenderer
from sscard_assets import assets_dir

from kiosk.ui.icons import ICON_NAMES, icon, pixmap
from kiosk.ui.theme import LARGE_TEXT_FACTOR, PALETTE, Theme

SVG = "{http://www.w3.org/2000/svg}"


def test_style_sheet_has_every_placeholder_filled():
    for large in (False, True):
        sheet = Theme(large_text=large).style_sheet()
        assert "${" not in sheet and "$" not in sheet
        assert PALETTE.brand in sheet


def test_large_text_scales_every_font_size_by_about_1_3():
    normal, large = Theme().sizes(), Theme(large_text=True).sizes()
    scaled = [k for k in normal if k.startswith("font_") and k != "font_header_title"]
    assert scaled
    for key in scaled:
        assert large[key] / normal[key] == pytest.approx(LARGE_TEXT_FACTOR, abs=0.05)
    font_sizes = lambda sheet: [int(n) for n in re.findall(r"font-size: (\d+)px", sheet)]  # noqa: E731
    assert sum(font_sizes(Theme(large_text=True).style_sheet())) > 1.25 * sum(
        font_sizes(Theme().style_sheet())
    )


def test_the_application_font_is_the_cjk_face(qapp):
    assert QFontInfo(Theme().font()).family() == "WenQuanYi Micro Hei"


def test_every_icon_is_a_24px_line_drawing(qapp):
    files = {p.stem for p in (assets_dir() / "icons").glob("*.svg")}
    assert files == set(ICON_NAMES)
    for name in ICON_NAMES:
        path = assets_dir() / "icons" / f"{name}.svg"
        root = ET.parse(path).getroot()
        assert root.tag == f"{SVG}svg"
        assert root.get("viewBox") == "0 0 24 24", name
        assert root.get("stroke-width") == "2", name
        assert root.get("stroke-linejoin") == "round", name
        assert root.get("stroke") == "currentColor", name
        assert QSvgRenderer(str(path)).isValid(), name


def test_icons_render_in_the_colour_asked(qapp):
    image = pixmap("home", "#ff0000", 48).toImage()
    assert image.width() == 48
    colours = {
        image.pixelColor(x, y).name()
        for x in range(48)
        for y in range(48)
        if image.pixelColor(x, y).alpha() == 255
    }
    assert colours == {"#ff0000"}
    assert not icon("check", PALETTE.on_dark, 32).isNull()


def test_emitting_a_signal_keeps_true_alive():
    # PySide6 6.12.0 took a reference from True on each Python-side emit(); on Python 3.11 the
    # kiosk then aborted after a few hundred emits ("bool_dealloc"). pyproject.toml keeps that
    # release out; this catches a release that does it again.
    class Probe(QObject):
        ping = Signal(int)

    probe = Probe()
    before = sys.getrefcount(True)
    for _ in range(200):
        probe.ping.emit(1)
    assert sys.getrefcount(True) - before > -50

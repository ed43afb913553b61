"""The printer test page in both layouts, read back with poppler: the text a technician checks,
one embedded font and no other, every character in that font, and both codes scanning."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from kiosk.domain.calendar import CHINA_TZ
from kiosk.reports.fonts import FONT_FAMILY, cjk_font
from kiosk.reports.layout import LAYOUTS
from kiosk.reports.test_page import (
    CHINESE_RARE,
    CHINESE_SAMPLE,
    ENGLISH_SAMPLE,
    FOOTER,
    TITLE,
    TestPage,
    render_test_page,
)

PAGE = TestPage(
    kiosk_id="BJCY01",
    location="朝阳区社保服务大厅 1号机",
    printed_at=dt.datetime(2026, 11, 22, 10, 5, 30, tzinfo=CHINA_TZ),
    printer="CUPS queue receipt (on /run/cups/cups.sock)",
    technician="tech1",
)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("test-pages")
    out = {}
    for layout in LAYOUTS:
        path = folder / f"{layout}.pdf"
        path.write_bytes(render_test_page(PAGE, layout))
        out[layout] = path
    return out


def poppler(*args: str) -> str:
    return subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_page_says_where_when_and_with_what(pages: dict[str, Path], layout: str) -> None:
    text = squash(poppler("pdftotext", str(pages[layout]), "-"))
    for expected in (
        TITLE,
        "BJCY01",
        PAGE.location,
        "2026-11-2210:05:30北京时间",  # Beijing time, as vouchers print it
        "(02:05UTC)",
        PAGE.printer,
        "tech1",
        FONT_FAMILY,
        CHINESE_SAMPLE,
        CHINESE_RARE,
        ENGLISH_SAMPLE,
        FOOTER,
        PAGE.code,  # the barcode's caption
    ):
        assert squash(expected) in text, expected
    paper = "80mm" if layout == "receipt80" else "A4"
    assert paper in text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_one_embedded_font_and_one_page(pages: dict[str, Path], layout: str) -> None:
    fonts = poppler("pdffonts", str(pages[layout])).splitlines()[2:]
    assert len(fonts) == 1, fonts  # no Helvetica from a barcode caption or a QR drawing
    assert "WenQuanYiMicroHei" in fonts[0] and " yes yes " in fonts[0]  # embedded, subset
    assert re.search(r"^Pages:\s+1$", poppler("pdfinfo", str(pages[layout])), re.M)


def test_every_character_is_in_the_font() -> None:
    """A missing glyph would print as a box: the test page would show a fault it has itself."""
    glyphs = pdfmetrics.getFont(cjk_font()).face.charToGlyph
    for text in (TITLE, CHINESE_SAMPLE, CHINESE_RARE, ENGLISH_SAMPLE, FOOTER, PAGE.location):
        missing = [ch for ch in text if ch not in "\n" and ord(ch) not in glyphs]
        assert not missing, missing


def test_the_roll_is_80_mm_wide_and_a4_is_a4(pages: dict[str, Path]) -> None:
    roll = poppler("pdfinfo", str(pages["receipt80"]))
    width = float(re.search(r"Page size:\s+([0-9.]+) x", roll).group(1))  # type: ignore[union-attr]
    assert abs(width - 80 / 25.4 * 72) < 0.5
    assert "A4" in poppler("pdfinfo", str(pages["a4"]))


def test_a_long_kiosk_id_and_location_still_fit(tmp_path: Path) -> None:
    page = TestPage("ABCDEFGHJK12", "北京市" * 33, PAGE.printed_at, "x" * 300)
    for layout in LAYOUTS:
        pdf = tmp_path / f"{layout}.pdf"
        pdf.write_bytes(render_test_page(page, layout))
        assert "ABCDEFGHJK12" in poppler("pdftotext", str(pdf), "-")


def test_an_unknown_layout_is_refused() -> None:
    with pytest.raises(ValueError, match="layout"):
        render_test_page(PAGE, "letter")  # type: ignore[arg-type]


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (zbar-tools) not installed")
@pytest.mark.parametrize("layout", LAYOUTS)
def test_both_codes_scan(pages: dict[str, Path], layout: str, tmp_path: Path) -> None:
    image = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-singlefile", str(pages[layout]), str(image)],
        check=True,
    )
    done = subprocess.run(
        ["zbarimg", "--quiet", str(image) + ".png"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    found = set(done.stdout.split())
    assert f"QR-Code:{PAGE.qr_payload}" in found
    assert f"CODE-128:{PAGE.code}" in found
    assert PAGE.qr_payload == "SSCARD-TEST-PAGE|BJCY01|2026-11-22T02:05:30Z"

"""The printer test page as PDF: `render_test_page(page, layout) -> bytes`, pure.

What a technician prints to see that the printer prints what vouchers need: Chinese and English
text in the embedded font at the sizes vouchers use (and the font named, with its file), a QR
code and a Code 128 barcode to scan, a ruler across the printed width (72 mm on the 80 mm roll:
a head that misses its edges shows here), a solid bar and a grey ramp (a fading thermal head),
and the kiosk id, location and time so the printout says where and when it came from. Same
layouts and font as the vouchers (kiosk.reports.layout); the page holds no personal data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.colors import Color, black
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kiosk.domain.calendar import CHINA_TZ
from kiosk.reports.fonts import FONT_FAMILY, cjk_font, cjk_font_file
from kiosk.reports.layout import (
    GREY,
    Block,
    DocInfo,
    Layout,
    Qr,
    Row,
    Rule,
    Space,
    Style,
    Text,
    a4_style,
    render_document,
    roll_style,
)

TITLE = "打印测试页 / Printer test page"
QR_PREFIX = "SSCARD-TEST-PAGE"  # not a voucher code: the desk's scanner refuses it plainly
CHINESE_SAMPLE = (
    "社会保障卡自助服务终端：挂失、补卡、领卡凭证、个人权益记录。"
    "《中华人民共和国社会保险法》第五十八条。"
)
# Characters a receipt meets that a poor font lacks: the middle dot of transcribed names, rare
# surname characters, full-width punctuation and currency, 〇 in dates.
CHINESE_RARE = "阿卜杜热合曼·艾合买提江　欧阳娜娜　堃 喆 赟 玥 珺 〇 ￥1,234.50 「」《》（）"
ENGLISH_SAMPLE = "The quick brown fox jumps over the lazy dog. 0123456789 ¥ @ # % & ( ) [ ]"
SIZES = (7.0, 9.0, 12.0, 16.0)  # points: fine print, body, headings, the voucher's title
FOOTER = (
    "各行清晰可读、二维码和条形码均可扫描，即打印机正常。\n"
    "If every line reads clearly and both codes scan, the printer works."
)


@dataclass(frozen=True)
class TestPage:
    """What a test page says about where it was printed. `printed_at` is aware."""

    __test__ = False  # not a pytest test class, whatever its name

    kiosk_id: str
    location: str
    printed_at: dt.datetime
    printer: str  # the printer as the technician knows it: "CUPS queue receipt", a folder
    technician: str = ""

    @property
    def code(self) -> str:
        """The barcode's content: the kiosk id and the minute, ASCII, short enough for 72 mm."""
        return f"{self.kiosk_id}{self.printed_at.astimezone(CHINA_TZ):%Y%m%d%H%M}"

    @property
    def qr_payload(self) -> str:
        stamp = self.printed_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return f"{QR_PREFIX}|{self.kiosk_id}|{stamp}"


@dataclass
class Barcode(Block):
    """A Code 128 barcode as wide as it may be (modules of at most 0.33 mm: two dots of a
    203 dpi head), centred, its text under it in the CJK font (ReportLab's own caption would
    embed Helvetica)."""

    value: str
    font: str
    bar_height: float = 12 * mm
    caption_size: float = 7.0
    max_module: float = 0.33 * mm

    def height(self, width: float) -> float:
        return self.bar_height + self.caption_size * 2.2

    def draw(self, c: Canvas, x: float, top: float, width: float) -> None:
        modules = Code128(self.value, barWidth=1, humanReadable=False, quiet=True).width
        module = min(self.max_module, width / modules)
        code = Code128(
            self.value, barWidth=module, barHeight=self.bar_height, humanReadable=False, quiet=True
        )
        code.drawOn(c, x + (width - code.width) / 2, top - self.bar_height)
        c.setFont(self.font, self.caption_size)
        c.setFillColor(GREY)
        c.drawCentredString(
            x + width / 2, top - self.bar_height - self.caption_size * 1.4, self.value
        )
        c.setFillColor(black)


@dataclass
class Ruler(Block):
    """A line across the whole printed width with a tick every 5 mm (long every 10), and the
    width written under it: a head or a margin that cuts the page off shows at once."""

    font: str

    def height(self, width: float) -> float:
        return 4 * mm + 9

    def draw(self, c: Canvas, x: float, top: float, width: float) -> None:
        y = top - 3 * mm
        c.saveState()
        c.setLineWidth(0.5)
        c.setStrokeColor(black)
        c.line(x, y, x + width, y)
        tick = 0.0
        while tick <= width + 0.01:
            long = round(tick / mm) % 10 == 0
            c.line(x + tick, y, x + tick, y + (2.5 if long else 1.2) * mm)
            tick += 5 * mm
        c.line(x + width, y, x + width, y + 2.5 * mm)  # the right edge, whatever the ticks
        c.setFont(self.font, 6.5)
        c.setFillColor(GREY)
        c.drawCentredString(x + width / 2, y - 8, f"← {width / mm:.0f} mm →")
        c.restoreState()


@dataclass
class Shades(Block):
    """A solid bar, then a ramp of greys: a thermal head that fades or misses dots shows here."""

    steps: int = 8
    bar: float = 4 * mm

    def height(self, width: float) -> float:
        return 2 * self.bar + 2 * mm

    def draw(self, c: Canvas, x: float, top: float, width: float) -> None:
        c.saveState()
        c.setFillColor(black)
        c.rect(x, top - self.bar, width, self.bar, stroke=0, fill=1)
        step = width / self.steps
        for i in range(self.steps):
            level = i / (self.steps - 1)  # black to nearly white
            c.setFillColor(Color(level * 0.9, level * 0.9, level * 0.9))
            c.rect(x + i * step, top - 2 * self.bar - 1 * mm, step, self.bar, stroke=0, fill=1)
        c.restoreState()


def _when(at: dt.datetime) -> str:
    local = at.astimezone(CHINA_TZ)
    utc = at.astimezone(dt.UTC)
    return f"{local:%Y-%m-%d %H:%M:%S} 北京时间 Beijing time ({utc:%H:%M} UTC)"


def _blocks(page: TestPage, layout: Layout, st: Style) -> list[Block]:
    f, b = st.font, st.base
    row = lambda label, value: Row(label, value, st)  # noqa: E731
    paper = "80 mm 热敏卷纸 receipt roll" if layout == "receipt80" else "A4"
    out: list[Block] = [
        Text(
            "社会保障卡自助服务终端 Social Security Card Kiosk", f, b * 0.85, "center", color=GREY
        ),
        Text(TITLE, f, b * 1.45, "center", bold=True, space_after=b * 0.3),
        Rule(b * 0.5),
        row("终端 Kiosk", page.kiosk_id),
        row("位置 Location", page.location or "—"),
        row("时间 Time", _when(page.printed_at)),
        row("打印机 Printer", page.printer),
        row("纸张 Paper", paper),
        row("字体 Font", f"{FONT_FAMILY} ({cjk_font_file()}), 嵌入 embedded"),
    ]
    if page.technician:
        out.append(row("技术员 Technician", page.technician))
    out += [Rule(b * 0.5), Text("中文 Chinese", f, b, bold=True, space_after=b * 0.2)]
    out += [Text(CHINESE_SAMPLE, f, b), Text(CHINESE_RARE, f, b, space_after=b * 0.4)]
    out += [Text("English", f, b, bold=True, space_after=b * 0.2)]
    out += [Text(ENGLISH_SAMPLE, f, b, space_after=b * 0.4)]
    for size in SIZES:
        out.append(Text(f"{size:g} pt 字号 Size 0123456789", f, size))
    out += [
        Space(b * 0.5),
        Ruler(f),
        Shades(),
        Rule(b * 0.5),
        Qr(page.qr_payload, st.qr_size, "二维码 QR code", f),
        Space(b * 0.6),
        Barcode(page.code, f),
        Rule(b * 0.5),
        Text(FOOTER, f, b * 0.8, "center", color=GREY),
    ]
    return out


def render_test_page(page: TestPage, layout: Layout = "receipt80") -> bytes:
    """The test page as PDF bytes: one tall page on the roll, one A4 page on A4."""
    font = cjk_font()
    style = roll_style(font, 21 * mm) if layout == "receipt80" else a4_style(font, 40 * mm)
    info = DocInfo(
        title=f"Printer test page {page.kiosk_id}", author=page.kiosk_id, subject="test_page"
    )
    return render_document(layout, _blocks(page, layout, style), info)

"""Layout primitives every printout shares: wrapped text, label/value rows, tables, the QR code,
and the two page shapes (an 80 mm roll as tall as its content, or paginated A4).

A document is a list of blocks; each block measures its height for a width and draws itself
from a top y. `render_document` places them: one tall page on the roll, pages on A4 (a table's
header repeats on each page it continues on, headings stay with what follows them).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.colors import Color, black, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kiosk.reports.fonts import cjk_font

Layout = Literal["receipt80", "a4"]
LAYOUTS: tuple[Layout, ...] = ("receipt80", "a4")
Align = Literal["left", "center", "right"]

GREY = Color(0.35, 0.35, 0.35)
LIGHT = Color(0.6, 0.6, 0.6)

ROLL_WIDTH = 80 * mm
ROLL_MARGIN_X = 4 * mm  # 72 mm printed: the usual printable width of an 80 mm head
ROLL_MARGIN_Y = 5 * mm
ROLL_FEED = 12 * mm  # blank tail so the cutter does not cut through the last line
A4_MARGIN = 20 * mm


# -- text measuring and wrapping ------------------------------------------------------------

# A run of Latin letters/digits (with its trailing spaces) wraps as one word; anything else
# (a CJK character, a punctuation mark) may break on either side.
_TOKEN = re.compile(r"[A-Za-z0-9@#&%+_.,:;/'’()\[\]\-–¥$*·]+ *| +|.", re.S)
# Marks that must not begin a line (禁则): they stay with the text before them.
_NO_LINE_START = set("，。、；：？！）》」』】,.;:?!)%")


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for token in _TOKEN.findall(paragraph):
            trial = line + token
            if not line or stringWidth(trial.rstrip(), font, size) <= width:
                line = trial
            elif token[0] in _NO_LINE_START:
                line = trial  # hang the mark in the margin rather than start a line with it
            elif stringWidth(token.rstrip(), font, size) > width:
                for ch in token:  # a word longer than the line: break it anywhere
                    if line and stringWidth((line + ch).rstrip(), font, size) > width:
                        lines.append(line.rstrip())
                        line = ""
                    line += ch.lstrip() if not line else ch
            else:
                lines.append(line.rstrip())
                line = token.lstrip()
        lines.append(line.rstrip())
    return lines


# -- blocks: each measures its height for a width, then draws from a top y ----------------


@dataclass
class Style:
    font: str
    base: float  # body size in points
    label_width: float  # the label column of label/value rows
    qr_size: float = 34 * mm


class Block:
    # True: never the last block on an A4 page (a heading, a table header).
    keep_with_next: bool = False

    def height(self, width: float) -> float:
        raise NotImplementedError

    def draw(self, c: Canvas, x: float, top: float, width: float) -> None:
        raise NotImplementedError


@dataclass
class Text(Block):
    text: str
    font: str
    size: float
    align: Align = "left"
    bold: bool = False
    color: Color = black
    leading: float = 1.35
    space_after: float = 0.0
    keep_with_next: bool = False

    def _lines(self, width: float) -> list[str]:
        return wrap(self.text, self.font, self.size, width)

    def height(self, width: float) -> float:
        return len(self._lines(width)) * self.size * self.leading + self.space_after

    def draw(self, c: Canvas, x: float, top: float, width: float) -> None:
        step = self.size * self.leading
        c.saveState()
        t = c.beginText()
        t.setFont(self.font, self.size)
        t.setFillColor(self.color)
        if self.bold:  # the font has no bold face: fill and stroke the glyph outlines
            t.setTextRenderMode(2)
            c.setStrokeColor(self.color)
            c.setLineWidth(self.size * 0.035)
        y = top - self.size * (1 + (self.leading - 1) / 2) + self.size * 0.12
        for line in self._lines(width):
            dx = 0.0
            if self.align == "center":
                dx = (width - stringWidth(line, self.font, self.size)) / 2
            elif self.align == "right":
                dx = width - stringWidth(line, self.font, self.size)
            t.setTextOrigin(x + dx, y)
            t.textOut(line)
            y -= step
        c.drawText(t)
        c.restoreState()


@dataclass
class Row(Block):
    """A label/value row; the value wraps in its own column."""

    label: str
    value: str
    style: Style
    size: float | None = None
    leading: float = 1.35
    bold: bool = False

    def _parts(self) -> tuple[Text, Text]:
        size = self.size or self.style.base
        label = Text(self.label, self.style.font, self.style.base * 0.9, color=GREY)
        value = Text(self.value, self.style.font, size, leading=self.leading, bold=self.bold)
        return label, value

    def height(self, width: float) -> float:
        label, value = self._parts()
        lw = self.style.label_width
        return max(label.height(lw - 2), value.height(width - lw)) + self.style.base * 0.25

    def draw(self, c: Canvas, x: float, top: float, width: float) -> None:
        label, value = self._parts()
        lw = self.style.label_width
        # Align the label's baseline with the value's first baseline.
        shift = (value.size - label.size) * (1 + (value.leading - 1) / 2)
        label.draw(c, x, top - shift * 0.9, lw - 2)
        value.draw(c, x + lw, top, width - lw)


@dataclass
class Space(Block):
    amount: float

    def height(self, width: float) -> float:
        return self.amount

    def draw(self, c: Canvas, x: float, top: float, width: float) -> None:
        return None


@dataclass
class Rule(Block):
    """A dashed line between sections; left out where it would start an A4 page."""

    pad: float
    dashed: bool = True
    keep_with_next: bool = False

    def height(self, width: float) -> float:
        return 2 * self.pad

    def draw(self, c: Canvas, x: float, top: float, width: float) -> None:
        c.saveState()
        c.setStrokeColor(LIGHT)
        c.setLineWidth(0.6)
        if self.dashed:
            c.setDash(2, 2)
        c.line(x, top - self.pad, x + width, top - self.pad)
        c.restoreState()


@dataclass
class Qr(Block):
    payload: str
    size: float
    caption: str
    font: str

    def height(self, width: float) -> float:
        return self.size + 9

    def draw(self, c: Canvas, x: float, top: float, width: float) -> None:
        left = x + (width - self.size) / 2
        draw_qr(c, self.payload, left, top - self.size, self.size)
        c.setFont(self.font, 6.5)
        c.setFillColor(GREY)
        c.drawCentredString(x + width / 2, top - self.size - 6, self.caption)
        c.setFillColor(black)


@dataclass
class Banner(Block):
    """Reversed text in a black bar: the reprint mark, impossible to overlook."""

    text: str
    font: str
    size: float

    def height(self, width: float) -> float:
        return self.size * 2.0

    def draw(self, c: Canvas, x: float, top: float, width: float) -> None:
        h = self.size * 1.7
        c.setFillColor(black)
        c.rect(x, top - h, width, h, stroke=0, fill=1)
        c.setFillColor(white)
        c.setFont(self.font, self.size)
        c.drawCentredString(x + width / 2, top - h / 2 - self.size * 0.36, self.text)
        c.setFillColor(black)


@dataclass
class Side(Block):
    """Two blocks side by side (A4: details on the left, the QR code on the right)."""

    left: list[Block]
    right: Block
    right_width: float
    gap: float

    def height(self, width: float) -> float:
        lw = width - self.right_width - self.gap
        return max(sum(b.height(lw) for b in self.left), self.right.height(self.right_width))

    def draw(self, c: Canvas, x: float, top: float, width: float) -> None:
        lw = width - self.right_width - self.gap
        y = top
        for b in self.left:
            b.draw(c, x, y, lw)
            y -= b.height(lw)
        self.right.draw(c, x + lw + self.gap, top, self.right_width)


@dataclass(frozen=True)
class Column:
    share: float  # of the table's width, relative to the other columns
    align: Align = "left"


@dataclass
class TableRow(Block):
    """One table row: each cell wraps within its column. `header` is the row to repeat when
    this one starts an A4 page."""

    cells: Sequence[str]
    columns: Sequence[Column]
    font: str
    size: float
    color: Color = black
    bold_cells: frozenset[int] = frozenset()
    header: TableRow | None = None
    rule_below: bool = False
    keep_with_next: bool = False
    gap: float = 3.0
    leading: float = 1.3

    def _texts(self, width: float) -> list[tuple[float, float, Text]]:
        total = sum(col.share for col in self.columns)
        out, x = [], 0.0
        for i, (cell, col) in enumerate(zip(self.cells, self.columns, strict=True)):
            w = width * col.share / total
            text = Text(
                cell,
                self.font,
                self.size,
                col.align,
                bold=i in self.bold_cells,
                color=self.color,
                leading=self.leading,
            )
            out.append((x, w - self.gap, text))
            x += w
        return out

    def height(self, width: float) -> float:
        tall = max(t.height(w) for _, w, t in self._texts(width))
        return tall + self.size * 0.2 + (self.size * 0.3 if self.rule_below else 0)

    def draw(self, c: Canvas, x: float, top: float, width: float) -> None:
        for dx, w, text in self._texts(width):
            text.draw(c, x + dx, top, w)
        if self.rule_below:
            y = top - self.height(width) + self.size * 0.15
            c.saveState()
            c.setStrokeColor(LIGHT)
            c.setLineWidth(0.5)
            c.line(x, y, x + width, y)
            c.restoreState()


def draw_qr(c: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """The QR code as one filled path (no Drawing: its renderer would pull in Helvetica).

    `size` includes a quiet zone of 2 modules on each side; paper around it stays blank."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.make()
    n = code.getModuleCount()
    unit = size / (n + 4)
    path = c.beginPath()
    for row in range(n):
        col = 0
        while col < n:
            if code.isDark(row, col):
                start = col
                while col < n and code.isDark(row, col):
                    col += 1
                # Runs overlap by a hair so no hairline gaps show between modules.
                path.rect(
                    x + (start + 2) * unit,
                    y + size - (row + 3) * unit,
                    (col - start) * unit + 0.01,
                    unit + 0.01,
                )
            col += 1
    c.saveState()
    c.setFillColor(black)
    c.drawPath(path, stroke=0, fill=1)
    c.restoreState()


# -- documents ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocInfo:
    title: str
    author: str
    subject: str


# Draws what every A4 page carries besides the flow (header, footer): (canvas, page, pages).
PageDecor = Callable[[Canvas, int, int], None]


@dataclass
class _Page:
    placed: list[tuple[Block, float]] = field(default_factory=list)  # block, its top y


def _paginate(blocks: Sequence[Block], width: float, top: float, bottom: float) -> list[_Page]:
    pages = [_Page()]
    y = top
    heights = [b.height(width) for b in blocks]
    i = 0
    while i < len(blocks):
        blk, h = blocks[i], heights[i]
        need = h
        # A heading and what it heads move to the next page together.
        j = i
        while blocks[j].keep_with_next and j + 1 < len(blocks):
            j += 1
            need += heights[j]
        if y - need < bottom and y < top:
            pages.append(_Page())
            y = top
            if isinstance(blk, Rule):
                i += 1
                continue
            if isinstance(blk, TableRow) and blk.header is not None and blk is not blk.header:
                pages[-1].placed.append((blk.header, y))
                y -= blk.header.height(width)
        pages[-1].placed.append((blk, y))
        y -= h
        i += 1
    return pages


def _canvas(buffer: io.BytesIO, size: tuple[float, float], info: DocInfo) -> Canvas:
    c = Canvas(
        buffer,
        pagesize=size,
        pageCompression=1,
        invariant=True,
        initialFontName=cjk_font(),
        initialFontSize=9,
    )
    c.setTitle(info.title)
    c.setAuthor(info.author)
    c.setSubject(info.subject)
    return c


def roll_style(font: str, label_width: float) -> Style:
    return Style(font, 9.0, label_width, 34 * mm)


def a4_style(font: str, label_width: float = 30 * mm) -> Style:
    return Style(font, 11.0, label_width, 42 * mm)


def content_width(layout: Layout) -> float:
    return ROLL_WIDTH - 2 * ROLL_MARGIN_X if layout == "receipt80" else A4[0] - 2 * A4_MARGIN


def render_document(
    layout: Layout,
    blocks: Sequence[Block],
    info: DocInfo,
    decor: PageDecor | None = None,
    *,
    a4_bottom: float = A4_MARGIN,
) -> bytes:
    """The blocks as PDF bytes: one page as tall as the content on the roll, pages on A4.

    `decor` runs on every A4 page before its blocks are drawn; `a4_bottom` is where the flow
    stops on A4 (raise it to leave room for a footer)."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    buffer = io.BytesIO()
    width = content_width(layout)
    if layout == "receipt80":
        page_h = sum(b.height(width) for b in blocks) + 2 * ROLL_MARGIN_Y + ROLL_FEED
        top = page_h - ROLL_MARGIN_Y
        c = _canvas(buffer, (ROLL_WIDTH, page_h), info)
        pages = _paginate(blocks, width, top, float("-inf"))
        x = ROLL_MARGIN_X
    else:
        c = _canvas(buffer, A4, info)
        pages = _paginate(blocks, width, A4[1] - A4_MARGIN, a4_bottom)
        x = A4_MARGIN
    for number, page in enumerate(pages, 1):
        if number > 1:
            c.showPage()
        if decor is not None and layout == "a4":
            decor(c, number, len(pages))
        for blk, y in page.placed:
            blk.draw(c, x, y, width)
    c.showPage()
    c.save()
    return buffer.getvalue()

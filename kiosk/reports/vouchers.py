"""Vouchers and receipts as PDF: `render_voucher(data, payload, layout) -> bytes`, pure.

Two layouts: "receipt80" is an 80 mm roll (72 mm printed width, page as tall as the content)
and "a4" an office page. One embedded font (kiosk.reports.fonts) sets both languages. The data
arrives already masked (kiosk.domain.voucher_data); this module never sees a full ID number.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.colors import Color, black, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.voucher_data import VoucherData, VoucherKind
from kiosk.reports.fonts import cjk_font

Layout = Literal["receipt80", "a4"]
LAYOUTS: tuple[Layout, ...] = ("receipt80", "a4")

HOTLINE = "12333"
LEGAL_BASIS_ZH = "法律依据：《中华人民共和国社会保险法》第五十八条、第七十二条"
LEGAL_BASIS_EN = "Legal basis: Social Insurance Law of the PRC, Articles 58 and 72"
REPRINT_MARK = "补打 / REPRINT {n}"

GREY = Color(0.35, 0.35, 0.35)
LIGHT = Color(0.6, 0.6, 0.6)

_TEXTS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "issuer": "社会保障卡自助服务终端",
        VoucherKind.LOSS_RECEIPT.value: "社会保障卡挂失回执",
        VoucherKind.CANCELLATION_RECEIPT.value: "社会保障卡解挂回执",
        VoucherKind.CARD_RECEIPT.value: "社会保障卡领卡凭证",
        "number": "凭证编号",
        "kiosk": "终端编号",
        "location": "终端位置",
        "time": "办理时间",
        "tz": "（北京时间）",
        "business": "业务类型",
        "reason": "办理原因",
        "cardholder": "持卡人",
        "name": "姓名",
        "id": "证件号码",
        "card": "原卡号",
        "agent": "代办人",
        "relationship": "与持卡人关系",
        "pickup": "领卡信息",
        "outlet": "领卡网点",
        "address": "地址",
        "hours": "办公时间",
        "phone": "网点电话",
        "date": "预计领卡日期",
        "approx": "（约，以网点通知为准）",
        "materials": "需携带材料",
        "fee": "工本费",
        "medical": (
            "挂失期间在定点医疗机构、定点零售药店自行垫付的医疗费用，可持本凭证及相关票据、"
            "费用清单，到参保地医疗保障经办机构按规定申请报销。"
        ),
        "hotline": "咨询电话：12333",
        "reprinted": "补打时间 {at}\n操作员 {by}",
        "keep": "请妥善保管本凭证。工作人员可扫描二维码核验。",
        "weekdays": "一二三四五六日",
    },
    "en": {
        "issuer": "Social Security Card Self-Service Kiosk",
        VoucherKind.LOSS_RECEIPT.value: "Loss Report Receipt",
        VoucherKind.CANCELLATION_RECEIPT.value: "Loss Report Cancellation Receipt",
        VoucherKind.CARD_RECEIPT.value: "Card Collection Voucher",
        "number": "Voucher number",
        "kiosk": "Kiosk",
        "location": "Location",
        "time": "Date and time",
        "tz": " (China time)",
        "business": "Business",
        "reason": "Reason",
        "cardholder": "Cardholder",
        "name": "Name",
        "id": "ID number",
        "card": "Old card no.",
        "agent": "Agent",
        "relationship": "Relationship",
        "pickup": "Collecting the new card",
        "outlet": "Outlet",
        "address": "Address",
        "hours": "Opening hours",
        "phone": "Outlet phone",
        "date": "Expected on",
        "approx": " (approximate; the outlet will confirm)",
        "materials": "Please bring",
        "fee": "Fee",
        "medical": (
            "Medical expenses you paid yourself at designated hospitals and pharmacies during "
            "the loss period can be reimbursed: bring this voucher, the invoices and the itemised "
            "bills to the medical insurance office where you are insured."
        ),
        "hotline": "Hotline: 12333",
        "reprinted": "Reprinted {at}\nby {by}",
        "keep": "Please keep this voucher. Staff can check it by scanning the QR code.",
        "weekdays": "",
    },
}


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


# -- layout blocks: each measures its height for a width, then draws from a top y ----------


@dataclass
class _Style:
    font: str
    base: float  # body size in points
    label_width: float  # the label column of label/value rows
    qr_size: float


class _Block:
    def height(self, width: float) -> float:
        raise NotImplementedError

    def draw(self, c: Canvas, x: float, top: float, width: float) -> None:
        raise NotImplementedError


@dataclass
class _Text(_Block):
    text: str
    font: str
    size: float
    align: Literal["left", "center"] = "left"
    bold: bool = False
    color: Color = black
    leading: float = 1.35
    space_after: float = 0.0

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
            t.setTextOrigin(x + dx, y)
            t.textOut(line)
            y -= step
        c.drawText(t)
        c.restoreState()


@dataclass
class _Row(_Block):
    """A label/value row; the value wraps in its own column."""

    label: str
    value: str
    style: _Style
    size: float | None = None
    leading: float = 1.35

    def _parts(self, width: float) -> tuple[_Text, _Text]:
        size = self.size or self.style.base
        label = _Text(self.label, self.style.font, self.style.base * 0.9, color=GREY)
        value = _Text(self.value, self.style.font, size, leading=self.leading)
        return label, value

    def height(self, width: float) -> float:
        label, value = self._parts(width)
        lw = self.style.label_width
        return max(label.height(lw - 2), value.height(width - lw)) + self.style.base * 0.25

    def draw(self, c: Canvas, x: float, top: float, width: float) -> None:
        label, value = self._parts(width)
        lw = self.style.label_width
        # Align the label's baseline with the value's first baseline.
        shift = (value.size - label.size) * (1 + (value.leading - 1) / 2)
        label.draw(c, x, top - shift * 0.9, lw - 2)
        value.draw(c, x + lw, top, width - lw)


@dataclass
class _Space(_Block):
    amount: float

    def height(self, width: float) -> float:
        return self.amount

    def draw(self, c: Canvas, x: float, top: float, width: float) -> None:
        return None


@dataclass
class _Rule(_Block):
    pad: float
    dashed: bool = True

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
class _Qr(_Block):
    payload: str
    size: float
    caption: str
    font: str

    def height(self, width: float) -> float:
        return self.size + 9

    def draw(self, c: Canvas, x: float, top: float, width: float) -> None:
        left = x + (width - self.size) / 2
        _draw_qr(c, self.payload, left, top - self.size, self.size)
        c.setFont(self.font, 6.5)
        c.setFillColor(GREY)
        c.drawCentredString(x + width / 2, top - self.size - 6, self.caption)
        c.setFillColor(black)


@dataclass
class _Banner(_Block):
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
class _Side(_Block):
    """Two blocks side by side (A4: details on the left, the QR code on the right)."""

    left: list[_Block]
    right: _Block
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


def _draw_qr(c: Canvas, payload: str, x: float, y: float, size: float) -> None:
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


# -- content ------------------------------------------------------------------------------


def _when(at: dt.datetime, lang: str) -> str:
    local = at.astimezone(CHINA_TZ)
    return f"{local:%Y-%m-%d %H:%M:%S}{_TEXTS[lang]['tz']}"


def _day(day: dt.date, lang: str) -> str:
    if lang == "zh_CN":
        weekday = _TEXTS[lang]["weekdays"][day.weekday()]
        return f"{day.year}年{day.month}月{day.day}日（星期{weekday}）"
    return f"{day:%a} {day.day} {day:%b %Y}"


def _blocks(data: VoucherData, payload: str, layout: Layout, st: _Style) -> list[_Block]:
    tx = _TEXTS[data.language]
    f, b = st.font, st.base
    out: list[_Block] = []
    row = lambda label, value, **kw: _Row(label, value, st, **kw)  # noqa: E731

    out += [
        _Text(tx["issuer"], f, b * 0.85, "center", color=GREY),
        _Text(tx[data.kind.value], f, b * 1.55, "center", bold=True, space_after=b * 0.2),
    ]
    if data.reprint:
        r = data.reprint
        out += [
            _Space(b * 0.3),
            _Banner(REPRINT_MARK.format(n=r.number), f, b * 1.1),
            _Text(
                tx["reprinted"].format(at=_when(r.at, data.language), by=r.by),
                f,
                b * 0.8,
                "center",
                color=GREY,
            ),
        ]
    out.append(_Rule(b * 0.5))

    number = [
        _Text(tx["number"], f, b * 0.85, color=GREY),
        _Text(data.voucher_number, f, b * 1.45, bold=True, space_after=b * 0.3),
        row(tx["kiosk"], data.kiosk.kiosk_id),
        row(tx["location"], data.kiosk.location),
        row(tx["time"], _when(data.issued_at, data.language)),
        row(tx["business"], data.business_type),
        row(tx["reason"], data.reason),
        *(row(label, value) for label, value in data.extra),
    ]
    qr = _Qr(payload, st.qr_size, data.voucher_number, f)
    if layout == "a4":
        out.append(_Side(number, qr, st.qr_size, 10 * mm))
    else:
        out += [*number, _Space(b * 0.4), qr]

    out += [
        _Rule(b * 0.5),
        _Text(tx["cardholder"], f, b, bold=True, space_after=b * 0.2),
        row(tx["name"], data.cardholder.name),
        row(tx["id"], data.cardholder.id_number),
        row(tx["card"], data.cardholder.card_number),
    ]
    if data.agent:
        out += [
            _Space(b * 0.3),
            _Text(tx["agent"], f, b, bold=True, space_after=b * 0.2),
            row(tx["name"], data.agent.name),
            row(tx["id"], data.agent.id_number),
            row(tx["relationship"], data.agent.relationship),
        ]
    if data.pickup:
        p = data.pickup
        date = _day(p.expected_date, data.language) + ("" if p.date_exact else tx["approx"])
        out += [
            _Rule(b * 0.5),
            _Text(tx["pickup"], f, b, bold=True, space_after=b * 0.2),
            row(tx["date"], date, size=b * 1.15),
            row(tx["outlet"], p.outlet.name),
            row(tx["address"], p.outlet.address),
            row(tx["hours"], p.outlet.hours),
        ]
        if p.outlet.phone:
            out.append(row(tx["phone"], p.outlet.phone))
        # One row per item, so a long list can run onto the next A4 page.
        for i, item in enumerate(p.materials, 1):
            out.append(row(tx["materials"] if i == 1 else "", f"{i}. {item}"))
        if p.fee:
            out.append(row(tx["fee"], p.fee))
        out += [_Space(b * 0.3), _Text(tx["medical"], f, b * 0.85, leading=1.45)]

    out += [
        _Rule(b * 0.5),
        _Text(tx["hotline"], f, b, bold=True, space_after=b * 0.2),
        _Text(tx["keep"], f, b * 0.8, color=GREY, space_after=b * 0.3),
        _Text(LEGAL_BASIS_ZH, f, b * 0.75, color=GREY),
        _Text(LEGAL_BASIS_EN, f, b * 0.75, color=GREY),
    ]
    return out


# -- pages --------------------------------------------------------------------------------

_ROLL_WIDTH = 80 * mm
_ROLL_MARGIN_X = 4 * mm  # 72 mm printed: the usual printable width of an 80 mm head
_ROLL_MARGIN_Y = 5 * mm
_ROLL_FEED = 12 * mm  # blank tail so the cutter does not cut through the last line
_A4_MARGIN = 20 * mm


def _canvas(buffer: io.BytesIO, size: tuple[float, float], data: VoucherData) -> Canvas:
    c = Canvas(
        buffer,
        pagesize=size,
        pageCompression=1,
        invariant=True,
        initialFontName=cjk_font(),
        initialFontSize=9,
    )
    c.setTitle(_TEXTS[data.language][data.kind.value] + " " + data.voucher_number)
    c.setAuthor(_TEXTS[data.language]["issuer"])
    c.setSubject(data.kind.value)
    return c


def render_voucher(data: VoucherData, payload: str, layout: Layout = "receipt80") -> bytes:
    """The voucher as PDF bytes. `payload` is the signed QR text (kiosk.services.voucher_codes)."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown voucher layout {layout!r}")
    font = cjk_font()
    buffer = io.BytesIO()
    if layout == "receipt80":
        style = _Style(font, 9.0, 19.5 * mm if data.language == "zh_CN" else 21 * mm, 34 * mm)
        width = _ROLL_WIDTH - 2 * _ROLL_MARGIN_X
        blocks = _blocks(data, payload, layout, style)
        heights = [blk.height(width) for blk in blocks]
        page_h = sum(heights) + 2 * _ROLL_MARGIN_Y + _ROLL_FEED
        c = _canvas(buffer, (_ROLL_WIDTH, page_h), data)
        _flow(c, blocks, heights, _ROLL_MARGIN_X, page_h - _ROLL_MARGIN_Y, width, None)
    else:
        style = _Style(font, 11.0, 30 * mm, 42 * mm)
        width = A4[0] - 2 * _A4_MARGIN
        blocks = _blocks(data, payload, layout, style)
        heights = [blk.height(width) for blk in blocks]
        c = _canvas(buffer, A4, data)
        title = f"{_TEXTS[data.language][data.kind.value]} · {data.voucher_number}"

        def continued(c: Canvas) -> None:
            # A continuation page says whose it is, so a loose sheet can be matched up.
            c.setFont(font, 8)
            c.setFillColor(GREY)
            c.drawString(_A4_MARGIN, A4[1] - _A4_MARGIN + 4 * mm, title)
            c.drawRightString(
                A4[0] - _A4_MARGIN, A4[1] - _A4_MARGIN + 4 * mm, f"({c.getPageNumber()})"
            )
            c.setFillColor(black)

        _flow(c, blocks, heights, _A4_MARGIN, A4[1] - _A4_MARGIN, width, _A4_MARGIN, continued)
    c.showPage()
    c.save()
    return buffer.getvalue()


def _flow(
    c: Canvas,
    blocks: list[_Block],
    heights: list[float],
    x: float,
    top: float,
    width: float,
    bottom: float | None,
    on_new_page: Callable[[Canvas], None] | None = None,
) -> None:
    y = top
    for blk, h in zip(blocks, heights, strict=True):
        if bottom is not None and y - h < bottom and y < top:
            c.showPage()
            if on_new_page:
                on_new_page(c)
            y = top
        blk.draw(c, x, y, width)
        y -= h

"""Vouchers and receipts as PDF: `render_voucher(data, payload, layout) -> bytes`, pure.

Two layouts: "receipt80" is an 80 mm roll (72 mm printed width, page as tall as the content)
and "a4" an office page. One embedded font (kiosk.reports.fonts) sets both languages. The data
arrives already masked (kiosk.domain.voucher_data); this module never sees a full ID number.
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib.colors import black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kiosk.domain import vocabulary as words
from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.voucher_data import VoucherData
from kiosk.reports.fonts import cjk_font
from kiosk.reports.layout import (
    A4_MARGIN,
    GREY,
    LAYOUTS,
    Banner,
    Block,
    DocInfo,
    Layout,
    Qr,
    Row,
    Rule,
    Side,
    Space,
    Style,
    Text,
    a4_style,
    render_document,
    roll_style,
)

__all__ = ["LAYOUTS", "LEGAL_BASIS_EN", "LEGAL_BASIS_ZH", "Layout", "render_voucher"]

HOTLINE = "12333"
LEGAL_BASIS_ZH = "法律依据：《中华人民共和国社会保险法》第五十八条、第七十二条"
LEGAL_BASIS_EN = "Legal basis: Social Insurance Law of the PRC, Articles 58 and 72"
REPRINT_MARK = "补打 / REPRINT {n}"

_TEXTS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "issuer": "社会保障卡自助服务终端",
        "title": "社会保障卡{kind}",
        "kiosk": "终端编号",
        "location": "终端位置",
        "time": "办理时间",
        "tz": "（北京时间）",
        "business": "业务类型",
        "name": "姓名",
        "id": "证件号码",
        "card": "原卡号",
        "relationship": "与持卡人关系",
        "pickup": "领卡信息",
        "address": "地址",
        "hours": "办公时间",
        "phone": "网点电话",
        "approx": "约{date}，以网点通知为准",
        "materials": "需携带材料",
        "hotline": "咨询电话：12333",
        "reprinted": "补打时间 {at}\n操作员 {by}",
        "keep": "请妥善保管本凭证。在自助终端扫描二维码可查询办理进度，工作人员扫码可核验凭证。",
        "weekdays": "一二三四五六日",
    },
    "en": {
        "issuer": "Social Security Card Self-Service Kiosk",
        "title": "{kind}",
        "kiosk": "Kiosk",
        "location": "Location",
        "time": "Date and time",
        "tz": " (China time)",
        "business": "Business",
        "name": "Name",
        "id": "ID number",
        "card": "Old card no.",
        "relationship": "Relationship",
        "pickup": "Collecting the new card",
        "address": "Address",
        "hours": "Opening hours",
        "phone": "Outlet phone",
        "approx": "Approximately {date}; the outlet will confirm the date",
        "materials": "Please bring",
        "hotline": "Hotline: 12333",
        "reprinted": "Reprinted {at}\nby {by}",
        "keep": (
            "Please keep this voucher. Scan its QR code at a kiosk to see how far it is; "
            "staff scan it to check the voucher."
        ),
        "weekdays": "",
    },
}


# -- content ------------------------------------------------------------------------------


def _when(at: dt.datetime, lang: str) -> str:
    local = at.astimezone(CHINA_TZ)
    return f"{local:%Y-%m-%d %H:%M:%S}{_TEXTS[lang]['tz']}"


def _day(day: dt.date, lang: str) -> str:
    if lang == "zh_CN":
        weekday = _TEXTS[lang]["weekdays"][day.weekday()]
        return f"{day.year}年{day.month}月{day.day}日（星期{weekday}）"
    return f"{day:%a} {day.day} {day:%b %Y}"


def _title(data: VoucherData) -> str:
    kind = words.VOUCHER_KINDS[data.kind].in_language(data.language)
    return _TEXTS[data.language]["title"].format(kind=kind)


def _blocks(data: VoucherData, payload: str, layout: Layout, st: Style) -> list[Block]:
    tx = _TEXTS[data.language]
    term = lambda t: t.in_language(data.language)  # noqa: E731
    f, b = st.font, st.base
    out: list[Block] = []
    row = lambda label, value, **kw: Row(label, value, st, **kw)  # noqa: E731

    out += [
        Text(tx["issuer"], f, b * 0.85, "center", color=GREY),
        Text(_title(data), f, b * 1.55, "center", bold=True, space_after=b * 0.2),
    ]
    if data.reprint:
        r = data.reprint
        out += [
            Space(b * 0.3),
            Banner(REPRINT_MARK.format(n=r.number), f, b * 1.1),
            Text(
                tx["reprinted"].format(at=_when(r.at, data.language), by=r.by),
                f,
                b * 0.8,
                "center",
                color=GREY,
            ),
        ]
    out.append(Rule(b * 0.5))

    number = [
        Text(term(words.VOUCHER_NUMBER), f, b * 0.85, color=GREY),
        Text(data.voucher_number, f, b * 1.45, bold=True, space_after=b * 0.3),
        row(tx["kiosk"], data.kiosk.kiosk_id),
        row(tx["location"], data.kiosk.location),
        row(tx["time"], _when(data.issued_at, data.language)),
        row(tx["business"], data.business_type),
        row(term(words.REASON), data.reason),
        *(row(label, value) for label, value in data.extra),
    ]
    qr = Qr(payload, st.qr_size, data.voucher_number, f)
    if layout == "a4":
        out.append(Side(number, qr, st.qr_size, 10 * mm))
    else:
        out += [*number, Space(b * 0.4), qr]

    out += [
        Rule(b * 0.5),
        Text(term(words.CARDHOLDER), f, b, bold=True, space_after=b * 0.2, keep_with_next=True),
        row(tx["name"], data.cardholder.name),
        row(tx["id"], data.cardholder.id_number),
        row(tx["card"], data.cardholder.card_number),
    ]
    if data.agent:
        out += [
            Space(b * 0.3),
            Text(term(words.AGENT), f, b, bold=True, space_after=b * 0.2, keep_with_next=True),
            row(tx["name"], data.agent.name),
            row(tx["id"], data.agent.id_number),
            row(tx["relationship"], data.agent.relationship),
        ]
    if data.pickup:
        p = data.pickup
        date = _day(p.expected_date, data.language)
        if not p.date_exact:  # counted without a published holiday calendar for that year
            date = tx["approx"].format(date=date)
        out += [
            Rule(b * 0.5),
            Text(tx["pickup"], f, b, bold=True, space_after=b * 0.2, keep_with_next=True),
            row(term(words.PICKUP_DATE), date, size=b * 1.15),
            row(term(words.PICKUP_OUTLET), p.outlet.name),
            row(tx["address"], p.outlet.address),
            row(tx["hours"], p.outlet.hours),
        ]
        if p.outlet.phone:
            out.append(row(tx["phone"], p.outlet.phone))
        # One row per item, so a long list can run onto the next A4 page.
        for i, item in enumerate(p.materials, 1):
            out.append(row(tx["materials"] if i == 1 else "", f"{i}. {item}"))
        if p.materials_note:
            out.append(row("", p.materials_note, size=b * 0.9))
        if p.fee:
            out.append(row(term(words.FEE), p.fee))
        if p.reimbursement:
            out += [Space(b * 0.3), Text(p.reimbursement, f, b * 0.85, leading=1.45)]

    out += [
        Rule(b * 0.5),
        Text(tx["hotline"], f, b, bold=True, space_after=b * 0.2),
        Text(tx["keep"], f, b * 0.8, color=GREY, space_after=b * 0.3),
        Text(LEGAL_BASIS_ZH, f, b * 0.75, color=GREY),
        Text(LEGAL_BASIS_EN, f, b * 0.75, color=GREY),
    ]
    return out


# -- pages --------------------------------------------------------------------------------


def render_voucher(data: VoucherData, payload: str, layout: Layout = "receipt80") -> bytes:
    """The voucher as PDF bytes. `payload` is the signed QR text (kiosk.services.voucher_codes)."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown voucher layout {layout!r}")
    font = cjk_font()
    tx = _TEXTS[data.language]
    if layout == "receipt80":
        style = roll_style(font, 19.5 * mm if data.language == "zh_CN" else 21 * mm)
    else:
        style = a4_style(font)
    title = f"{_title(data)} · {data.voucher_number}"

    def continued(c: Canvas, page: int, pages: int) -> None:
        # A continuation page says whose it is, so a loose sheet can be matched up.
        if page == 1:
            return
        c.setFont(font, 8)
        c.setFillColor(GREY)
        c.drawString(A4_MARGIN, A4[1] - A4_MARGIN + 4 * mm, title)
        c.drawRightString(A4[0] - A4_MARGIN, A4[1] - A4_MARGIN + 4 * mm, f"{page}/{pages}")
        c.setFillColor(black)

    info = DocInfo(
        title=f"{_title(data)} {data.voucher_number}",
        author=tx["issuer"],
        subject=data.kind.value,
    )
    return render_document(layout, _blocks(data, payload, layout, style), info, continued)

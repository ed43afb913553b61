"""The day-end slip as PDF: `render_day_end(report, language, layout) -> bytes`, pure.

A kiosk's totals for one day (transactions, hand-overs and reimbursements by kind, vouchers
printed and reprinted, audit entries by outcome) and the head of
its audit chain, printed in full so the paper anchors the log: a log rewritten after the slip
was printed no longer reaches the sealed entry the slip names. Same layouts and font as the
vouchers (kiosk.reports.vouchers); the report holds no personal data.
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm

from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.day_report import (
    KIND_TERMS,
    OUTCOME_TERMS,
    PRINTED_TERM,
    REPRINTED_TERM,
    DayReport,
)
from kiosk.domain.voucher_data import Language
from kiosk.reports.fonts import cjk_font
from kiosk.reports.layout import (
    GREY,
    Block,
    DocInfo,
    Layout,
    Row,
    Rule,
    Space,
    Style,
    Text,
    a4_style,
    render_document,
    roll_style,
)

_TEXTS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "issuer": "社会保障卡自助服务终端",
        "title": "日结单",
        "kiosk": "终端编号",
        "location": "终端位置",
        "day": "营业日期",
        "printed": "打印时间",
        "tz": "（北京时间）",
        "transactions": "当日业务",
        "total": "合计",
        "outcomes": "审计记录（按结果）",
        "head": "审计链",
        "chain": "链",
        "seq": "序号",
        "seal": "封印",
        "no_head": "尚无审计记录",
        "keep": "本单据与审计日志相互印证，请签字后存档。",
        "sign": "核对人签字：",
    },
    "en": {
        "issuer": "Social Security Card Self-Service Kiosk",
        "title": "Day-end slip",
        "kiosk": "Kiosk",
        "location": "Location",
        "day": "Business day",
        "printed": "Printed",
        "tz": " (Beijing time)",
        "transactions": "Transactions",
        "total": "Total",
        "outcomes": "Audit entries by outcome",
        "head": "Audit chain",
        "chain": "Chain",
        "seq": "Entry",
        "seal": "Seal",
        "no_head": "no audit entries yet",
        "keep": "This slip anchors the audit log: sign it and file it.",
        "sign": "Checked by:",
    },
}


def _when(at: dt.datetime, lang: str) -> str:
    return f"{at.astimezone(CHINA_TZ):%Y-%m-%d %H:%M:%S}{_TEXTS[lang]['tz']}"


def _blocks(report: DayReport, lang: Language, st: Style) -> list[Block]:
    tx = _TEXTS[lang]
    f, b = st.font, st.base
    row = lambda label, value, **kw: Row(label, value, st, **kw)  # noqa: E731
    out: list[Block] = [
        Text(tx["issuer"], f, b * 0.85, "center", color=GREY),
        Text(tx["title"], f, b * 1.55, "center", bold=True, space_after=b * 0.2),
        Rule(b * 0.5),
        row(tx["kiosk"], report.kiosk.kiosk_id),
        row(tx["location"], report.kiosk.location),
        row(tx["day"], report.day.isoformat()),
        row(tx["printed"], _when(report.made_at, lang)),
        Rule(b * 0.5),
        Text(tx["transactions"], f, b, bold=True, space_after=b * 0.2, keep_with_next=True),
    ]
    for kind, count in report.by_kind.items():
        out.append(row(KIND_TERMS[kind].in_language(lang), str(count)))
    out += [
        row(tx["total"], str(report.total), bold=True),
        Space(b * 0.3),
        row(PRINTED_TERM.in_language(lang), str(report.printed)),
        row(REPRINTED_TERM.in_language(lang), str(report.reprinted)),
        Space(b * 0.3),
        Text(tx["outcomes"], f, b, bold=True, space_after=b * 0.2, keep_with_next=True),
    ]
    for outcome, count in report.by_outcome.items():
        out.append(row(OUTCOME_TERMS[outcome].in_language(lang), str(count)))
    out += [
        Rule(b * 0.5),
        Text(tx["head"], f, b, bold=True, space_after=b * 0.2, keep_with_next=True),
    ]
    if report.head is None:
        out.append(Text(tx["no_head"], f, b * 0.9))
    else:
        out += [
            row(tx["chain"], report.head.chain),
            row(tx["seq"], str(report.head.seq)),
            # The whole seal, in groups of 8 so it wraps between groups and reads aloud.
            row(tx["seal"], " ".join(report.head.hash[i : i + 8] for i in range(0, 64, 8))),
        ]
    out += [
        Rule(b * 0.5),
        Text(tx["keep"], f, b * 0.8, color=GREY, space_after=b * 0.6),
        Text(tx["sign"], f, b, space_after=b * 1.5),
    ]
    return out


def render_day_end(report: DayReport, language: Language, layout: Layout = "receipt80") -> bytes:
    """The day-end slip as PDF bytes: one tall page on the roll, A4 pages on A4."""
    font = cjk_font()
    if layout == "receipt80":
        style = roll_style(font, 19.5 * mm if language == "zh_CN" else 24 * mm)
    else:
        style = a4_style(font, 50 * mm)
    tx = _TEXTS[language]
    info = DocInfo(
        title=f"{tx['title']} {report.kiosk.kiosk_id} {report.day.isoformat()}",
        author=tx["issuer"],
        subject="day_end",
    )
    return render_document(layout, _blocks(report, language, style), info)

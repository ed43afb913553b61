"""The records statement (个人权益记录) as PDF: `render_statement(data, layout) -> bytes`, pure.

Insured status, personal accounts, one year of contributions, work history, qualifications and
injury assessments, on A4 (tables, page numbers) or the 80 mm roll (narrower tables, no
employer column: contributions are grouped under each employer instead). The name and ID
number arrive masked (kiosk.domain.statement_data says why); no QR code: it is no voucher.

It stays one module (about 580 lines): the sections share one builder's cursor, page breaks
and the two layouts' column sets; split up, each part would take all of that as arguments.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from reportlab.lib.colors import black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kiosk.domain import vocabulary as words
from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.records import AccountType, Contribution, InsuranceType, fen_to_yuan
from kiosk.domain.statement_data import StatementData
from kiosk.reports.fonts import cjk_font
from kiosk.reports.layout import (
    A4_MARGIN,
    GREY,
    LAYOUTS,
    Block,
    Column,
    DocInfo,
    Layout,
    Row,
    Rule,
    Space,
    Style,
    TableRow,
    Text,
    a4_style,
    render_document,
    roll_style,
)

__all__ = ["REFERENCE_EN", "REFERENCE_ZH", "render_statement"]

REFERENCE_ZH = "本记录仅供参考，具体以社会保险经办机构核定的数据为准。"
REFERENCE_EN = (
    "This statement is for reference only; the records of the social insurance agency prevail."
)

_TEXTS: dict[str, dict[str, str]] = {
    "zh_CN": {
        "issuer": "社会保障卡自助服务终端",
        "title": "个人权益记录（社会保险）",
        "name": "姓名",
        "id": "证件号码",
        "printed": "打印时间",
        "kiosk": "终端编号",
        "location": "终端位置",
        "tz": "（北京时间）",
        "enrolments": "参保状态",
        "insurance": "险种",
        "status": "状态",
        "since": "参保时间",
        "until": "终止时间",
        "accounts": "个人账户",
        "account": "账户",
        "balance": "余额",
        "credits": "{year}年记入",
        "debits": "{year}年支出",
        "updated": "更新时间",
        "credits_col": "本年记入",
        "debits_col": "本年支出",
        "employer_total": "单位缴纳合计",
        "personal_total": "个人缴纳合计",
        "contributions": "{year}年缴费记录",
        "contributions_any": "缴费记录",
        "no_contributions": "本年度无缴费记录。",
        "yuan": "金额单位：元",
        "month": "月份",
        "employer": "缴费单位",
        "base": "缴费基数",
        "employer_part": "单位缴纳",
        "personal_part": "个人缴纳",
        "paid": "已缴",
        "owed": "欠缴",
        "total": "合计",
        "months": "已缴 {paid} 个月，欠缴 {owed} 个月",
        "work": "工作经历",
        "position": "岗位",
        "period": "起止时间",
        "present": "至今",
        "qualifications": "职业资格",
        "qualification": "资格名称",
        "level": "等级",
        "certificate": "证书编号",
        "issued": "发证日期",
        "issuer_org": "发证机构",
        "kind": "类别",
        "description": "情况",
        "none": "无记录",
        "hotline": "咨询电话：12333",
        "page": "第 {page} 页 / 共 {pages} 页",
    },
    "en": {
        "issuer": "Social Security Card Self-Service Kiosk",
        "title": "Social Insurance Personal Record",
        "name": "Name",
        "id": "ID number",
        "printed": "Printed",
        "kiosk": "Kiosk",
        "location": "Location",
        "tz": " (China time)",
        "enrolments": "Insurance status",
        "insurance": "Insurance",
        "status": "Status",
        "since": "Since",
        "until": "Until",
        "accounts": "Personal accounts",
        "account": "Account",
        "balance": "Balance",
        "credits": "Credited {year}",
        "debits": "Paid out {year}",
        "updated": "Updated",
        "credits_col": "Credited this year",
        "debits_col": "Paid out this year",
        "employer_total": "Employer total",
        "personal_total": "Personal total",
        "contributions": "Contributions in {year}",
        "contributions_any": "Contributions",
        "no_contributions": "No contributions in this year.",
        "yuan": "Amounts in yuan (CNY)",
        "month": "Month",
        "employer": "Employer",
        "base": "Base",
        "employer_part": "Employer",
        "personal_part": "Personal",
        "paid": "Paid",
        "owed": "Owed",
        "total": "Total",
        "months": "{paid} months paid, {owed} owed",
        "work": "Work history",
        "position": "Position",
        "period": "Period",
        "present": "present",
        "qualifications": "Qualifications",
        "qualification": "Qualification",
        "level": "Level",
        "certificate": "Certificate",
        "issued": "Issued",
        "issuer_org": "Issued by",
        "kind": "Kind",
        "description": "Finding",
        "none": "None on record",
        "hotline": "Hotline: 12333",
        "page": "Page {page} of {pages}",
    },
}


def _money(fen: int) -> str:
    return f"{fen_to_yuan(fen):,}"


def _date(day: dt.date | None, present: str) -> str:
    return present if day is None else f"{day:%Y-%m-%d}"


def _month(day: dt.date | None, present: str) -> str:
    return present if day is None else f"{day:%Y-%m}"


class _Builder:
    """Collects the blocks of one statement for one layout."""

    def __init__(self, data: StatementData, layout: Layout, style: Style) -> None:
        self.data, self.layout, self.st = data, layout, style
        self.tx = _TEXTS[data.language]
        self.wide = layout == "a4"
        self.out: list[Block] = []

    # primitives -------------------------------------------------------------------------

    def word(self, term: words.Term) -> str:
        return term.in_language(self.data.language)

    def heading(self, text: str) -> None:
        b = self.st.base
        self.out += [
            Rule(b * 0.5, keep_with_next=True),
            Text(text, self.st.font, b * 1.05, bold=True, space_after=b * 0.3, keep_with_next=True),
        ]

    def row(self, label: str, value: str, *, bold: bool = False) -> Row:
        return Row(label, value, self.st, bold=bold)

    def table(
        self,
        columns: list[Column],
        header: list[str],
        rows: Iterable[tuple[list[str], frozenset[int]]],
    ) -> None:
        size = self.st.base * (0.9 if self.wide else 0.85)
        head = TableRow(
            header,
            columns,
            self.st.font,
            size * 0.95,
            color=GREY,
            rule_below=True,
            keep_with_next=True,
        )
        self.out.append(head)
        for cells, bold in rows:
            self.out.append(
                TableRow(cells, columns, self.st.font, size, bold_cells=bold, header=head)
            )

    def note(self, text: str, *, size: float = 0.85) -> None:
        self.out.append(Text(text, self.st.font, self.st.base * size, color=GREY))

    def when(self, at: dt.datetime) -> str:
        return f"{at.astimezone(CHINA_TZ):%Y-%m-%d %H:%M:%S}{self.tx['tz']}"

    # sections ---------------------------------------------------------------------------

    def build(self) -> list[Block]:
        self.title()
        self.enrolments()
        self.accounts()
        self.contributions()
        self.work()
        self.qualifications()
        if self.data.injuries:
            self.injuries()
        self.footer()
        return self.out

    def title(self) -> None:
        d, tx, f, b = self.data, self.tx, self.st.font, self.st.base
        self.out += [
            Text(tx["issuer"], f, b * 0.85, "center", color=GREY),
            Text(tx["title"], f, b * 1.55, "center", bold=True, space_after=b * 0.2),
            Rule(b * 0.5),
            self.row(tx["name"], d.name),
            self.row(tx["id"], d.id_number),
            self.row(tx["printed"], self.when(d.printed_at)),
            self.row(tx["kiosk"], d.kiosk.kiosk_id),
            self.row(tx["location"], d.kiosk.location),
        ]

    def enrolments(self) -> None:
        tx, w = self.tx, self.word
        self.heading(tx["enrolments"])
        if not self.data.enrolments:
            self.note(tx["none"])
            return
        order = list(InsuranceType)
        rows = sorted(
            self.data.enrolments, key=lambda e: (order.index(e.insurance_type), e.start_date)
        )
        cols = [Column(1.5), Column(1.2), Column(1.0), Column(1.0)]
        if not self.wide:
            cols = [Column(1.35), Column(1.05), Column(0.95), Column(0.95)]
        self.table(
            cols,
            [tx["insurance"], tx["status"], tx["since"], tx["until"]],
            (
                (
                    [
                        w(words.INSURANCE_TYPES[e.insurance_type]),
                        w(words.ENROLMENT_STATUSES[e.status]),
                        _date(e.start_date, ""),
                        _date(e.end_date, "—"),
                    ],
                    frozenset(),
                )
                for e in rows
            ),
        )

    def accounts(self) -> None:
        tx, w = self.tx, self.word
        self.heading(tx["accounts"])
        accounts = sorted(self.data.accounts, key=lambda a: list(AccountType).index(a.account_type))
        if not accounts:
            self.note(tx["none"])
            return
        if self.wide:
            self.table(
                [
                    Column(2.2),
                    Column(1.2, "right"),
                    Column(1.2, "right"),
                    Column(1.2, "right"),
                    Column(1.1, "right"),
                ],
                [
                    tx["account"],
                    tx["balance"],
                    tx["credits_col"],
                    tx["debits_col"],
                    tx["updated"],
                ],
                (
                    (
                        [
                            f"{w(words.ACCOUNT_TYPES[a.account_type])} ({a.year})",
                            _money(a.balance_fen),
                            _money(a.credits_fen),
                            _money(a.debits_fen),
                            f"{a.updated_at.astimezone(CHINA_TZ):%Y-%m-%d}",
                        ],
                        frozenset({1}),
                    )
                    for a in accounts
                ),
            )
        else:
            b = self.st.base
            for i, a in enumerate(accounts):
                if i:
                    self.out.append(Space(b * 0.3))
                self.out += [
                    Text(
                        w(words.ACCOUNT_TYPES[a.account_type]), self.st.font, b, keep_with_next=True
                    ),
                    self.row(tx["balance"], _money(a.balance_fen), bold=True),
                    self.row(tx["credits"].format(year=a.year), _money(a.credits_fen)),
                    self.row(tx["debits"].format(year=a.year), _money(a.debits_fen)),
                    self.row(tx["updated"], f"{a.updated_at.astimezone(CHINA_TZ):%Y-%m-%d}"),
                ]
        self.note(tx["yuan"], size=0.75)

    def contributions(self) -> None:
        tx = self.tx
        year = self.data.contributions
        if year is None:
            self.heading(tx["contributions_any"])
            self.note(tx["none"])
            return
        self.heading(tx["contributions"].format(year=year.year))
        if not year.months:
            self.note(tx["no_contributions"])
            return
        self.note(tx["yuan"], size=0.75)
        status = lambda c: tx["paid"] if c.paid else tx["owed"]  # noqa: E731

        def amounts(c: Contribution) -> list[str]:
            return [_money(c.base_fen), _money(c.employer_fen), _money(c.personal_fen)]

        owed = 4 if not self.wide else 5
        if self.wide:
            cols = [
                Column(0.8),
                Column(2.6),
                Column(1.1, "right"),
                Column(1.1, "right"),
                Column(1.1, "right"),
                Column(0.7, "center"),
            ]
            self.table(
                cols,
                [
                    tx["month"],
                    tx["employer"],
                    tx["base"],
                    tx["employer_part"],
                    tx["personal_part"],
                    tx["status"],
                ],
                (
                    (
                        [f"{c.year}-{c.month:02d}", c.employer, *amounts(c), status(c)],
                        frozenset() if c.paid else frozenset({owed}),
                    )
                    for c in year.months
                ),
            )
        else:
            cols = [
                Column(0.75),
                Column(1.25, "right"),
                Column(1.25, "right"),
                Column(1.15, "right"),
                Column(0.6, "center"),
            ]
            employers: list[str] = []
            for c in year.months:
                if c.employer not in employers:
                    employers.append(c.employer)
            for employer in employers:
                self.out.append(
                    Text(
                        f"{tx['employer']}：{employer}"
                        if self.data.language == "zh_CN"
                        else f"{tx['employer']}: {employer}",
                        self.st.font,
                        self.st.base * 0.85,
                        space_after=self.st.base * 0.15,
                        keep_with_next=True,
                    )
                )
                self.table(
                    cols,
                    [
                        tx["month"],
                        tx["base"],
                        tx["employer_part"],
                        tx["personal_part"],
                        tx["status"],
                    ],
                    (
                        (
                            [f"{c.month:02d}", *amounts(c), status(c)],
                            frozenset() if c.paid else frozenset({owed}),
                        )
                        for c in year.months
                        if c.employer == employer
                    ),
                )
                self.out.append(Space(self.st.base * 0.3))
        employer_sum = sum(c.employer_fen for c in year.months)
        personal_sum = sum(c.personal_fen for c in year.months)
        b = self.st.base
        self.out += [
            Space(b * 0.2),
            self.row(
                tx["total"], tx["months"].format(paid=year.paid_months, owed=year.owed_months)
            ),
            self.row(tx["employer_total"], _money(employer_sum)),
            self.row(tx["personal_total"], _money(personal_sum)),
        ]

    def work(self) -> None:
        tx = self.tx
        self.heading(tx["work"])
        periods = sorted(self.data.work_history, key=lambda w: w.start_date, reverse=True)
        if not periods:
            self.note(tx["none"])
            return
        cols = [Column(2.4), Column(1.0), Column(1.4)]
        if not self.wide:
            cols = [Column(95.5), Column(41.5), Column(67)]  # in points: 12 CJK, 5 CJK, a period
        self.table(
            cols,
            [tx["employer"], tx["position"], tx["period"]],
            (
                (
                    [
                        w.employer,
                        w.position or "—",
                        f"{_month(w.start_date, '')} – {_month(w.end_date, tx['present'])}",
                    ],
                    frozenset(),
                )
                for w in periods
            ),
        )

    def qualifications(self) -> None:
        tx = self.tx
        self.heading(tx["qualifications"])
        if not self.data.qualifications:
            self.note(tx["none"])
            return
        quals = sorted(self.data.qualifications, key=lambda q: q.issued_on, reverse=True)
        if self.wide:
            self.table(
                [Column(2.1), Column(0.7), Column(1.6), Column(1.0), Column(1.6)],
                [
                    tx["qualification"],
                    tx["level"],
                    tx["certificate"],
                    tx["issued"],
                    tx["issuer_org"],
                ],
                (
                    (
                        [
                            q.title,
                            q.level or "—",
                            q.certificate_no,
                            _date(q.issued_on, ""),
                            q.issuer,
                        ],
                        frozenset(),
                    )
                    for q in quals
                ),
            )
            return
        b = self.st.base
        for i, q in enumerate(quals):
            if i:
                self.out.append(Space(b * 0.3))
            title = q.title + (
                f"（{q.level}）"
                if q.level and self.data.language == "zh_CN"
                else f" ({q.level})"
                if q.level
                else ""
            )
            self.out += [
                Text(title, self.st.font, b, keep_with_next=True),
                self.row(tx["certificate"], q.certificate_no),
                self.row(tx["issued"], _date(q.issued_on, "")),
                self.row(tx["issuer_org"], q.issuer),
            ]

    def injuries(self) -> None:
        tx, w = self.tx, self.word
        self.heading(w(words.INJURY_ASSESSMENTS))
        cols = [Column(1.0), Column(1.0), Column(0.8), Column(2.6)]
        if not self.wide:
            cols = [Column(0.95), Column(1.1), Column(0.75), Column(1.6)]
        self.table(
            cols,
            [tx["kind"], w(words.ASSESSED_ON), w(words.DISABILITY_GRADE), tx["description"]],
            (
                (
                    [
                        w(words.ASSESSMENT_KINDS[a.kind]),
                        _date(a.assessed_on, ""),
                        w(words.disability_grade(a.disability_grade)),
                        a.description,
                    ],
                    frozenset(),
                )
                for a in sorted(self.data.injuries, key=lambda a: a.assessed_on, reverse=True)
            ),
        )

    def footer(self) -> None:
        d, tx, f, b = self.data, self.tx, self.st.font, self.st.base
        self.out += [
            Rule(b * 0.5),
            Text(
                REFERENCE_ZH if d.language == "zh_CN" else REFERENCE_EN,
                f,
                b * 0.85,
                space_after=b * 0.2,
            ),
            Text(tx["hotline"], f, b, bold=True, space_after=b * 0.2),
            Text(
                f"{d.kiosk.kiosk_id} · {d.kiosk.location} · {self.when(d.printed_at)}",
                f,
                b * 0.75,
                color=GREY,
            ),
        ]


def render_statement(data: StatementData, layout: Layout = "a4") -> bytes:
    """The records statement as PDF bytes; A4 pages carry a footer with the page number."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown statement layout {layout!r}")
    font = cjk_font()
    tx = _TEXTS[data.language]
    wide_labels = data.language == "en"
    if layout == "receipt80":
        style = roll_style(font, 21 * mm if wide_labels else 19.5 * mm)
    else:
        style = a4_style(font)
    blocks = _Builder(data, layout, style).build()
    printed = f"{data.printed_at.astimezone(CHINA_TZ):%Y-%m-%d %H:%M}"
    footer_y = A4_MARGIN - 8 * mm

    def decor(c: Canvas, page: int, pages: int) -> None:
        c.saveState()
        c.setFont(font, 8)
        c.setFillColor(GREY)
        left = f"{tx['title']} · {data.name} · {data.kiosk.kiosk_id} · {printed}"
        c.drawString(A4_MARGIN, footer_y, left)
        c.drawRightString(A4[0] - A4_MARGIN, footer_y, tx["page"].format(page=page, pages=pages))
        c.setFillColor(black)
        c.restoreState()

    info = DocInfo(title=tx["title"], author=tx["issuer"], subject="records_statement")
    return render_document(layout, blocks, info, decor, a4_bottom=A4_MARGIN)

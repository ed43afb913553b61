"""Synthetic vouchers and records statements for tests, the benchmark, the demo and the
printer test page.

Every personal value here is invented; the full values pass through the masking constructors
like real ones do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.domain.business import Material
from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.journal import LossReportKind, ReissueReason, TransactionKind
from kiosk.domain.records import (
    AccountType,
    AssessmentKind,
    Contribution,
    Enrolment,
    EnrolmentStatus,
    InjuryAssessment,
    InsuranceType,
    PersonalAccount,
    Qualification,
    WorkPeriod,
)
from kiosk.domain.session import Records, YearOfContributions
from kiosk.domain.statement_data import StatementData
from kiosk.domain.voucher_data import (
    Agent,
    Cardholder,
    KioskInfo,
    Language,
    Pickup,
    PickupOutlet,
    Reprint,
    VoucherData,
    VoucherKind,
)
from kiosk.domain.vouchers import format_voucher_number
from kiosk.reports import wording

SAMPLE_KEY = b"sample-voucher-key-not-for-production"
SAMPLE_NAME = "欧阳娜娜"
SAMPLE_ID = "11010519491231002X"
SAMPLE_CARD = "A12345675"
SAMPLE_AGENT_NAME = "张三丰"
SAMPLE_AGENT_ID = "110105198001011234"
_SAMPLE_MATERIALS = (Material.ORIGINAL_ID_CARD, Material.THIS_VOUCHER, Material.AGENT_ID_CARD)
# The business each sample voucher records: (transaction kind, loss report kind, reason).
_SAMPLE_BUSINESS = {
    VoucherKind.LOSS_RECEIPT: (TransactionKind.LOSS_REPORT, LossReportKind.TEMPORARY, None),
    VoucherKind.CANCELLATION_RECEIPT: (TransactionKind.LOSS_CANCELLATION, None, None),
    VoucherKind.CARD_RECEIPT: (TransactionKind.REISSUE, LossReportKind.FINAL, ReissueReason.LOST),
}


@dataclass(frozen=True, slots=True)
class _Texts:
    location: str
    outlet: str
    address: str
    hours: str
    staff: str


_TEXT = {
    "zh_CN": _Texts(
        location="北京市朝阳区社会保障服务中心一楼大厅",
        outlet="朝阳区社会保障卡服务网点（劲松）",
        address="北京市朝阳区劲松南路 3 号院 2 号楼一层",
        hours="周一至周五 9:00–12:00，13:30–17:00（法定节假日除外）",
        staff="工号 S0***7",
    ),
    "en": _Texts(
        location="Chaoyang Social Security Service Centre, ground floor hall, Beijing",
        outlet="Chaoyang Social Security Card Outlet (Jinsong)",
        address="Ground floor, Building 2, No. 3 Jinsong South Road, Chaoyang, Beijing",
        hours="Mon–Fri 9:00–12:00, 13:30–17:00 (closed on public holidays)",
        staff="staff S0***7",
    ),
}


def sample_voucher(
    kind: VoucherKind,
    language: Language = "zh_CN",
    *,
    agent: bool = True,
    reprint: int = 0,
    name: str = SAMPLE_NAME,
    id_number: str = SAMPLE_ID,
    card_number: str = SAMPLE_CARD,
) -> VoucherData:
    t = _TEXT[language]
    issued = dt.datetime(2026, 11, 22, 2, 15, 7, tzinfo=dt.UTC)  # 10:15:07 in China
    transaction, loss_kind, reissue_reason = _SAMPLE_BUSINESS[kind]
    pickup = None
    if kind is VoucherKind.CARD_RECEIPT:
        pickup = Pickup(
            outlet=PickupOutlet(t.outlet, t.address, t.hours, "010-8765 4321"),
            expected_date=dt.date(2026, 12, 4),
            materials=wording.materials(_SAMPLE_MATERIALS, language),
            materials_note=wording.materials_note(language),
            fee=wording.fee(0, language),
            reimbursement=wording.reimbursement(transaction, loss_kind, language),
        )
    return VoucherData(
        kind=kind,
        kiosk=KioskInfo("BJCY01", t.location),
        issued_at=issued,
        business_type=wording.business_type(transaction, loss_kind, language),
        reason=wording.reason(transaction, loss_kind, reissue_reason, language),
        voucher_number=format_voucher_number("BJCY01", issued.astimezone(CHINA_TZ).date(), 42),
        cardholder=Cardholder.from_full(name, id_number, card_number),
        language=language,
        agent=Agent.from_full(
            SAMPLE_AGENT_NAME, SAMPLE_AGENT_ID, wording.relationship("spouse", language)
        )
        if agent
        else None,
        pickup=pickup,
        reprint=Reprint(reprint, dt.datetime(2026, 11, 23, 6, 0, tzinfo=dt.UTC), t.staff)
        if reprint
        else None,
    )


def sample_records(*, injuries: bool = True) -> Records:
    """A believable cardholder's records: two employers in 2025 (a job change in July), one
    month owed in 2026, both accounts, three jobs, two qualifications and, if asked, one work
    injury assessment. The full name and ID number are the sample ones (masked on paper)."""
    employers = ("北京华信科技有限公司", "北京长城建设工程有限公司", "中铁联合建设集团有限公司")
    months: dict[int, list[Contribution]] = {}
    for year in range(2016, 2027):
        last = 10 if year == 2026 else 12
        base = 620_000 + (year - 2016) * 48_000  # fen
        for month in range(1, last + 1):
            employer = employers[2] if year < 2021 else employers[0]
            if year > 2025 or (year == 2025 and month >= 7):
                employer = employers[1]
            months.setdefault(year, []).append(
                Contribution(
                    year=year,
                    month=month,
                    employer=employer,
                    base_fen=base,
                    employer_fen=base * 267 // 1000,
                    personal_fen=base * 105 // 1000 + 300,
                    paid=not (year == 2026 and month == 10),
                )
            )
    years = tuple(sorted(months, reverse=True))
    updated = dt.datetime(2026, 11, 1, 2, 0, tzinfo=CHINA_TZ)
    since = dt.date(2016, 1, 1)
    return Records(
        name=SAMPLE_NAME,
        ssn=SAMPLE_ID,
        enrolments=tuple(
            Enrolment(kind, EnrolmentStatus.ACTIVE, since, None) for kind in InsuranceType
        ),
        accounts=(
            PersonalAccount(AccountType.PENSION, 9_284_416, 2026, 768_000, 0, updated),
            PersonalAccount(AccountType.MEDICAL, 1_265_030, 2026, 312_400, 187_650, updated),
        ),
        years=years,
        contributions={y: YearOfContributions(y, tuple(months[y])) for y in (2026, 2025)},
        work_history=(
            WorkPeriod(employers[2], "技术员", since, dt.date(2020, 12, 31)),
            WorkPeriod(employers[0], "工程师", dt.date(2021, 1, 1), dt.date(2025, 6, 30)),
            WorkPeriod(employers[1], "项目经理", dt.date(2025, 7, 1), None),
        ),
        qualifications=(
            Qualification(
                "电工", "高级工", "1611000000301234", dt.date(2018, 5, 20), "职业技能鉴定中心"
            ),
            Qualification(
                "计算机技术与软件专业技术资格",
                "中级",
                "2023110010001789",
                dt.date(2023, 12, 8),
                "人力资源和社会保障部",
            ),
        ),
        injuries=(
            InjuryAssessment(
                AssessmentKind.WORK_INJURY, dt.date(2019, 9, 12), 10, "左手食指末节离断伤"
            ),
        )
        if injuries
        else (),
    )


def sample_statement(
    language: Language = "zh_CN", year: int | None = None, *, injuries: bool = True
) -> StatementData:
    """The statement of `sample_records()`, printed at the sample kiosk."""
    return StatementData.from_records(
        sample_records(injuries=injuries),
        KioskInfo("BJCY01", _TEXT[language].location),
        dt.datetime(2026, 11, 22, 2, 20, 0, tzinfo=dt.UTC),
        language,
        year,
    )

"""Sample data for looking at the screens without a card or a database: a made-up pensioner
with ten years of contributions, and his card in every status. Used by the preview renderer
and the UI tests; the person does not exist (his ID number only passes the check digit)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from kiosk.domain.masking import mask_card_number, mask_id_number, mask_name
from kiosk.domain.records import (
    AccountType,
    AssessmentKind,
    CardStatus,
    Contribution,
    Enrolment,
    EnrolmentStatus,
    InjuryAssessment,
    InsuranceType,
    PersonalAccount,
    Qualification,
    WorkPeriod,
)
from kiosk.domain.session import CardSummary, Records, YearOfContributions

NAME = "王建国"
SSN = "110105195803152311"
CARD_NUMBER = "B03527182"
EXPIRED_ON = dt.date(2024, 3, 14)  # the expiry date of an expired card, for its problem screen

_EMPLOYERS = (
    (dt.date(1988, 7, 1), dt.date(2003, 12, 31), "北京市第二机床厂", "车工"),
    (dt.date(2004, 1, 1), dt.date(2013, 6, 30), "北京京城机电控股有限责任公司", "设备维修班组长"),
    (dt.date(2013, 7, 1), dt.date(2018, 5, 31), "北京恒达精密机械有限公司", "技术主管"),
)


def summary(status: CardStatus | None = CardStatus.NORMAL, *, expired: bool = False) -> CardSummary:
    """The card summary as the card session service builds it: masked values only."""
    return CardSummary(
        masked_name=mask_name(NAME),
        masked_ssn=mask_id_number(SSN),
        masked_card_number=mask_card_number(CARD_NUMBER),
        issue_date=dt.date(2019, 3, 15),
        expiry_date=dt.date(2029, 3, 14),
        status=status,
        expired=expired,
        problem=None,
    )


def _employer_in(year: int, month: int) -> str:
    day = dt.date(year, month, 15)
    for start, end, employer, _ in _EMPLOYERS:
        if start <= day <= end:
            return employer
    return _EMPLOYERS[-1][2]


def year_of_contributions(year: int) -> YearOfContributions:
    """One year of monthly contributions; the pensioner retired at the end of May 2018, and
    one employer was late with a month in 2016 (owed)."""
    base_yuan = 4200 + (year - 2009) * 560
    last_month = 5 if year == 2018 else 12
    months = []
    for month in range(1, last_month + 1):
        base = base_yuan * 100
        months.append(
            Contribution(
                year=year,
                month=month,
                employer=_employer_in(year, month),
                base_fen=base,
                employer_fen=base * 26 // 100,
                personal_fen=base * 105 // 1000,
                paid=not (year == 2016 and month == 11),
            )
        )
    return YearOfContributions(year=year, months=tuple(months))


def records(*, all_years_loaded: bool = False) -> Records:
    """The pensioner's records after his PIN: the newest year's contributions come with them."""
    years = tuple(range(2018, 2008, -1))
    loaded = years if all_years_loaded else years[:1]
    return Records(
        name=NAME,
        ssn=SSN,
        enrolments=(
            Enrolment(InsuranceType.PENSION, EnrolmentStatus.RECEIVING, dt.date(1988, 7, 1), None),
            Enrolment(InsuranceType.MEDICAL, EnrolmentStatus.ACTIVE, dt.date(2001, 4, 1), None),
            Enrolment(
                InsuranceType.UNEMPLOYMENT,
                EnrolmentStatus.TERMINATED,
                dt.date(1999, 1, 1),
                dt.date(2018, 5, 31),
            ),
            Enrolment(
                InsuranceType.WORK_INJURY,
                EnrolmentStatus.TERMINATED,
                dt.date(2004, 1, 1),
                dt.date(2018, 5, 31),
            ),
            Enrolment(
                InsuranceType.MATERNITY,
                EnrolmentStatus.TERMINATED,
                dt.date(2005, 1, 1),
                dt.date(2018, 5, 31),
            ),
        ),
        accounts=(
            PersonalAccount(
                AccountType.PENSION,
                balance_fen=8_643_210,
                year=2024,
                credits_fen=0,
                debits_fen=496_800,
                updated_at=dt.datetime(2024, 12, 31, 18, 0),
            ),
            PersonalAccount(
                AccountType.MEDICAL,
                balance_fen=325_680,
                year=2024,
                credits_fen=294_000,
                debits_fen=117_540,
                updated_at=dt.datetime(2024, 12, 31, 18, 0),
            ),
        ),
        years=years,
        contributions={y: year_of_contributions(y) for y in loaded},
        work_history=tuple(
            WorkPeriod(employer, position, start, end)
            for start, end, employer, position in reversed(_EMPLOYERS)
        ),
        qualifications=(
            Qualification(
                "机修钳工",
                "技师（二级）",
                "1011000000202218",
                dt.date(2010, 6, 18),
                "北京市人力资源和社会保障局",
            ),
            Qualification(
                "车工",
                "高级工（三级）",
                "1011000000301234",
                dt.date(2001, 11, 20),
                "北京市职业技能鉴定指导中心",
            ),
        ),
        injuries=(
            InjuryAssessment(
                AssessmentKind.WORK_INJURY, dt.date(2011, 9, 14), 9, "右手食指挤压伤，已治愈"
            ),
        ),
    )


def records_without_history() -> Records:
    """A younger cardholder with almost nothing on record: the empty states."""
    return replace(
        records(),
        name="欧阳娜娜",
        ssn="110105199507120049",
        enrolments=(
            Enrolment(InsuranceType.PENSION, EnrolmentStatus.SUSPENDED, dt.date(2019, 7, 1), None),
            Enrolment(InsuranceType.MEDICAL, EnrolmentStatus.ACTIVE, dt.date(2019, 7, 1), None),
        ),
        accounts=(),
        years=(),
        contributions={},
        work_history=(),
        qualifications=(),
        injuries=(),
    )

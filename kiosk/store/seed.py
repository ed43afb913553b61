"""Seeding a back end with given cardholders: each with one card and about ten years of
believable records (jobs, contributions, enrolments, accounts, qualifications), plus the outlets
and employers they need. The demo's people and outlets come from kiosk.demo.seed; large
synthetic back ends are kiosk.store.synthetic's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kiosk.domain.calendar import CHINA_TZ
from kiosk.domain.records import (
    AccountType,
    AssessmentKind,
    Card,
    Cardholder,
    CardStatus,
    EnrolmentStatus,
    Gender,
    InsuranceType,
    Outlet,
)
from kiosk.store import models as m
from kiosk.store.unitofwork import UnitOfWork

_POSITIONS = ("职员", "工程师", "技术员", "会计", "销售代表", "项目经理", "司机", "仓库管理员")
_QUALIFICATIONS = (
    ("电工", "高级工", "人力资源和社会保障局"),
    ("会计专业技术资格", "初级", "财政部"),
    ("计算机技术与软件专业技术资格", "中级", "人力资源和社会保障部"),
    ("育婴员", "四级", "职业技能鉴定中心"),
    ("中式烹调师", "三级", "职业技能鉴定中心"),
    ("焊工", "中级工", "职业技能鉴定中心"),
    ("企业人力资源管理师", "二级", "职业技能鉴定中心"),
)
_ASSESSMENTS = (
    (AssessmentKind.WORK_INJURY, "左手食指末节离断伤", 10),
    (AssessmentKind.WORK_INJURY, "右踝关节骨折术后功能障碍", 9),
    (AssessmentKind.OCCUPATIONAL_DISEASE, "职业性噪声聋（轻度）", None),
)
# Rates in per mille of the base: employer about 26.7 %, personal about 10.5 % (+ 3 yuan medical).
EMPLOYER_RATE, PERSONAL_RATE, PERSONAL_FIXED_FEN = 267, 105, 300
PENSION_PERSONAL_RATE = 80  # of the personal part, what goes into the pension personal account


@dataclass(frozen=True, slots=True)
class SeedPerson:
    """One cardholder to seed, with their card. A card whose status is not normal was changed
    at a counter three days before the seed's `today` (no kiosk transaction made it)."""

    label: str  # how the report names them (the demo: the card image's id)
    holder: Cardholder
    card: Card


@dataclass
class SeedReport:
    added: list[str] = field(default_factory=list)  # labels of the people seeded now
    present: list[str] = field(default_factory=list)  # already in the back end
    outlets_added: int = 0
    contributions: int = 0


def month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def month_start(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def yyyymm(index: int) -> int:
    return (index // 12) * 100 + index % 12 + 1


def seed_people(
    engine: Engine,
    people: Sequence[SeedPerson],
    *,
    outlets: Sequence[Outlet] = (),
    employers: Sequence[tuple[str, str]] = (),
    today: dt.date | None = None,
) -> SeedReport:
    """Seed `outlets` and `people` with their records; what is there already stays.

    `employers` are (province, name): the first two digits of a region code, or "00" for an
    employer anywhere; people work for employers of their birthplace's province or of "00",
    so at least one "00" employer is needed when anyone is seeded.
    """
    today = today or dt.datetime.now(CHINA_TZ).date()
    report = SeedReport()
    uow = UnitOfWork(engine)
    with uow:
        session = uow.session
        have = set(session.scalars(sa.select(m.Outlet.code)))
        for outlet in outlets:
            if outlet.code not in have:
                session.add(m.Outlet(**dataclasses.asdict(outlet)))
                report.outlets_added += 1
        by_province = _employers(uow, employers)
        for person in people:
            holder = person.holder
            holder_id = uow.cardholders.id_for_ssn(holder.ssn)
            card_there = uow.cards.get(person.card.card_number) is not None
            if holder_id is not None and card_there:
                report.present.append(person.label)
                continue
            if holder_id is None:
                row = m.Cardholder(**dataclasses.asdict(holder))
                session.add(row)
                session.flush()
                holder_id = row.id
                report.contributions += _records(
                    uow, holder, holder_id, by_province, random.Random(holder.ssn), today
                )
            if not card_there:
                _card(uow, person.card, today)
            report.added.append(person.label)
        uow.commit()
    return report


def _employers(uow: UnitOfWork, employers: Sequence[tuple[str, str]]) -> dict[str, list[int]]:
    """Employer ids by province, each employer created once."""
    wanted = [name for _, name in employers]
    rows = uow.session.execute(
        sa.select(m.Employer.name, m.Employer.id).where(m.Employer.name.in_(wanted))
    )
    existing = {name: id_ for name, id_ in rows}
    by_province: dict[str, list[int]] = {}
    for province, name in employers:
        if name not in existing:
            row = m.Employer(name=name, region=None if province == "00" else province + "0000")
            uow.session.add(row)
            uow.session.flush()
            existing[name] = row.id
        by_province.setdefault(province, []).append(existing[name])
    return by_province


def _card(uow: UnitOfWork, card: Card, today: dt.date) -> None:
    changed_at = None
    if card.status is not CardStatus.NORMAL:
        # Reported at a counter a few days ago, before the kiosk: no kiosk transaction.
        local = dt.datetime.combine(today - dt.timedelta(days=3), dt.time(10, 24), CHINA_TZ)
        changed_at = local.astimezone(dt.UTC)
    card_id = uow.cards.add(dataclasses.replace(card, status_changed_at=changed_at))
    if changed_at is not None:
        reason = {
            CardStatus.TEMPORARY_LOSS: "临时挂失（柜面办理）",
            CardStatus.LOST: "正式挂失（柜面办理）",
            CardStatus.CANCELLED: "注销（柜面办理）",
            CardStatus.REPLACED: "换卡",
        }[card.status]
        uow.session.add(
            m.CardStatusChange(
                card_id=card_id,
                from_status=CardStatus.NORMAL,
                to_status=card.status,
                changed_at=changed_at,
                reason=reason,
                transaction_id=None,
            )
        )


def _records(
    uow: UnitOfWork,
    holder: Cardholder,
    holder_id: int,
    employers: dict[str, list[int]],
    rng: random.Random,
    today: dt.date,
) -> int:
    """About ten years of records for one cardholder; returns the contributions added.

    Working life runs from 22 to the statutory retirement age (60 for men, 55 here for women); a
    pensioner's ten years are the ten before retirement, and their pension is being drawn.
    """
    session = uow.session
    male = holder.gender is Gender.MALE
    birth = month_index(holder.birth_date)
    retire = birth + (60 if male else 55) * 12
    last_full_month = month_index(today) - 1
    retired = retire <= last_full_month
    end = min(last_full_month, retire - 1)
    start = max(end - 119, birth + 22 * 12)

    local = employers.get(holder.birthplace[:2], []) + employers["00"]
    # Two or three jobs, the later ones after a short gap now and then.
    span = range(start + 18, end - 18)
    cuts = sorted(rng.sample(span, k=min(rng.choice((1, 2)), len(span))))
    bounds = [start, *cuts, end + 1]
    base = rng.randrange(4_500, 12_000) * 100  # fen, whole yuan
    owed_tail = 0 if retired else rng.choice((0, 0, 1, 2))
    contributions = 0
    pension_credits: dict[int, int] = {}
    for i in range(len(bounds) - 1):
        employer_id = local[(i + rng.randrange(len(local))) % len(local)]
        first = bounds[i] + (rng.choice((0, 0, 2, 3)) if i else 0)
        last = bounds[i + 1] - 1
        session.add(
            m.WorkPeriod(
                cardholder_id=holder_id,
                employer_id=employer_id,
                position=rng.choice(_POSITIONS),
                start_date=month_start(first),
                end_date=None
                if (last == end and not retired)
                else month_start(last + 1) - dt.timedelta(days=1),
            )
        )
        for month in range(first, last + 1):
            if month % 12 == 0:
                base = base * rng.randrange(104, 109) // 100 // 100 * 100  # yearly adjustment
            personal = base * PERSONAL_RATE // 1000 + PERSONAL_FIXED_FEN
            session.add(
                m.Contribution(
                    cardholder_id=holder_id,
                    month=yyyymm(month),
                    employer_id=employer_id,
                    base_fen=base,
                    employer_fen=base * EMPLOYER_RATE // 1000,
                    personal_fen=personal,
                    paid=month <= end - owed_tail,
                )
            )
            pension_credits[month // 12] = (
                pension_credits.get(month // 12, 0) + base * PENSION_PERSONAL_RATE // 1000
            )
            contributions += 1

    first_day = month_start(start)
    retire_day = month_start(retire)
    for insurance in InsuranceType:
        if not retired:
            status, since, until = EnrolmentStatus.ACTIVE, first_day, None
        elif insurance is InsuranceType.PENSION:
            status, since, until = EnrolmentStatus.RECEIVING, retire_day, None
        elif insurance is InsuranceType.MEDICAL:
            status, since, until = EnrolmentStatus.ACTIVE, first_day, None
        else:
            status, since, until = EnrolmentStatus.TERMINATED, first_day, retire_day
        session.add(
            m.Enrolment(
                cardholder_id=holder_id,
                insurance_type=insurance,
                status=status,
                start_date=since,
                end_date=until,
            )
        )

    this_year = today.year
    updated = dt.datetime.combine(today.replace(day=1), dt.time(2, 0), CHINA_TZ)
    # Years before the window count too: a balance is never just ten years.
    pension_balance = sum(pension_credits.values()) * 13 // 10
    pension_in, pension_out = pension_credits.get(this_year, 0), 0
    if retired:
        pension_out = pension_balance // 139 * (today.month - 1)  # 139 months: the divisor at 60
        pension_balance -= pension_out
    medical_in = rng.randrange(600, 4_000) * 100
    medical_out = rng.randrange(0, medical_in // 100) * 100
    for account, balance, credits, debits in (
        (AccountType.PENSION, pension_balance, pension_in, pension_out),
        (
            AccountType.MEDICAL,
            rng.randrange(1_000, 30_000) * 100 + medical_in - medical_out,
            medical_in,
            medical_out,
        ),
    ):
        session.add(
            m.PersonalAccount(
                cardholder_id=holder_id,
                account_type=account,
                balance_fen=balance,
                year=this_year,
                credits_fen=credits,
                debits_fen=debits,
                updated_at=updated.astimezone(dt.UTC),
            )
        )

    for title, level, issuer in rng.sample(_QUALIFICATIONS, k=rng.choice((0, 1, 1, 2))):
        issued = month_start(rng.randrange(start, end)) + dt.timedelta(days=rng.randrange(27))
        session.add(
            m.Qualification(
                cardholder_id=holder_id,
                title=title,
                level=level,
                certificate_no=f"{issued.year}{rng.randrange(10**12):012d}",
                issued_on=issued,
                issuer=issuer,
            )
        )
    if rng.random() < 0.3:
        kind, description, grade = rng.choice(_ASSESSMENTS)
        session.add(
            m.InjuryAssessment(
                cardholder_id=holder_id,
                kind=kind,
                assessed_on=month_start(rng.randrange(start, end)) + dt.timedelta(days=14),
                disability_grade=grade,
                description=description,
            )
        )
    return contributions

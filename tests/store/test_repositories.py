"""Repository read paths over the demo back end, on both databases."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.engine import Engine

from kiosk.domain.calendar import add_working_days
from kiosk.domain.journal import AccountRole
from kiosk.domain.records import AccountType, CardStatus, EnrolmentStatus, InsuranceType
from kiosk.store.db import read_session
from kiosk.store.repositories import (
    CardholderRepository,
    CardRepository,
    OutletRepository,
    RecordsRepository,
)
from kiosk.store.unitofwork import UnitOfWork

NORMAL = "110105198506120173"
PENSIONER = "42010619561001013X"  # the expired card's holder, born 1956: retired in 2016


def test_cardholder_and_cards(demo_engine: Engine) -> None:
    with read_session(demo_engine) as s:
        holder = CardholderRepository(s).get_by_ssn(NORMAL)
        assert holder is not None and holder.name == "王晓明"
        assert CardholderRepository(s).get_by_ssn("110105194912310021") is None
        cards = CardRepository(s)
        card = cards.current_for_ssn(NORMAL)
        assert card is not None and card.card_number == "A1052103X"
        assert cards.for_ssn(NORMAL) == [card]
        assert cards.get("A1052103X") == card
        assert cards.get("Z33010648") is None  # the unknown card
        lost = cards.get("X65010277")
        assert lost is not None and lost.status is CardStatus.TEMPORARY_LOSS
        (change,) = cards.history("X65010277")
        assert change.to_status is CardStatus.TEMPORARY_LOSS and change.transaction_key is None


def test_contributions_by_year(demo_engine: Engine) -> None:
    with read_session(demo_engine) as s:
        records = RecordsRepository(s)
        years = records.contribution_years(NORMAL)
        assert 10 <= len(years) <= 11 and years == sorted(years, reverse=True)
        full_year = years[2]
        rows = records.contributions(NORMAL, full_year)
        assert 9 <= len(rows) <= 12  # a job change may leave a gap of a few months
        assert [(r.year, r.month) for r in rows] == sorted((r.year, r.month) for r in rows)
        assert all(r.year == full_year and r.base_fen > 0 and r.employer for r in rows)
        assert all(r.employer_fen > r.personal_fen > 0 for r in rows)
        assert records.contributions(NORMAL, 1990) == []


def test_a_pensioner_s_records(demo_engine: Engine) -> None:
    with read_session(demo_engine) as s:
        records = RecordsRepository(s)
        assert max(records.contribution_years(PENSIONER)) == 2016
        enrolments = {e.insurance_type: e for e in records.enrolments(PENSIONER)}
        assert set(enrolments) == set(InsuranceType)
        assert enrolments[InsuranceType.PENSION].status is EnrolmentStatus.RECEIVING
        assert enrolments[InsuranceType.MEDICAL].status is EnrolmentStatus.ACTIVE
        accounts = {a.account_type: a for a in records.accounts(PENSIONER)}
        assert set(accounts) == set(AccountType)
        assert accounts[AccountType.PENSION].balance_fen > 0
        history = records.work_history(NORMAL)
        assert history and history[-1].end_date is None  # still employed
        records.qualifications(NORMAL)
        records.injury_assessments(NORMAL)


def test_outlets(demo_engine: Engine) -> None:
    with read_session(demo_engine) as s:
        outlets = OutletRepository(s)
        everything = outlets.list()
        pickup = outlets.list(issuing_only=True)
        assert len(everything) == 5 and len(pickup) == 4
        assert all(o.issues_cards and o.address and o.opening_hours for o in pickup)
        assert outlets.get(pickup[0].code) == pickup[0]


def test_calendar_overrides_feed_the_working_day_count(engine: Engine) -> None:
    monday = dt.date(2026, 6, 1)
    with UnitOfWork(engine) as uow:
        uow.calendar.set_override(dt.date(2026, 6, 2), False, "local closure")
        uow.calendar.set_override(dt.date(2026, 6, 6), True, "make-up Saturday")
        uow.calendar.set_override(dt.date(2026, 6, 6), True, "make-up Saturday (again)")
        uow.commit()
    with UnitOfWork(engine) as uow:
        overrides = uow.calendar.overrides(monday, monday + dt.timedelta(days=60))
        assert overrides == {dt.date(2026, 6, 2): False, dt.date(2026, 6, 6): True}
        # Tue closed, Wed-Fri 3 days, Sat 6th worked (4), Mon 8th is the 5th.
        assert add_working_days(monday, 5, overrides) == dt.date(2026, 6, 8)
        uow.calendar.remove_override(dt.date(2026, 6, 2))
        uow.commit()
    with UnitOfWork(engine) as uow:
        assert uow.calendar.overrides() == {dt.date(2026, 6, 6): True}


def test_outbox_and_staff_accounts(engine: Engine) -> None:
    now = dt.datetime.now(dt.UTC)
    with UnitOfWork(engine) as uow:
        uow.outbox.add("loss_report", {"n": 1}, at=now, transaction_id=None)
        uow.outbox.add("loss_report", {"n": 2}, at=now, transaction_id=None)
        uow.staff.add(
            login="clerk01",
            display_name="柜员一",
            role=AccountRole.CLERK,
            password_hash="$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA",
            at=now,
        )
        uow.commit()
    with UnitOfWork(engine) as uow:
        pending = uow.outbox.pending()
        assert [p[2] for p in pending] == [{"n": 1}, {"n": 2}]
        uow.outbox.mark_sent(pending[0][0], now)
        uow.outbox.mark_failed(pending[1][0], "centre unreachable")
        uow.commit()
    with UnitOfWork(engine) as uow:
        assert [p[2] for p in uow.outbox.pending()] == [{"n": 2}]
        account = uow.staff.get("clerk01")
        assert account is not None and account.role is AccountRole.CLERK
        assert account.failed_attempts == 0 and account.active
        assert uow.staff.get("nobody") is None

"""Repositories: the queries of the store, one class per aggregate.

Each takes a session and never commits (the unit of work does). Reads hand out the plain data of
`kiosk.domain`, so nothing outside the store holds an ORM object or a live session. The journal
writes (`kiosk.store.journal`) use the row-level helpers at the bottom of each class.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kiosk.domain import business as b
from kiosk.domain import journal as j
from kiosk.domain import records as r
from kiosk.domain.proof import ProofMethod
from kiosk.domain.session import ReissueUnderWay
from kiosk.domain.vouchers import format_voucher_number
from kiosk.store import models as m
from kiosk.store.upsert import insert_ignore, insert_or_increment

# Statuses of a card that is (still) the cardholder's card, as opposed to a superseded one.
CURRENT_STATUSES = (r.CardStatus.NORMAL, r.CardStatus.TEMPORARY_LOSS, r.CardStatus.LOST)


def _cardholder(row: m.Cardholder) -> r.Cardholder:
    return r.Cardholder(
        ssn=row.ssn,
        name=row.name,
        gender=row.gender,
        birth_date=row.birth_date,
        ethnicity=row.ethnicity,
        birthplace=row.birthplace,
        mobile=row.mobile,
        photo_on_file=row.photo_on_file,
    )


def _card(row: m.Card, ssn: str) -> r.Card:
    return r.Card(
        card_number=row.card_number,
        card_id_code=row.card_id_code,
        ssn=ssn,
        card_type=row.card_type,
        spec_version=row.spec_version,
        issuer_org=row.issuer_org,
        issue_date=row.issue_date,
        expiry_date=row.expiry_date,
        status=row.status,
        status_changed_at=row.status_changed_at,
    )


def month_key(year: int, month: int) -> int:
    """The YYYYMM integer the contributions table uses."""
    return year * 100 + month


class CardholderRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get_by_ssn(self, ssn: str) -> r.Cardholder | None:
        found = self.get_with_id(ssn)
        return None if found is None else found[1]

    def get_with_id(self, ssn: str) -> tuple[int, r.Cardholder] | None:
        """The cardholder and their row id (for the journal's foreign keys), in one query."""
        row = self.session.scalar(sa.select(m.Cardholder).where(m.Cardholder.ssn == ssn))
        return None if row is None else (row.id, _cardholder(row))

    def id_for_ssn(self, ssn: str) -> int | None:
        return self.session.scalar(sa.select(m.Cardholder.id).where(m.Cardholder.ssn == ssn))

    def add(self, holder: r.Cardholder) -> int:
        row = m.Cardholder(
            ssn=holder.ssn,
            name=holder.name,
            gender=holder.gender,
            birth_date=holder.birth_date,
            ethnicity=holder.ethnicity,
            birthplace=holder.birthplace,
            mobile=holder.mobile,
            photo_on_file=holder.photo_on_file,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def count(self) -> int:
        return self.session.scalar(sa.select(sa.func.count()).select_from(m.Cardholder)) or 0


class CardRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _select(self) -> sa.Select[m.Card, str]:
        return sa.select(m.Card, m.Cardholder.ssn).join(m.Cardholder)

    def get(self, card_number: str) -> r.Card | None:
        found = self.session.execute(
            self._select().where(m.Card.card_number == card_number)
        ).first()
        return None if found is None else _card(found[0], found[1])

    def for_ssn(self, ssn: str) -> list[r.Card]:
        """Every card the cardholder has had, newest first."""
        rows = self.session.execute(
            self._select()
            .where(m.Cardholder.ssn == ssn)
            .order_by(m.Card.issue_date.desc(), m.Card.id.desc())
        )
        return [_card(card, holder_ssn) for card, holder_ssn in rows]

    def current_for_ssn(self, ssn: str) -> r.Card | None:
        """The card a loss report without the card is about: the newest one still in force."""
        cards = [c for c in self.for_ssn(ssn) if c.status in CURRENT_STATUSES]
        return cards[0] if cards else None

    def history(self, card_number: str) -> list[r.CardStatusChange]:
        rows = self.session.execute(
            sa.select(m.CardStatusChange, m.Transaction.idempotency_key)
            .join(m.Card, m.Card.id == m.CardStatusChange.card_id)
            .outerjoin(m.Transaction, m.Transaction.id == m.CardStatusChange.transaction_id)
            .where(m.Card.card_number == card_number)
            .order_by(m.CardStatusChange.changed_at, m.CardStatusChange.id)
        )
        return [
            r.CardStatusChange(
                card_number=card_number,
                from_status=change.from_status,
                to_status=change.to_status,
                changed_at=change.changed_at,
                reason=change.reason,
                transaction_key=key,
            )
            for change, key in rows
        ]

    def add(self, card: r.Card, *, replaces: str | None = None) -> int:
        holder_id = self.session.scalar(
            sa.select(m.Cardholder.id).where(m.Cardholder.ssn == card.ssn)
        )
        if holder_id is None:
            raise LookupError("no cardholder for this card")
        replaces_id = None
        if replaces is not None:
            replaces_id = self.session.scalar(
                sa.select(m.Card.id).where(m.Card.card_number == replaces)
            )
        row = m.Card(
            card_number=card.card_number,
            card_id_code=card.card_id_code,
            cardholder_id=holder_id,
            card_type=card.card_type,
            spec_version=card.spec_version,
            issuer_org=card.issuer_org,
            issue_date=card.issue_date,
            expiry_date=card.expiry_date,
            status=card.status,
            status_changed_at=card.status_changed_at,
            replaces_card_id=replaces_id,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    # --- for the journal's writes -------------------------------------------------------------

    def lock_for_change(self, cardholder_id: int, card_number: str | None) -> m.Card | None:
        """The card row, locked until commit (FOR UPDATE on PostgreSQL), so two reports on one
        card are decided one after the other. None: no such card for this cardholder."""
        query = sa.select(m.Card).where(m.Card.cardholder_id == cardholder_id)
        if card_number is not None:
            query = query.where(m.Card.card_number == card_number)
        else:
            query = query.where(m.Card.status.in_(CURRENT_STATUSES)).order_by(
                m.Card.issue_date.desc(), m.Card.id.desc()
            )
        return self.session.scalars(query.limit(1).with_for_update()).first()

    def change_status(
        self,
        card: m.Card,
        to_status: r.CardStatus,
        *,
        reason: str,
        at: dt.datetime,
        transaction_id: int | None,
    ) -> None:
        self.session.add(
            m.CardStatusChange(
                card_id=card.id,
                from_status=card.status,
                to_status=to_status,
                changed_at=at,
                reason=reason,
                transaction_id=transaction_id,
            )
        )
        card.status = to_status
        card.status_changed_at = at


class RecordsRepository:
    """Insurance records behind a cardholder: what "My records" shows after the PIN."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def enrolments(self, ssn: str) -> list[r.Enrolment]:
        rows = self.session.scalars(
            sa.select(m.Enrolment)
            .join(m.Cardholder)
            .where(m.Cardholder.ssn == ssn)
            .order_by(m.Enrolment.insurance_type, m.Enrolment.start_date)
        )
        return [
            r.Enrolment(row.insurance_type, row.status, row.start_date, row.end_date)
            for row in rows
        ]

    def contributions(self, ssn: str, year: int) -> list[r.Contribution]:
        """One year's contributions, month by month (one index range on the primary key)."""
        rows = self.session.execute(
            sa.select(
                m.Contribution.month,
                m.Employer.name,
                m.Contribution.base_fen,
                m.Contribution.employer_fen,
                m.Contribution.personal_fen,
                m.Contribution.paid,
            )
            .join(m.Cardholder, m.Cardholder.id == m.Contribution.cardholder_id)
            .join(m.Employer, m.Employer.id == m.Contribution.employer_id)
            .where(
                m.Cardholder.ssn == ssn,
                m.Contribution.month.between(month_key(year, 1), month_key(year, 12)),
            )
            .order_by(m.Contribution.month, m.Contribution.employer_id)
        )
        return [
            r.Contribution(
                year=month // 100,
                month=month % 100,
                employer=employer,
                base_fen=base,
                employer_fen=employer_fen,
                personal_fen=personal_fen,
                paid=paid,
            )
            for month, employer, base, employer_fen, personal_fen, paid in rows
        ]

    def contribution_years(self, ssn: str) -> list[int]:
        """The years with at least one contribution, newest first."""
        first_last = self.session.execute(
            sa.select(sa.func.min(m.Contribution.month), sa.func.max(m.Contribution.month))
            .join(m.Cardholder, m.Cardholder.id == m.Contribution.cardholder_id)
            .where(m.Cardholder.ssn == ssn)
        ).one()
        if first_last[0] is None:
            return []
        return list(range(first_last[1] // 100, first_last[0] // 100 - 1, -1))

    def accounts(self, ssn: str) -> list[r.PersonalAccount]:
        rows = self.session.scalars(
            sa.select(m.PersonalAccount)
            .join(m.Cardholder)
            .where(m.Cardholder.ssn == ssn)
            .order_by(m.PersonalAccount.account_type)
        )
        return [
            r.PersonalAccount(
                account_type=row.account_type,
                balance_fen=row.balance_fen,
                year=row.year,
                credits_fen=row.credits_fen,
                debits_fen=row.debits_fen,
                updated_at=row.updated_at,
            )
            for row in rows
        ]

    def qualifications(self, ssn: str) -> list[r.Qualification]:
        rows = self.session.scalars(
            sa.select(m.Qualification)
            .join(m.Cardholder)
            .where(m.Cardholder.ssn == ssn)
            .order_by(m.Qualification.issued_on)
        )
        return [
            r.Qualification(row.title, row.level, row.certificate_no, row.issued_on, row.issuer)
            for row in rows
        ]

    def work_history(self, ssn: str) -> list[r.WorkPeriod]:
        rows = self.session.execute(
            sa.select(m.WorkPeriod, m.Employer.name)
            .join(m.Cardholder, m.Cardholder.id == m.WorkPeriod.cardholder_id)
            .join(m.Employer, m.Employer.id == m.WorkPeriod.employer_id)
            .where(m.Cardholder.ssn == ssn)
            .order_by(m.WorkPeriod.start_date)
        )
        return [
            r.WorkPeriod(employer, period.position, period.start_date, period.end_date)
            for period, employer in rows
        ]

    def injury_assessments(self, ssn: str) -> list[r.InjuryAssessment]:
        rows = self.session.scalars(
            sa.select(m.InjuryAssessment)
            .join(m.Cardholder)
            .where(m.Cardholder.ssn == ssn)
            .order_by(m.InjuryAssessment.assessed_on)
        )
        return [
            r.InjuryAssessment(row.kind, row.assessed_on, row.disability_grade, row.description)
            for row in rows
        ]


def _outlet(row: m.Outlet) -> r.Outlet:
    return r.Outlet(
        code=row.code,
        name=row.name,
        name_en=row.name_en,
        address=row.address,
        address_en=row.address_en,
        opening_hours=row.opening_hours,
        opening_hours_en=row.opening_hours_en,
        phone=row.phone,
        issues_cards=row.issues_cards,
    )


def _agent_columns(agent: j.Agent | None) -> dict[str, str | None]:
    """The agent columns of a loss report or a reissue application."""
    return {
        "agent_id_number": agent.id_number if agent else None,
        "agent_name": agent.name if agent else None,
        "agent_relationship": agent.relationship if agent else None,
    }


class OutletRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def list(self, *, issuing_only: bool = False) -> list[r.Outlet]:
        query = sa.select(m.Outlet).order_by(m.Outlet.code)
        if issuing_only:
            query = query.where(m.Outlet.issues_cards.is_(True))
        return [_outlet(row) for row in self.session.scalars(query)]

    def get(self, code: str) -> r.Outlet | None:
        row = self.session.scalar(sa.select(m.Outlet).where(m.Outlet.code == code))
        return None if row is None else _outlet(row)


class CalendarRepository:
    """Local overrides of the working-day calendar, as `kiosk.domain.calendar` takes them."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def overrides(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> dict[dt.date, bool]:
        query = sa.select(m.CalendarOverride.day, m.CalendarOverride.is_workday)
        if start is not None:
            query = query.where(m.CalendarOverride.day >= start)
        if end is not None:
            query = query.where(m.CalendarOverride.day <= end)
        return {day: is_workday for day, is_workday in self.session.execute(query)}

    def set_override(self, day: dt.date, is_workday: bool, note: str) -> None:
        row = self.session.get(m.CalendarOverride, day)
        if row is None:
            self.session.add(m.CalendarOverride(day=day, is_workday=is_workday, note=note))
        else:
            row.is_workday = is_workday
            row.note = note

    def remove_override(self, day: dt.date) -> None:
        self.session.execute(sa.delete(m.CalendarOverride).where(m.CalendarOverride.day == day))


class JournalRepository:
    """Business transactions and their vouchers."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def transaction_by_key(self, key: str) -> m.Transaction | None:
        return self.session.scalar(
            sa.select(m.Transaction).where(m.Transaction.idempotency_key == key)
        )

    def add_transaction(
        self,
        *,
        key: str,
        request_hash: str,
        kind: j.TransactionKind,
        kiosk_id: str,
        at: dt.datetime,
        cardholder_id: int | None,
    ) -> m.Transaction:
        """Insert and flush at once: a duplicate key fails here, before anything else is done
        (on PostgreSQL a concurrent twin waits on the key until the first one commits)."""
        row = m.Transaction(
            idempotency_key=key,
            request_hash=request_hash,
            kind=kind,
            kiosk_id=kiosk_id,
            created_at=at,
            cardholder_id=cardholder_id,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def add_loss_report(
        self,
        *,
        transaction_id: int,
        card_id: int,
        kind: j.LossReportKind,
        at: dt.datetime,
        agent: j.Agent | None,
    ) -> m.LossReport:
        row = m.LossReport(
            transaction_id=transaction_id,
            card_id=card_id,
            kind=kind,
            reported_at=at,
            **_agent_columns(agent),
        )
        self.session.add(row)
        return row

    def next_voucher_number(self, kiosk_id: str, day: dt.date) -> str:
        seq = self.session.execute(
            insert_or_increment(
                self.session, m.VoucherCounter, {"kiosk_id": kiosk_id, "day": day}, "last_seq"
            )
        ).scalar_one()
        return format_voucher_number(kiosk_id, day, seq)

    def add_voucher(
        self, *, number: str, kind: j.VoucherKind, transaction_id: int, at: dt.datetime
    ) -> m.Voucher:
        row = m.Voucher(number=number, kind=kind, transaction_id=transaction_id, issued_at=at)
        self.session.add(row)
        return row

    def voucher_by_number(self, number: str) -> m.Voucher | None:
        return self.session.scalar(sa.select(m.Voucher).where(m.Voucher.number == number))

    def add_voucher_print(
        self,
        voucher_id: int,
        *,
        at: dt.datetime,
        actor_kind: j.ActorKind,
        staff_account_id: int | None,
        reason: str | None,
    ) -> int:
        """Record one print; returns its number (0 = the original, then REPRINT 1, 2...)."""
        last = self.session.scalar(
            sa.select(sa.func.max(m.VoucherPrint.reprint_no)).where(
                m.VoucherPrint.voucher_id == voucher_id
            )
        )
        reprint_no = 0 if last is None else last + 1
        self.session.add(
            m.VoucherPrint(
                voucher_id=voucher_id,
                reprint_no=reprint_no,
                printed_at=at,
                actor_kind=actor_kind,
                staff_account_id=staff_account_id,
                reason=reason,
            )
        )
        self.session.flush()
        return reprint_no

    def loss_report_receipt(self, key: str) -> tuple[str, j.LossReportReceipt] | None:
        """The receipt of the loss report made under `key`, with its request hash; None if the
        key is unknown. Raises LookupError if the key belongs to another kind of transaction."""
        row = self.session.execute(
            sa.select(
                m.Transaction.request_hash,
                m.Transaction.kind,
                m.LossReport.kind,
                m.LossReport.reported_at,
                m.Card.card_number,
                m.Cardholder.ssn,
                m.Voucher.number,
            )
            .select_from(m.Transaction)
            .outerjoin(m.LossReport, m.LossReport.transaction_id == m.Transaction.id)
            .outerjoin(m.Card, m.Card.id == m.LossReport.card_id)
            .outerjoin(m.Cardholder, m.Cardholder.id == m.Card.cardholder_id)
            .outerjoin(m.Voucher, m.Voucher.transaction_id == m.Transaction.id)
            .where(m.Transaction.idempotency_key == key)
        ).first()
        if row is None:
            return None
        request_hash, tx_kind, kind, at, card_number, ssn, voucher = row
        if tx_kind is not j.TransactionKind.LOSS_REPORT or kind is None:
            raise LookupError("key belongs to another kind of transaction")
        receipt = j.LossReportReceipt(
            idempotency_key=key,
            kind=kind,
            card_number=card_number,
            ssn=ssn,
            voucher_number=voucher,
            reported_at=at,
            replayed=True,
        )
        return request_hash, receipt

    # --- reissues and cancellations (kiosk.store.journal) --------------------------------------

    def reissue_under_way(self, cardholder_id: int) -> bool:
        """Whether the cardholder has a reissue application whose card is not collected yet."""
        found = self.session.scalar(
            sa.select(m.ReissueApplication.id)
            .join(m.Card, m.Card.id == m.ReissueApplication.card_id)
            .where(
                m.Card.cardholder_id == cardholder_id,
                m.ReissueApplication.progress != j.ReissueProgress.COLLECTED,
            )
            .limit(1)
        )
        return found is not None

    def open_reissue_of_card(self, card_number: str) -> ReissueUnderWay | None:
        """The reissue application for the card `card_number` (the card it replaces) whose new
        card is not collected yet, with its pickup outlet: what the card's problem screen tells
        a citizen who inserts it. None when there is none."""
        found = self.session.execute(
            sa.select(m.ReissueApplication, m.Outlet)
            .join(m.Card, m.Card.id == m.ReissueApplication.card_id)
            .join(m.Outlet, m.Outlet.id == m.ReissueApplication.outlet_id)
            .where(
                m.Card.card_number == card_number,
                m.ReissueApplication.progress != j.ReissueProgress.COLLECTED,
            )
            .order_by(m.ReissueApplication.id.desc())
            .limit(1)
        ).first()
        if found is None:
            return None
        reissue, outlet = found
        return ReissueUnderWay(
            expected_date=reissue.expected_pickup_date,
            date_exact=reissue.pickup_date_exact,
            progress=reissue.progress,
            outlet=_outlet(outlet),
        )

    def add_reissue(
        self,
        *,
        transaction_id: int,
        card_id: int,
        reason: j.ReissueReason,
        outlet_id: int,
        expected_pickup_date: dt.date,
        pickup_date_exact: bool,
        fee_fen: int,
        photo_required: bool,
        at: dt.datetime,
        agent: j.Agent | None,
    ) -> m.ReissueApplication:
        row = m.ReissueApplication(
            transaction_id=transaction_id,
            card_id=card_id,
            reason=reason,
            outlet_id=outlet_id,
            expected_pickup_date=expected_pickup_date,
            pickup_date_exact=pickup_date_exact,
            progress=j.ReissueProgress.APPLIED,
            progress_changed_at=at,
            fee_fen=fee_fen,
            photo_required=photo_required,
            **_agent_columns(agent),
        )
        self.session.add(row)
        return row

    def open_temporary_report(self, card_id: int) -> int | None:
        """The newest temporary loss report of the card that no cancellation points at; None
        when the card was reported elsewhere (at a counter)."""
        return self.session.scalar(
            sa.select(m.LossReport.id)
            .outerjoin(m.LossCancellation, m.LossCancellation.loss_report_id == m.LossReport.id)
            .where(
                m.LossReport.card_id == card_id,
                m.LossReport.kind == j.LossReportKind.TEMPORARY,
                m.LossCancellation.id.is_(None),
            )
            .order_by(m.LossReport.reported_at.desc(), m.LossReport.id.desc())
            .limit(1)
        )

    def add_loss_cancellation(
        self, *, transaction_id: int, loss_report_id: int | None, at: dt.datetime
    ) -> m.LossCancellation:
        row = m.LossCancellation(
            transaction_id=transaction_id, loss_report_id=loss_report_id, cancelled_at=at
        )
        self.session.add(row)
        return row

    def issuing_outlet_id(self, code: str) -> int | None:
        return self.session.scalar(
            sa.select(m.Outlet.id).where(m.Outlet.code == code, m.Outlet.issues_cards.is_(True))
        )

    def recorded(self, key: str) -> tuple[str, b.RecordedBusiness] | None:
        """What was recorded under `key`, with its request hash; None if the key is unknown."""
        tx = self.transaction_by_key(key)
        if tx is None:
            return None
        voucher = self.session.scalar(
            sa.select(m.Voucher.number)
            .where(m.Voucher.transaction_id == tx.id)
            .order_by(m.Voucher.id)
            .limit(1)
        )
        loss_kind = self.session.scalar(
            sa.select(m.LossReport.kind).where(m.LossReport.transaction_id == tx.id)
        )
        reissue, outlet = self._reissue_of(tx.id)
        recorded = b.RecordedBusiness(
            idempotency_key=key,
            kind=tx.kind,
            voucher_number=voucher or "",
            recorded_at=tx.created_at,
            loss_kind=loss_kind,
            reason=reissue.reason if reissue else None,
            outlet=outlet,
            pickup_date=reissue.expected_pickup_date if reissue else None,
            pickup_date_exact=reissue.pickup_date_exact if reissue else True,
            fee_fen=reissue.fee_fen if reissue else 0,
            photo_required=reissue.photo_required if reissue else False,
            agent=reissue is not None and reissue.agent_id_number is not None,
            replayed=True,
        )
        return tx.request_hash, recorded

    def _reissue_of(
        self, transaction_id: int
    ) -> tuple[m.ReissueApplication | None, r.Outlet | None]:
        """The transaction's reissue application, if any, with its pickup outlet."""
        reissue = self.session.scalar(
            sa.select(m.ReissueApplication).where(
                m.ReissueApplication.transaction_id == transaction_id
            )
        )
        if reissue is None:
            return None, None
        return reissue, _outlet(self.session.get_one(m.Outlet, reissue.outlet_id))

    def voucher_record(self, number: str) -> b.VoucherRecord | None:
        """A voucher with its cardholder, card, application and print counts."""
        found = self.session.execute(
            sa.select(m.Voucher, m.Transaction)
            .join(m.Transaction, m.Transaction.id == m.Voucher.transaction_id)
            .where(m.Voucher.number == number)
        ).first()
        if found is None:
            return None
        voucher, tx = found
        if tx.card_id is None or tx.cardholder_id is None:
            return None
        card = self.session.get_one(m.Card, tx.card_id)
        holder = self.session.get_one(m.Cardholder, tx.cardholder_id)
        loss = self.session.scalar(
            sa.select(m.LossReport).where(m.LossReport.transaction_id == tx.id)
        )
        reissue, outlet = self._reissue_of(tx.id)
        agent_row = reissue if reissue is not None else loss
        agent = None
        if agent_row is not None and agent_row.agent_id_number is not None:
            agent = j.Agent(
                id_number=agent_row.agent_id_number,
                name=agent_row.agent_name or "",
                relationship=agent_row.agent_relationship or "",
            )
        last_print, citizen_reprints = self.session.execute(
            sa.select(
                sa.func.max(m.VoucherPrint.reprint_no),
                sa.func.count(m.VoucherPrint.id).filter(
                    m.VoucherPrint.actor_kind.in_(j.SELF_SERVICE_ACTORS),
                    m.VoucherPrint.reprint_no >= 1,
                ),
            ).where(m.VoucherPrint.voucher_id == voucher.id)
        ).one()
        return b.VoucherRecord(
            number=voucher.number,
            kind=voucher.kind,
            issued_at=voucher.issued_at,
            transaction_kind=tx.kind,
            transaction_key=tx.idempotency_key,
            kiosk_id=tx.kiosk_id,
            holder_name=holder.name,
            ssn=holder.ssn,
            card_number=card.card_number,
            loss_kind=loss.kind if loss else None,
            reason=reissue.reason if reissue else None,
            agent=agent,
            outlet=outlet,
            pickup_date=reissue.expected_pickup_date if reissue else None,
            pickup_date_exact=reissue.pickup_date_exact if reissue else True,
            fee_fen=reissue.fee_fen if reissue else 0,
            photo_required=reissue.photo_required if reissue else False,
            progress=reissue.progress if reissue else None,
            next_print_no=0 if last_print is None else last_print + 1,
            citizen_reprints=citizen_reprints or 0,
        )

    def voucher_numbers_for(self, cardholder_id: int) -> list[str]:
        """The cardholder's vouchers, newest first."""
        return list(
            self.session.scalars(
                sa.select(m.Voucher.number)
                .join(m.Transaction, m.Transaction.id == m.Voucher.transaction_id)
                .where(m.Transaction.cardholder_id == cardholder_id)
                .order_by(m.Voucher.issued_at.desc(), m.Voucher.id.desc())
            )
        )

    def vouchers_issued_by(self, kiosk_id: str) -> int:
        """How many vouchers kiosk `kiosk_id` issued (and so signed with its key)."""
        return (
            self.session.scalar(
                sa.select(sa.func.count())
                .select_from(m.Voucher)
                .join(m.Transaction, m.Transaction.id == m.Voucher.transaction_id)
                .where(m.Transaction.kiosk_id == kiosk_id)
            )
            or 0
        )

    def citizen_reprints(self, voucher_id: int) -> int:
        """Self-service reprints of a voucher so far (prints at the kiosk after the first)."""
        return (
            self.session.scalar(
                sa.select(sa.func.count())
                .select_from(m.VoucherPrint)
                .where(
                    m.VoucherPrint.voucher_id == voucher_id,
                    m.VoucherPrint.actor_kind.in_(j.SELF_SERVICE_ACTORS),
                    m.VoucherPrint.reprint_no >= 1,
                )
            )
            or 0
        )

    def transactions_between(
        self, start: dt.datetime, end: dt.datetime, kiosk_id: str | None = None
    ) -> Sequence[tuple[str, j.TransactionKind, dt.datetime]]:
        """(key, kind, time) of the transactions in [start, end), oldest first."""
        query = sa.select(
            m.Transaction.idempotency_key, m.Transaction.kind, m.Transaction.created_at
        ).where(m.Transaction.created_at >= start, m.Transaction.created_at < end)
        if kiosk_id is not None:
            query = query.where(m.Transaction.kiosk_id == kiosk_id)
        return self.session.execute(query.order_by(m.Transaction.id)).tuples().all()


class OutboxRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        topic: str,
        payload: Mapping[str, object],
        *,
        at: dt.datetime,
        transaction_id: int | None,
    ) -> None:
        self.session.add(
            m.OutboxMessage(
                transaction_id=transaction_id,
                topic=topic,
                payload=json.dumps(payload, sort_keys=True, ensure_ascii=False),
                created_at=at,
                attempts=0,
            )
        )

    def pending(self, limit: int = 100) -> list[tuple[int, str, dict[str, object]]]:
        """(id, topic, payload) of messages not yet delivered, oldest first."""
        rows = self.session.execute(
            sa.select(m.OutboxMessage.id, m.OutboxMessage.topic, m.OutboxMessage.payload)
            .where(m.OutboxMessage.sent_at.is_(None))
            .order_by(m.OutboxMessage.id)
            .limit(limit)
        )
        return [(id_, topic, json.loads(payload)) for id_, topic, payload in rows]

    def mark_sent(self, message_id: int, at: dt.datetime) -> None:
        self.session.execute(
            sa.update(m.OutboxMessage)
            .where(m.OutboxMessage.id == message_id)
            .values(sent_at=at, attempts=m.OutboxMessage.attempts + 1, last_error=None)
        )

    def mark_failed(self, message_id: int, error: str) -> None:
        self.session.execute(
            sa.update(m.OutboxMessage)
            .where(m.OutboxMessage.id == message_id)
            .values(attempts=m.OutboxMessage.attempts + 1, last_error=error[:200])
        )


class ProofRepository:
    """Failed proofs of identity or of holding a voucher (S8): counted here, judged in
    kiosk.services.proof."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def lock_person(self, subject: str) -> dt.datetime | None:
        """Lock the guard row of one ID number until commit (made if new) and return when it
        last succeeded. Two kiosks trying the same number are decided one after the other."""
        self.session.execute(
            insert_ignore(self.session, m.IdentificationGuard, {"subject": subject})
        )
        return self.session.scalar(
            sa.select(m.IdentificationGuard.cleared_at)
            .where(m.IdentificationGuard.subject == subject)
            .with_for_update()
        )

    def clear_person(self, subject: str, at: dt.datetime) -> None:
        """A success: the failures before `at` no longer count against this ID number."""
        self.session.execute(
            sa.update(m.IdentificationGuard)
            .where(m.IdentificationGuard.subject == subject)
            .values(cleared_at=at)
        )

    def add_failure(
        self, *, kiosk_id: str, method: ProofMethod, subject: str | None, at: dt.datetime
    ) -> None:
        self.session.add(m.ProofFailure(kiosk_id=kiosk_id, method=method, subject=subject, at=at))
        self.session.flush()

    def person_failures(self, subject: str, since: dt.datetime, limit: int) -> list[dt.datetime]:
        """When the newest (at most `limit`) failures for this ID number after `since` were."""
        return self._newest(m.ProofFailure.subject == subject, since, limit)

    def kiosk_failures(self, kiosk_id: str, since: dt.datetime, limit: int) -> list[dt.datetime]:
        """When the newest (at most `limit`) failures at this kiosk after `since` were."""
        return self._newest(m.ProofFailure.kiosk_id == kiosk_id, since, limit)

    def _newest(
        self, where: sa.ColumnElement[bool], since: dt.datetime, limit: int
    ) -> list[dt.datetime]:
        return list(
            self.session.scalars(
                sa.select(m.ProofFailure.at)
                .where(where, m.ProofFailure.at > since)
                .order_by(m.ProofFailure.at.desc())
                .limit(limit)
            )
        )


class StaffAccountRepository:
    """Staff and technician accounts; password hashing and lock-out rules live in services."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, login: str) -> j.StaffAccount | None:
        row = self.session.scalar(sa.select(m.StaffAccount).where(m.StaffAccount.login == login))
        if row is None:
            return None
        return j.StaffAccount(
            login=row.login,
            display_name=row.display_name,
            role=row.role,
            password_hash=row.password_hash,
            failed_attempts=row.failed_attempts,
            locked_until=row.locked_until,
            active=row.active,
        )

    def add(
        self,
        *,
        login: str,
        display_name: str,
        role: j.AccountRole,
        password_hash: str,
        at: dt.datetime,
    ) -> int:
        row = m.StaffAccount(
            login=login,
            display_name=display_name,
            role=role,
            password_hash=password_hash,
            failed_attempts=0,
            active=True,
            created_at=at,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

"""Cardholders and their cards: who holds which card, and each card's status history."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kiosk.domain import records as r
from kiosk.domain.card_rules import CURRENT_STATUSES
from kiosk.store import models as m


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

    def photo_on_file(self, cardholder_id: int) -> bool:
        """Whether the agency holds a photo for the cardholder (a new card needs one)."""
        return self.session.get_one(m.Cardholder, cardholder_id).photo_on_file

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

    # --- for the use cases' writes (kiosk.services) -------------------------------------------

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

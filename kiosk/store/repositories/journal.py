"""The journal: business transactions under their idempotency keys, the loss reports, their
cancellations and the reissue applications they record."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kiosk.domain import business as b
from kiosk.domain import journal as j
from kiosk.domain import records as r
from kiosk.domain.session import ReissueUnderWay
from kiosk.store import models as m
from kiosk.store.repositories.outlets import outlet_of


def agent_columns(agent: j.Agent | None) -> dict[str, str | None]:
    """The agent columns of a loss report or a reissue application."""
    return {
        "agent_id_number": agent.id_number if agent else None,
        "agent_name": agent.name if agent else None,
        "agent_relationship": agent.relationship if agent else None,
    }


class JournalRepository:
    """Business transactions: loss reports, their cancellations and reissue applications."""

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

    def attach_card(self, tx: m.Transaction, card: m.Card) -> None:
        """The card a transaction is about, once it is found (after the key's insert)."""
        tx.card_id = card.id

    def transaction_key(self, transaction_id: int) -> str:
        """The idempotency key of a recorded transaction."""
        return self.session.get_one(m.Transaction, transaction_id).idempotency_key

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
            **agent_columns(agent),
        )
        self.session.add(row)
        return row

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

    # --- reissues and cancellations ------------------------------------------------------------

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
            outlet=outlet_of(outlet),
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
            **agent_columns(agent),
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
        reissue, outlet = reissue_of(self.session, tx.id)
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


def reissue_of(
    session: Session, transaction_id: int
) -> tuple[m.ReissueApplication | None, r.Outlet | None]:
    """The transaction's reissue application, if any, with its pickup outlet."""
    reissue = session.scalar(
        sa.select(m.ReissueApplication).where(m.ReissueApplication.transaction_id == transaction_id)
    )
    if reissue is None:
        return None, None
    return reissue, outlet_of(session.get_one(m.Outlet, reissue.outlet_id))

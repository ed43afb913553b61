"""Vouchers: their numbers of the day, their prints and reprints, and a voucher with all that
its print and its lookup show."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kiosk.domain import business as b
from kiosk.domain import journal as j
from kiosk.domain.vouchers import format_voucher_number
from kiosk.store import models as m
from kiosk.store.repositories.journal import reissue_of
from kiosk.store.upsert import insert_or_increment


class VoucherRepository:
    """A transaction's voucher and every print of it."""

    def __init__(self, session: Session) -> None:
        self.session = session

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
        reissue, outlet = reissue_of(self.session, tx.id)
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

"""The queries behind staff's views: what a kiosk did between two times (its transactions and
the desk's hand-overs and reimbursements), masked, its audit entries counted by outcome and by
action, its audit chain's head, and pages of the audit log under filters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kiosk.domain.day_report import ChainHead, DayKind, DayLine
from kiosk.domain.journal import (
    HAND_OVER_ACTION,
    REIMBURSEMENT_ACTION,
    ActorKind,
    AuditEntry,
    LossReportKind,
    Outcome,
    TransactionKind,
)
from kiosk.domain.masking import mask_card_number, mask_id_number, mask_name
from kiosk.store import models as m
from kiosk.store.audit import entry_of

_KINDS = {
    TransactionKind.LOSS_REPORT: DayKind.LOSS_TEMPORARY,  # or LOSS_FINAL, by its loss report
    TransactionKind.LOSS_CANCELLATION: DayKind.LOSS_CANCELLATION,
    TransactionKind.REISSUE: DayKind.REISSUE,
    TransactionKind.REPLACEMENT: DayKind.REPLACEMENT,
}
_DESK_KINDS = {HAND_OVER_ACTION: DayKind.HAND_OVER, REIMBURSEMENT_ACTION: DayKind.REIMBURSEMENT}


class DayRepository:
    """Reads only; masking happens here, so no full ID number leaves the store."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def transactions(self, kiosk_id: str, start: dt.datetime, end: dt.datetime) -> list[DayLine]:
        """The kiosk's transactions made in [start, end), oldest first."""
        rows = self.session.execute(
            sa.select(m.Transaction, m.Card.card_number, m.Cardholder.ssn, m.Cardholder.name)
            .outerjoin(m.Card, m.Card.id == m.Transaction.card_id)
            .outerjoin(m.Cardholder, m.Cardholder.id == m.Transaction.cardholder_id)
            .where(
                m.Transaction.kiosk_id == kiosk_id,
                m.Transaction.created_at >= start,
                m.Transaction.created_at < end,
            )
            .order_by(m.Transaction.created_at, m.Transaction.id)
        ).all()
        ids = [tx.id for tx, *_ in rows]
        if not ids:
            return []
        vouchers: dict[int, str] = {}
        for tx_id, number in self.session.execute(
            sa.select(m.Voucher.transaction_id, m.Voucher.number)
            .where(m.Voucher.transaction_id.in_(ids))
            .order_by(m.Voucher.id.desc())  # the first voucher wins: it is written last below
        ):
            vouchers[tx_id] = number
        losses = {
            tx_id: (kind.value, agent is not None)
            for tx_id, kind, agent in self.session.execute(
                sa.select(
                    m.LossReport.transaction_id, m.LossReport.kind, m.LossReport.agent_id_number
                ).where(m.LossReport.transaction_id.in_(ids))
            )
        }
        reissues = {
            tx_id: (reason.value, agent is not None, code, pickup)
            for tx_id, reason, agent, code, pickup in self.session.execute(
                sa.select(
                    m.ReissueApplication.transaction_id,
                    m.ReissueApplication.reason,
                    m.ReissueApplication.agent_id_number,
                    m.Outlet.code,
                    m.ReissueApplication.expected_pickup_date,
                )
                .join(m.Outlet, m.Outlet.id == m.ReissueApplication.outlet_id)
                .where(m.ReissueApplication.transaction_id.in_(ids))
            )
        }
        lines = []
        for tx, card_number, ssn, name in rows:
            detail, agent, outlet, pickup = "", False, "", None
            kind = _KINDS[tx.kind]
            if tx.id in reissues:  # a final loss report with its reissue: the reason says more
                detail, agent, outlet, pickup = reissues[tx.id]
            elif tx.id in losses:
                loss_kind, agent = losses[tx.id]
                final = loss_kind == LossReportKind.FINAL.value
                kind = DayKind.LOSS_FINAL if final else DayKind.LOSS_TEMPORARY
            lines.append(
                DayLine(
                    at=tx.created_at,
                    kind=kind,
                    voucher_number=vouchers.get(tx.id, ""),
                    detail=detail,
                    holder_id=mask_id_number(ssn) if ssn else "",
                    holder_name=mask_name(name) if name else "",
                    card_number=mask_card_number(card_number) if card_number else "",
                    agent=agent,
                    outlet=outlet,
                    pickup_date=pickup,
                )
            )
        return lines

    def desk_lines(self, chain: str, start: dt.datetime, end: dt.datetime) -> list[DayLine]:
        """What the desk did on `chain` in [start, end), oldest first: the new cards handed over
        and the reimbursements recorded (their audit entries name the voucher; its transaction
        names the holder)."""
        e = m.AuditLogEntry
        rows = self.session.execute(
            sa.select(e, m.Card.card_number, m.Cardholder.ssn, m.Cardholder.name)
            .outerjoin(m.Transaction, m.Transaction.idempotency_key == e.transaction_key)
            .outerjoin(m.Card, m.Card.id == m.Transaction.card_id)
            .outerjoin(m.Cardholder, m.Cardholder.id == m.Transaction.cardholder_id)
            .where(
                e.chain == chain,
                e.at >= start,
                e.at < end,
                e.action.in_(_DESK_KINDS),
                e.outcome == Outcome.OK,
            )
            .order_by(e.at, e.id)
        ).all()
        lines = []
        for row, card_number, ssn, name in rows:
            entry = entry_of(row)
            amount = entry.detail.get("amount_fen")
            lines.append(
                DayLine(
                    at=entry.at,
                    kind=_DESK_KINDS[entry.action],
                    voucher_number=str(entry.detail.get("voucher", "")),
                    detail=f"{amount // 100}.{amount % 100:02d}" if isinstance(amount, int) else "",
                    holder_id=mask_id_number(ssn) if ssn else "",
                    holder_name=mask_name(name) if name else "",
                    card_number=mask_card_number(card_number) if card_number else "",
                    agent=False,
                    outlet="",
                    pickup_date=None,
                )
            )
        return lines

    def audit_outcomes(
        self, chain: str, start: dt.datetime, end: dt.datetime
    ) -> dict[Outcome, int]:
        """How many audit entries of `chain` in [start, end) had each outcome."""
        query = (
            sa.select(m.AuditLogEntry.outcome, sa.func.count())
            .where(
                m.AuditLogEntry.chain == chain,
                m.AuditLogEntry.at >= start,
                m.AuditLogEntry.at < end,
            )
            .group_by(m.AuditLogEntry.outcome)
        )
        return {outcome: int(n) for outcome, n in self.session.execute(query)}

    def audit_actions(
        self, chain: str, start: dt.datetime, end: dt.datetime, actions: tuple[str, ...]
    ) -> dict[str, int]:
        """How many audit entries of `chain` in [start, end) of each of `actions` were done
        (outcome OK); an action with none is missing."""
        e = m.AuditLogEntry
        query = (
            sa.select(e.action, sa.func.count())
            .where(
                e.chain == chain,
                e.at >= start,
                e.at < end,
                e.action.in_(actions),
                e.outcome == Outcome.OK,
            )
            .group_by(e.action)
        )
        return {action: int(n) for action, n in self.session.execute(query)}

    def chain_head(self, chain: str) -> ChainHead | None:
        head = self.session.get(m.AuditHead, chain)
        if head is None or head.seq == 0:
            return None
        return ChainHead(chain, head.seq, head.hash)


@dataclass(frozen=True)
class AuditQuery:
    """Which audit entries: [since, until) in time, and exact actor kind, action, outcome."""

    since: dt.datetime | None = None
    until: dt.datetime | None = None
    actor_kind: ActorKind | None = None
    action: str | None = None
    outcome: Outcome | None = None
    chain: str | None = None


class AuditPageRepository:
    """Pages of the audit log, newest first, by keyset (the entry's row id): a page costs the
    same at the end of a long log as at its start."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def page(
        self, query: AuditQuery, *, before_id: int | None, size: int
    ) -> list[tuple[int, AuditEntry]]:
        """Up to `size` entries older than row `before_id` (None: from the newest), with ids."""
        e = m.AuditLogEntry
        select = sa.select(e).order_by(e.id.desc()).limit(size)
        conditions = [
            (query.since is not None, lambda: e.at >= query.since),
            (query.until is not None, lambda: e.at < query.until),
            (query.actor_kind is not None, lambda: e.actor_kind == query.actor_kind),
            (query.action is not None, lambda: e.action == query.action),
            (query.outcome is not None, lambda: e.outcome == query.outcome),
            (query.chain is not None, lambda: e.chain == query.chain),
            (before_id is not None, lambda: e.id < before_id),
        ]
        for wanted, condition in conditions:
            if wanted:
                select = select.where(condition())
        return [(row.id, entry_of(row)) for row in self.session.scalars(select)]

    def actions(self) -> list[str]:
        """Every action name in the log, for the filter's choices."""
        return list(
            self.session.scalars(
                sa.select(m.AuditLogEntry.action).distinct().order_by(m.AuditLogEntry.action)
            )
        )

"""Does the journal agree with the audit log? Part of `kiosk db check` (S5).

A sealed audit chain proves the entries were not altered; this proves the business tables were
not altered behind it. What each business writes in one transaction (kiosk.services use cases) is
held against its audit entry, both ways:

- every business transaction has its audit entry (the action of its kind, in the chain of its
  kiosk, under its idempotency key), and every such entry its transaction;
- every transaction has the rows its kind writes: the loss report, cancellation or reissue
  application, the voucher, the card's status change, the outbox message;
- every voucher is the one its transaction's audit entry names, and every voucher an entry
  names exists;
- every print of a voucher has its "voucher.printed"/"voucher.reprinted" entry, and back;
- every medical reimbursement has its "reimbursement.recorded" entry (the voucher and the
  amount), and back;
- every card with a recorded status change has the status its newest change gave it.

Every rule is one anti-join in the database (indexes on the keys they follow), so the check
does not hold a large back end in memory. Status changes made elsewhere (at a counter, with no
kiosk transaction) are counted, not verified: the kiosk has no audit entry for them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kiosk.domain.journal import (
    BUSINESS_ACTIONS,
    PRINT_ACTIONS,
    REIMBURSEMENT_ACTION,
    TransactionKind,
)
from kiosk.domain.masking import mask_card_number
from kiosk.store import models as m

EXAMPLES = 5  # problem rows named per rule; the rest are counted

# The rows each kind of business transaction writes besides itself and its audit entry.
EXPECTED_ROWS: dict[TransactionKind, tuple[type[m.Base], ...]] = {
    TransactionKind.LOSS_REPORT: (m.LossReport, m.Voucher, m.CardStatusChange, m.OutboxMessage),
    TransactionKind.LOSS_CANCELLATION: (
        m.LossCancellation,
        m.Voucher,
        m.CardStatusChange,
        m.OutboxMessage,
    ),
    TransactionKind.REISSUE: (
        m.ReissueApplication,
        m.LossReport,
        m.Voucher,
        m.CardStatusChange,
        m.OutboxMessage,
    ),
    # A damaged card keeps its status until the new one is collected.
    TransactionKind.REPLACEMENT: (m.ReissueApplication, m.Voucher, m.OutboxMessage),
}

_NAMES = {
    m.LossReport: "loss report",
    m.LossCancellation: "cancellation",
    m.ReissueApplication: "reissue application",
    m.Voucher: "voucher",
    m.CardStatusChange: "card status change",
    m.OutboxMessage: "outbox message",
}

A = m.AuditLogEntry
T = m.Transaction


@dataclass
class Consistency:
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        return ", ".join(f"{what}: {n:,}" for what, n in self.counts.items())


def check_consistency(session: Session) -> Consistency:
    result = Consistency()
    json_text = _json_text(session)
    for kind, action in BUSINESS_ACTIONS.items():
        _transactions_have_entries(session, result, kind, action)
        _entries_have_transactions(session, result, kind, action)
        for table in EXPECTED_ROWS[kind]:
            _transactions_have_rows(session, result, kind, table)
    _vouchers_match_entries(session, result, json_text)
    _prints_match_entries(session, result, json_text)
    _reimbursements_match_entries(session, result, json_text)
    _cards_match_changes(session, result)
    result.counts = _counts(session)
    return result


AnyQuery = sa.Select[*tuple[Any, ...]]


def _report(
    session: Session, result: Consistency, query: AnyQuery, say: Callable[[Any], str]
) -> None:
    """Run `query`; each row found is a problem, worded by `say(row)`: a few named, the rest
    counted."""
    rows = session.execute(query.limit(EXAMPLES + 1)).all()
    if not rows:
        return
    result.problems += [say(row) for row in rows[:EXAMPLES]]
    if len(rows) > EXAMPLES:
        result.problems.append(f"... {_count(session, query) - EXAMPLES:,} more like these")


def _count(session: Session, query: AnyQuery) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0


def _key(key: str | None) -> str:
    """An idempotency key, shortened: enough to find it, short enough to read."""
    return f"{key[:12]}…" if key else "(none)"


def _transactions_have_entries(
    session: Session, result: Consistency, kind: TransactionKind, action: str
) -> None:
    entry = sa.exists().where(
        A.transaction_key == T.idempotency_key, A.action == action, A.chain == T.kiosk_id
    )
    query = sa.select(T.idempotency_key, T.kiosk_id).where(T.kind == kind, ~entry).order_by(T.id)
    _report(
        session,
        result,
        query,
        lambda row: (
            f"{kind.value} transaction {_key(row[0])} of kiosk {row[1]} has no "
            f'"{action}" audit entry'
        ),
    )


def _entries_have_transactions(
    session: Session, result: Consistency, kind: TransactionKind, action: str
) -> None:
    transaction = sa.exists().where(T.idempotency_key == A.transaction_key, T.kind == kind)
    query = sa.select(A.chain, A.seq, A.transaction_key).where(A.action == action, ~transaction)
    _report(
        session,
        result,
        query.order_by(A.chain, A.seq),
        lambda row: (
            f'audit entry {row[0]} #{row[1]} ("{action}") names {kind.value} '
            f"transaction {_key(row[2])}, which is not in the database"
        ),
    )


def _transactions_have_rows(
    session: Session, result: Consistency, kind: TransactionKind, table: type[m.Base]
) -> None:
    row_of = sa.exists().where(table.transaction_id == T.id)  # type: ignore[attr-defined]
    query = sa.select(T.idempotency_key).where(T.kind == kind, ~row_of).order_by(T.id)
    _report(
        session,
        result,
        query,
        lambda row: f"{kind.value} transaction {_key(row[0])} has no {_NAMES[table]}",
    )


def _vouchers_match_entries(session: Session, result: Consistency, json_text: Any) -> None:
    V = m.Voucher
    actions = list(BUSINESS_ACTIONS.values())
    named = sa.exists().where(
        A.transaction_key == T.idempotency_key,
        A.action.in_(actions),
        json_text(A.detail, "voucher") == V.number,
    )
    query = sa.select(V.number).join(T, T.id == V.transaction_id).where(~named).order_by(V.id)
    _report(
        session,
        result,
        query,
        lambda row: f"voucher {row[0]} is not the one its transaction's audit entry names",
    )
    there = (
        sa.select(V.id)
        .join(T, T.id == V.transaction_id)
        .where(
            T.idempotency_key == A.transaction_key,
            V.number == json_text(A.detail, "voucher"),
        )
        .exists()
    )
    query = sa.select(A.chain, A.seq, json_text(A.detail, "voucher")).where(
        A.action.in_(actions), ~there
    )
    _report(
        session,
        result,
        query.order_by(A.chain, A.seq),
        lambda row: (
            f"audit entry {row[0]} #{row[1]} names voucher {row[2]}, which its "
            "transaction does not have"
        ),
    )


def _prints_match_entries(session: Session, result: Consistency, json_text: Any) -> None:
    V, P = m.Voucher, m.VoucherPrint
    reprint = sa.cast(json_text(A.detail, "reprint"), sa.Integer)
    entry = sa.exists().where(
        A.transaction_key == T.idempotency_key,
        A.action.in_(PRINT_ACTIONS),
        json_text(A.detail, "voucher") == V.number,
        reprint == P.reprint_no,
    )
    query = (
        sa.select(V.number, P.reprint_no)
        .join(V, V.id == P.voucher_id)
        .join(T, T.id == V.transaction_id)
        .where(~entry)
        .order_by(P.id)
    )
    _report(
        session,
        result,
        query,
        lambda row: f"print {row[1]} of voucher {row[0]} has no audit entry",
    )
    printed = (
        sa.select(P.id)
        .join(V, V.id == P.voucher_id)
        .where(V.number == json_text(A.detail, "voucher"), P.reprint_no == reprint)
        .exists()
    )
    query = sa.select(A.chain, A.seq, json_text(A.detail, "voucher")).where(
        A.action.in_(PRINT_ACTIONS), ~printed
    )
    _report(
        session,
        result,
        query.order_by(A.chain, A.seq),
        lambda row: (
            f"audit entry {row[0]} #{row[1]} records a print of voucher {row[2]} "
            "that is not in the database"
        ),
    )


def _reimbursements_match_entries(session: Session, result: Consistency, json_text: Any) -> None:
    V, R = m.Voucher, m.MedicalReimbursement
    amount = sa.cast(json_text(A.detail, "amount_fen"), sa.BigInteger)
    entry = sa.exists().where(
        A.transaction_key == T.idempotency_key,
        A.action == REIMBURSEMENT_ACTION,
        json_text(A.detail, "voucher") == V.number,
        amount == R.amount_fen,
    )
    query = (
        sa.select(V.number)
        .select_from(R)
        .join(V, V.id == R.voucher_id)
        .join(T, T.id == V.transaction_id)
        .where(~entry)
        .order_by(R.id)
    )
    _report(
        session,
        result,
        query,
        lambda row: (
            f"the reimbursement of voucher {row[0]} has no audit entry recording its amount"
        ),
    )
    recorded = (
        sa.select(R.id)
        .join(V, V.id == R.voucher_id)
        .where(V.number == json_text(A.detail, "voucher"), R.amount_fen == amount)
        .exists()
    )
    query = sa.select(A.chain, A.seq, json_text(A.detail, "voucher")).where(
        A.action == REIMBURSEMENT_ACTION, ~recorded
    )
    _report(
        session,
        result,
        query.order_by(A.chain, A.seq),
        lambda row: (
            f"audit entry {row[0]} #{row[1]} records a reimbursement of voucher {row[2]} "
            "that is not in the database"
        ),
    )


def _cards_match_changes(session: Session, result: Consistency) -> None:
    C, S = m.Card, m.CardStatusChange
    later = sa.orm.aliased(S)
    newer = sa.exists().where(
        later.card_id == S.card_id,
        sa.or_(
            later.changed_at > S.changed_at,
            sa.and_(later.changed_at == S.changed_at, later.id > S.id),
        ),
    )
    query = (
        sa.select(C.card_number, C.status, S.to_status)
        .join(C, C.id == S.card_id)
        .where(~newer, C.status != S.to_status)
        .order_by(C.id)
    )
    _report(
        session,
        result,
        query,
        lambda row: (
            f"card {mask_card_number(row[0])} is {row[1].value}, but its last recorded "
            f"status change made it {row[2].value}"
        ),
    )


def _counts(session: Session) -> dict[str, int]:
    def count(query: AnyQuery) -> int:
        return _count(session, query)

    S = m.CardStatusChange
    return {
        "transactions": count(sa.select(T.id)),
        "vouchers": count(sa.select(m.Voucher.id)),
        "voucher prints": count(sa.select(m.VoucherPrint.id)),
        "reimbursements": count(sa.select(m.MedicalReimbursement.id)),
        "card status changes": count(sa.select(S.id).where(S.transaction_id.is_not(None))),
        "status changes made elsewhere, not audited here": count(
            sa.select(S.id).where(S.transaction_id.is_(None))
        ),
    }


def _json_text(session: Session) -> Any:
    """A function (column, key) -> the text of `key` in a JSON text column, per database."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import JSONB

        return lambda column, key: sa.cast(column, JSONB)[key].astext
    return lambda column, key: sa.func.json_extract(column, f"$.{key}")


__all__ = ["Consistency", "check_consistency"]

"""The hash-chained audit log (S5): appending entries and verifying the chains.

Each entry's hash is SHA-256 over the previous entry's hash and a canonical serialization of the
entry (JSON array of its fields, timestamps in UTC to the microsecond, `detail` as the exact
stored text). One chain per kiosk; `audit_heads` holds each chain's last sequence number and hash
and is updated in the same transaction as the entry. Verification therefore finds:

- an edited entry (its hash no longer matches its content),
- a deleted entry (a gap in the sequence, or a broken link to the previous hash),
- deleted last entries (the head points past the end of the chain),
- an edited hash (the next entry's link, or the head, no longer matches).

What a hash chain cannot find alone is a rewrite of every entry from the edit onwards together
with the head: anchoring the head elsewhere (sending it to the central back end through the
outbox) closes that gap.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kiosk.domain.journal import ActorKind, AuditEntry, Outcome
from kiosk.store.models import AuditHead, AuditLogEntry
from kiosk.store.upsert import insert_ignore

GENESIS_HASH = "0" * 64


def canonical_json(value: object) -> str:
    """One spelling per value: sorted keys, no spaces, UTF-8 text kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _iso(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


def entry_hash(
    *,
    prev_hash: str,
    chain: str,
    seq: int,
    at: dt.datetime,
    actor_kind: str,
    actor: str,
    action: str,
    outcome: str,
    transaction_key: str | None,
    detail: str,
) -> str:
    body = canonical_json(
        [chain, seq, _iso(at), actor_kind, actor, action, outcome, transaction_key, detail]
    )
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


def _row_hash(row: AuditLogEntry, prev_hash: str) -> str:
    return entry_hash(
        prev_hash=prev_hash,
        chain=row.chain,
        seq=row.seq,
        at=row.at,
        actor_kind=row.actor_kind.value,
        actor=row.actor,
        action=row.action,
        outcome=row.outcome.value,
        transaction_key=row.transaction_key,
        detail=row.detail,
    )


def _to_domain(row: AuditLogEntry) -> AuditEntry:
    return AuditEntry(
        chain=row.chain,
        seq=row.seq,
        at=row.at,
        actor_kind=row.actor_kind,
        actor=row.actor,
        action=row.action,
        outcome=row.outcome,
        transaction_key=row.transaction_key,
        detail=json.loads(row.detail),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


class AuditRepository:
    """Appends to and reads the audit log. Takes a session, never commits."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def append(
        self,
        *,
        chain: str,
        actor_kind: ActorKind,
        actor: str,
        action: str,
        outcome: Outcome,
        at: dt.datetime,
        transaction_key: str | None = None,
        detail: Mapping[str, object] | None = None,
    ) -> AuditEntry:
        """Add an entry at the end of `chain`. `actor` must already be masked for citizens.

        The chain's head row is locked (FOR UPDATE on PostgreSQL; SQLite's write transaction
        already excludes other writers) so concurrent appends to one chain stay in line.
        """
        # Make sure the head exists without racing another first writer of the chain.
        self.session.execute(
            insert_ignore(self.session, AuditHead, {"chain": chain, "seq": 0, "hash": GENESIS_HASH})
        )
        head = self.session.execute(
            sa.select(AuditHead).where(AuditHead.chain == chain).with_for_update()
        ).scalar_one()
        if at.tzinfo is None:
            raise ValueError("audit time must be an aware datetime")
        row = AuditLogEntry(
            chain=chain,
            seq=head.seq + 1,
            at=at,
            actor_kind=actor_kind,
            actor=actor,
            action=action,
            outcome=outcome,
            transaction_key=transaction_key,
            detail=canonical_json(dict(detail or {})),
            prev_hash=head.hash,
        )
        row.hash = _row_hash(row, head.hash)
        self.session.add(row)
        head.seq = row.seq
        head.hash = row.hash
        self.session.flush()
        return _to_domain(row)

    def entries(
        self,
        *,
        chain: str | None = None,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        limit: int = 500,
    ) -> list[AuditEntry]:
        """Newest first, for the staff audit view."""
        query = sa.select(AuditLogEntry).order_by(AuditLogEntry.at.desc(), AuditLogEntry.id.desc())
        if chain is not None:
            query = query.where(AuditLogEntry.chain == chain)
        if since is not None:
            query = query.where(AuditLogEntry.at >= since)
        if until is not None:
            query = query.where(AuditLogEntry.at < until)
        return [_to_domain(row) for row in self.session.scalars(query.limit(limit))]

    def for_transaction(self, transaction_key: str) -> list[AuditEntry]:
        query = (
            sa.select(AuditLogEntry)
            .where(AuditLogEntry.transaction_key == transaction_key)
            .order_by(AuditLogEntry.chain, AuditLogEntry.seq)
        )
        return [_to_domain(row) for row in self.session.scalars(query)]

    def newest(self, chain: str, actions: Collection[str]) -> AuditEntry | None:
        """The last entry of `chain` with one of `actions` (e.g. the voucher key's records)."""
        row = self.session.scalar(
            sa.select(AuditLogEntry)
            .where(AuditLogEntry.chain == chain, AuditLogEntry.action.in_(list(actions)))
            .order_by(AuditLogEntry.seq.desc())
            .limit(1)
        )
        return None if row is None else _to_domain(row)


@dataclass(frozen=True, slots=True)
class AuditProblem:
    chain: str
    seq: int | None
    kind: str  # altered | missing | broken_link | head_mismatch | no_head
    message: str

    def __str__(self) -> str:
        where = f"chain {self.chain}" + (f" entry {self.seq}" if self.seq is not None else "")
        return f"{where}: {self.message}"


def verify_audit_chains(session: Session, *, batch: int = 2000) -> list[AuditProblem]:
    """Walk every chain from its first entry to its head; empty list = intact."""
    problems: list[AuditProblem] = []
    heads = {head.chain: head for head in session.scalars(sa.select(AuditHead))}
    seen: set[str] = set()
    chain: str | None = None
    expected_seq = 1
    prev_hash = GENESIS_HASH

    def close_chain(name: str, last_seq: int, last_hash: str) -> None:
        head = heads.get(name)
        if head is None:
            problems.append(AuditProblem(name, None, "no_head", "chain has no head record"))
        elif head.seq != last_seq or head.hash != last_hash:
            problems.append(
                AuditProblem(
                    name,
                    head.seq,
                    "head_mismatch",
                    f"head says entry {head.seq} is last, the log ends at entry {last_seq}"
                    if head.seq != last_seq
                    else "head hash does not match the last entry",
                )
            )

    query = (
        sa.select(AuditLogEntry)
        .order_by(AuditLogEntry.chain, AuditLogEntry.seq)
        .execution_options(yield_per=batch)
    )
    for row in session.scalars(query):
        if row.chain != chain:
            if chain is not None:
                close_chain(chain, expected_seq - 1, prev_hash)
            chain = row.chain
            seen.add(chain)
            expected_seq, prev_hash = 1, GENESIS_HASH
        if row.seq != expected_seq:
            problems.append(
                AuditProblem(
                    chain,
                    row.seq,
                    "missing",
                    f"entries {expected_seq}..{row.seq - 1} are missing",
                )
            )
        if row.prev_hash != prev_hash:
            problems.append(
                AuditProblem(chain, row.seq, "broken_link", "does not link to the entry before")
            )
        if _row_hash(row, row.prev_hash) != row.hash:
            problems.append(
                AuditProblem(chain, row.seq, "altered", "content does not match its hash")
            )
        expected_seq, prev_hash = row.seq + 1, row.hash
    if chain is not None:
        close_chain(chain, expected_seq - 1, prev_hash)
    for name, head in heads.items():
        if name not in seen and head.seq != 0:
            problems.append(
                AuditProblem(name, head.seq, "head_mismatch", "every entry of the chain is gone")
            )
    return problems

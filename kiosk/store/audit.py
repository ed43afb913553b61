"""The sealed audit log (S5): the sealed form of an entry, and appending and reading entries.

Each entry is sealed over the previous entry's seal and a canonical serialization of the entry
(JSON array of its fields, timestamps in UTC to the microsecond, `detail` as the exact stored
text). The seal is HMAC-SHA256 under the kiosk's audit key, which lives outside the database
(kiosk.store.seal); the entry records the key's id. One chain per kiosk; `audit_heads` holds each
chain's last sequence number and seal and is updated in the same transaction as the entry, and
after the commit the new head is appended to the anchor file outside the database.

Verifying the chains is kiosk.store.audit_verify's.
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
from kiosk.store.seal import AnchorLine, AuditSeal, AuditSealError
from kiosk.store.upsert import insert_ignore

GENESIS_HASH = "0" * 64
# The entry `kiosk audit new-key` seals with the new key: detail names the retired key ids.
KEY_REPLACED = "audit_key.replaced"


def canonical_json(value: object) -> str:
    """One spelling per value: sorted keys, no spaces, UTF-8 text kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _iso(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


def entry_body(
    *,
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
    """The text an entry's seal covers (after the previous entry's seal)."""
    return canonical_json(
        [chain, seq, _iso(at), actor_kind, actor, action, outcome, transaction_key, detail]
    )


def legacy_hash(prev_hash: str, body: str) -> str:
    """A legacy (unkeyed) entry's hash: SHA-256 over the previous hash and the entry's body."""
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


def body_of(row: AuditLogEntry) -> str:
    return entry_body(
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


def entry_of(row: AuditLogEntry) -> AuditEntry:
    """The row as the domain's entry. A tampered entry whose detail is no JSON object still
    shows (the integrity check, which hashes the stored text, says what is wrong with it)."""
    try:
        detail = json.loads(row.detail)
    except ValueError:
        detail = {"unreadable": row.detail[:200]}
    return AuditEntry(
        chain=row.chain,
        seq=row.seq,
        at=row.at,
        actor_kind=row.actor_kind,
        actor=row.actor,
        action=row.action,
        outcome=row.outcome,
        transaction_key=row.transaction_key,
        detail=detail if isinstance(detail, dict) else {"value": detail},
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


class AuditRepository:
    """Appends to and reads the audit log. Takes a session, never commits.

    Appending needs the kiosk's `AuditSeal`; a repository made without one (for reading, or by
    a unit of work that writes no audit entries) refuses to append rather than write an entry
    nobody could verify.
    """

    def __init__(self, session: Session, seal: AuditSeal | None = None) -> None:
        self.session = session
        self.seal = seal
        self._pending: dict[str, AnchorLine] = {}

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
        if self.seal is None:
            raise AuditSealError(
                "this unit of work has no audit seal: give UnitOfWork the kiosk's AuditSeal"
            )
        if at.tzinfo is None:
            raise ValueError("audit time must be an aware datetime")
        if not chain or chain.split() != [chain]:
            raise ValueError("an audit chain's name is one word (the kiosk id)")
        # Make sure the head exists without racing another first writer of the chain.
        self.session.execute(
            insert_ignore(
                self.session,
                AuditHead,
                {"chain": chain, "seq": 0, "hash": GENESIS_HASH, "legacy_seq": 0},
            )
        )
        head = self.session.execute(
            sa.select(AuditHead).where(AuditHead.chain == chain).with_for_update()
        ).scalar_one()
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
            key_id=self.seal.key_id,
        )
        row.hash = self.seal.mac(head.hash, body_of(row))
        self.session.add(row)
        head.seq = row.seq
        head.hash = row.hash
        self.session.flush()
        self._pending[chain] = AnchorLine(chain, row.seq, row.hash)
        return entry_of(row)

    def pending_heads(self) -> list[AnchorLine]:
        """The heads this session moved, for the anchor file once they are committed."""
        return list(self._pending.values())

    def forget_pending(self) -> None:
        self._pending.clear()

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
        return [entry_of(row) for row in self.session.scalars(query.limit(limit))]

    def for_transaction(self, transaction_key: str) -> list[AuditEntry]:
        query = (
            sa.select(AuditLogEntry)
            .where(AuditLogEntry.transaction_key == transaction_key)
            .order_by(AuditLogEntry.chain, AuditLogEntry.seq)
        )
        return [entry_of(row) for row in self.session.scalars(query)]

    def newest(self, chain: str, actions: Collection[str]) -> AuditEntry | None:
        """The last entry of `chain` with one of `actions` (e.g. the voucher key's records)."""
        row = self.session.scalar(
            sa.select(AuditLogEntry)
            .where(AuditLogEntry.chain == chain, AuditLogEntry.action.in_(list(actions)))
            .order_by(AuditLogEntry.seq.desc())
            .limit(1)
        )
        return None if row is None else entry_of(row)

    def newest_key_id(self, chain: str) -> tuple[bool, str | None]:
        """(whether `chain` has entries, the key id of its newest entry: None when unkeyed)."""
        row = self.session.execute(
            sa.select(AuditLogEntry.key_id)
            .where(AuditLogEntry.chain == chain)
            .order_by(AuditLogEntry.seq.desc())
            .limit(1)
        ).first()
        return (row is not None, row[0] if row is not None else None)

    def retired_key_ids(self, chain: str) -> list[str]:
        """The key ids the `audit_key.replaced` entries of `chain` name as retired, oldest
        first: a new replacement names them again, so its one verified entry covers them all."""
        found: list[str] = []
        query = (
            sa.select(AuditLogEntry)
            .where(AuditLogEntry.chain == chain, AuditLogEntry.action == KEY_REPLACED)
            .order_by(AuditLogEntry.seq)
        )
        for row in self.session.scalars(query):
            found += [k for k in sorted(retirement_of(row).key_ids) if k not in found]
        return found


@dataclass(frozen=True)
class Retirement:
    """A verified `audit_key.replaced` entry: from entry `seq` on, the chain has a new key."""

    seq: int
    key_ids: frozenset[str]
    by: str
    at: dt.datetime


def retirement_of(row: AuditLogEntry) -> Retirement:
    """What a verified replacement entry retires: its `retired_key_id` and the keys earlier
    replacements retired (`earlier_retired_key_ids`), which a second lost key would otherwise
    leave behind as unverifiable claims."""
    try:
        detail = json.loads(row.detail)
    except ValueError:
        detail = {}
    named: set[str] = set()
    if isinstance(detail, dict):
        if isinstance(detail.get("retired_key_id"), str):
            named.add(detail["retired_key_id"])
        earlier = detail.get("earlier_retired_key_ids")
        if isinstance(earlier, list):
            named.update(k for k in earlier if isinstance(k, str))
    return Retirement(row.seq, frozenset(named), row.actor, row.at)

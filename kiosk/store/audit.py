"""The sealed audit log (S5): appending entries and verifying the chains.

Each entry is sealed over the previous entry's seal and a canonical serialization of the entry
(JSON array of its fields, timestamps in UTC to the microsecond, `detail` as the exact stored
text). The seal is HMAC-SHA256 under the kiosk's audit key, which lives outside the database
(kiosk.store.seal); the entry records the key's id. One chain per kiosk; `audit_heads` holds each
chain's last sequence number and seal and is updated in the same transaction as the entry, and
after the commit the new head is appended to the anchor file outside the database.

Verification therefore finds:

- an edited entry (its seal no longer matches its content; a new seal needs the key),
- a deleted entry (a gap in the sequence, or a broken link to the previous seal),
- deleted last entries (the head points past the end of the chain, or, when the head was moved
  back too, the chain no longer reaches the entry the anchor file recorded),
- a chain rewritten from some entry on (its seals need the key; stripped to unkeyed entries it
  no longer holds the anchored seal),
- an emptied log (the anchor file names chains the database no longer has).

Entries written before the chain was keyed (migration 0005) are legacy: plain SHA-256 links,
verified as such and counted, up to the head's `legacy_seq`. Entries sealed with a key this
check does not hold (another kiosk's chain on a shared back end) are checked for gaps and links
only, and reported as not verifiable here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kiosk.domain.journal import ActorKind, AuditEntry, Outcome
from kiosk.store.models import AuditHead, AuditLogEntry
from kiosk.store.seal import AnchorLine, AnchorLog, AnchorReading, AuditSeal, AuditSealError
from kiosk.store.upsert import insert_ignore

GENESIS_HASH = "0" * 64


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


def _body(row: AuditLogEntry) -> str:
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
        row.hash = self.seal.mac(head.hash, _body(row))
        self.session.add(row)
        head.seq = row.seq
        head.hash = row.hash
        self.session.flush()
        self._pending[chain] = AnchorLine(chain, row.seq, row.hash)
        return _to_domain(row)

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

    def newest_key_id(self, chain: str) -> tuple[bool, str | None]:
        """(whether `chain` has entries, the key id of its newest entry: None when unkeyed)."""
        row = self.session.execute(
            sa.select(AuditLogEntry.key_id)
            .where(AuditLogEntry.chain == chain)
            .order_by(AuditLogEntry.seq.desc())
            .limit(1)
        ).first()
        return (row is not None, row[0] if row is not None else None)


# --- verification --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AuditProblem:
    chain: str
    seq: int | None
    # altered | missing | broken_link | head_mismatch | no_head | unkeyed | legacy_mismatch |
    # other_key | cut | rewritten | anchor_regressed | chain_gone
    kind: str
    message: str

    def __str__(self) -> str:
        where = f"chain {self.chain}" + (f" entry {self.seq}" if self.seq is not None else "")
        return f"{where}: {self.message}"


@dataclass
class ChainSummary:
    """What the walk saw of one chain."""

    chain: str
    entries: int = 0
    last_seq: int = 0
    legacy: int = 0  # unkeyed entries from before keying, verified as SHA-256 links
    verified: int = 0  # keyed entries whose seal was checked with the key held here
    without_key: int = 0  # keyed entries, and no key held here at all
    other_keys: Counter[str] = field(default_factory=Counter)  # key id -> entries not held here
    anchored: AnchorLine | None = None


@dataclass
class AuditVerification:
    problems: list[AuditProblem] = field(default_factory=list)
    chains: list[ChainSummary] = field(default_factory=list)
    anchor: AnchorReading = field(default_factory=AnchorReading)

    @property
    def keyed_without_key(self) -> int:
        return sum(c.without_key for c in self.chains)


class _ChainWalk:
    """Checks one chain entry by entry, in sequence order."""

    def __init__(
        self,
        chain: str,
        head: AuditHead | None,
        seal: AuditSeal | None,
        anchor: AnchorLog | None,
        anchored: AnchorLine | None,
        problems: list[AuditProblem],
    ) -> None:
        self.summary = ChainSummary(chain, anchored=anchored)
        self.head = head
        self.legacy_seq = head.legacy_seq if head is not None else 0
        self.seal = seal
        self.problems = problems
        self.expected_seq = 1
        self.prev_hash = GENESIS_HASH
        # The chain's anchor lines, walked beside its entries (both in sequence order).
        self._lines = anchor.lines_of(chain) if anchor is not None and anchored else iter(())
        self._line = next(self._lines, None)
        self._rewritten = False

    def _problem(self, seq: int | None, kind: str, message: str) -> None:
        self.problems.append(AuditProblem(self.summary.chain, seq, kind, message))

    def add(self, row: AuditLogEntry) -> None:
        self.summary.entries += 1
        if row.seq != self.expected_seq:
            self._problem(
                row.seq, "missing", f"entries {self.expected_seq}..{row.seq - 1} are missing"
            )
        if row.prev_hash != self.prev_hash:
            self._problem(row.seq, "broken_link", "does not link to the entry before")
        self._check_seal(row)
        self._check_anchor(row)
        self.expected_seq, self.prev_hash = row.seq + 1, row.hash

    def _check_anchor(self, row: AuditLogEntry) -> None:
        """Every anchored head must be in the chain as it was: a chain cut and then written
        on past its old head still differs from the anchor where it was cut."""
        while self._line is not None and self._line.seq < row.seq:  # a gap: reported above
            self._line = next(self._lines, None)
        while self._line is not None and self._line.seq == row.seq:
            if self._line.seal != row.hash and not self._rewritten:
                self._rewritten = True
                self._problem(
                    row.seq,
                    "rewritten",
                    "is not the entry the anchor file recorded: the chain was rewritten",
                )
            self._line = next(self._lines, None)

    def _check_seal(self, row: AuditLogEntry) -> None:
        summary = self.summary
        if row.key_id is None:
            if row.seq > self.legacy_seq:
                self._problem(
                    row.seq,
                    "unkeyed",
                    f"is not sealed with a key, but the chain is keyed from entry "
                    f"{self.legacy_seq + 1}: written or rewritten without the key",
                )
            else:
                summary.legacy += 1
            if legacy_hash(row.prev_hash, _body(row)) != row.hash:
                self._problem(row.seq, "altered", "content does not match its hash")
            return
        if row.seq <= self.legacy_seq:
            self._problem(
                row.seq,
                "legacy_mismatch",
                f"is keyed, but the head says entries up to {self.legacy_seq} came before keying",
            )
        if self.seal is None:
            summary.without_key += 1
        elif row.key_id != self.seal.key_id:
            if summary.anchored is not None:
                self._problem(
                    row.seq,
                    "other_key",
                    f"is sealed with key {row.key_id}, not this kiosk's key {self.seal.key_id}",
                )
            else:
                summary.other_keys[row.key_id] += 1
        else:
            summary.verified += 1
            if self.seal.mac(row.prev_hash, _body(row)) != row.hash:
                self._problem(
                    row.seq,
                    "altered",
                    "content does not match its seal (altered, or sealed without the key)",
                )

    def close(self) -> ChainSummary:
        summary, head = self.summary, self.head
        last_seq = summary.last_seq = self.expected_seq - 1
        if head is None:
            self._problem(None, "no_head", "chain has no head record")
        elif head.seq != last_seq:
            self._problem(
                head.seq,
                "head_mismatch",
                f"head says entry {head.seq} is last, the log ends at entry {last_seq}",
            )
        elif head.hash != self.prev_hash:
            self._problem(head.seq, "head_mismatch", "head hash does not match the last entry")
        beyond = [line.seq for line in (self._line, *self._lines) if line is not None]
        if beyond:
            self._problem(
                None,
                "cut",
                f"the anchor file says entry {max(beyond)} was committed, the chain ends at "
                f"entry {last_seq}: entries were cut from its end",
            )
        return summary


def verify_audit_chains(
    session: Session,
    *,
    seal: AuditSeal | None = None,
    anchor: AnchorLog | None = None,
    batch: int = 2000,
) -> AuditVerification:
    """Walk every chain from its first entry to its head, and hold each chain the anchor file
    names to every head anchored there. `seal`: the key to verify keyed entries with (None:
    none held here); `anchor`: the anchor file (None: not compared)."""
    result = AuditVerification()
    heads = {head.chain: head for head in session.scalars(sa.select(AuditHead))}
    reading = anchor.read() if anchor is not None else AnchorReading()
    result.anchor = reading
    anchored = reading.last
    if anchor is not None:
        for line_no, chain, before, after in reading.regressions:
            result.problems.append(
                AuditProblem(
                    chain,
                    None,
                    "anchor_regressed",
                    f"anchor file line {line_no} goes back from entry {before} to entry "
                    f"{after}: entries were cut and the chain written again from there",
                )
            )
    walk: _ChainWalk | None = None
    query = (
        sa.select(AuditLogEntry)
        .order_by(AuditLogEntry.chain, AuditLogEntry.seq)
        .execution_options(yield_per=batch)
    )
    for row in session.scalars(query):
        if walk is None or row.chain != walk.summary.chain:
            if walk is not None:
                result.chains.append(walk.close())
            walk = _ChainWalk(
                row.chain,
                heads.get(row.chain),
                seal,
                anchor,
                anchored.get(row.chain),
                result.problems,
            )
        walk.add(row)
    if walk is not None:
        result.chains.append(walk.close())
    seen = {summary.chain for summary in result.chains}
    for name, head in heads.items():
        if name not in seen and head.seq != 0:
            result.problems.append(
                AuditProblem(name, head.seq, "head_mismatch", "every entry of the chain is gone")
            )
    for name, line in anchored.items():
        if name not in seen:
            result.problems.append(
                AuditProblem(
                    name,
                    None,
                    "chain_gone",
                    f"the anchor file says entry {line.seq} was committed; the database holds "
                    "no entry of this chain",
                )
            )
    return result

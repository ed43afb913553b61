"""Verifying the sealed audit log (S5), for `kiosk db check`: every chain walked from its first
entry to its head, and held to the anchor file. The entries' sealed form is kiosk.store.audit's.

Verification finds:

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

A lost key (`kiosk audit new-key`) leaves the entries sealed with it unverifiable for good. The
new key's first entry, `audit_key.replaced`, names the key it retires; when that entry verifies
with the key held here, the entries before it sealed with the retired key are reported (a
warning, not a failure) instead of failing as another key's. The claim is only believed when
sealed with the held key, so a forged replacement entry retires nothing; the retired entries are
still held to the links and the anchor file, which was written while the old key was in use.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kiosk.store.audit import (
    GENESIS_HASH,
    KEY_REPLACED,
    Retirement,
    body_of,
    legacy_hash,
    retirement_of,
)
from kiosk.store.models import AuditHead, AuditLogEntry
from kiosk.store.seal import AnchorLine, AnchorLog, AnchorReading, AuditSeal


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
    retired: list[RetiredEntries] = field(default_factory=list)  # lost keys, on the record
    anchored: AnchorLine | None = None


@dataclass(frozen=True)
class RetiredEntries:
    """Entries sealed with a key that a verified replacement entry after them retired."""

    key_id: str
    runs: tuple[tuple[int, int], ...]  # (first, last) entry numbers
    entries: int
    retirement: Retirement

    def describe(self) -> str:
        shown = ", ".join(f"{a}..{b}" if a != b else str(a) for a, b in self.runs[:5])
        more = f" and {len(self.runs) - 5} more runs" if len(self.runs) > 5 else ""
        when = self.retirement.at.astimezone(dt.UTC).date().isoformat()
        return (
            f"entries {shown}{more} sealed with the retired key {self.key_id} (replaced at entry "
            f"{self.retirement.seq} by {self.retirement.by} on {when}): not verifiable"
        )


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
        # Entries sealed with keys not held here, judged at the end: a later verified
        # replacement entry may show their key was retired. Key id -> runs [first, last].
        self._foreign: dict[str, list[list[int]]] = {}
        self._retirements: list[Retirement] = []

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
            if legacy_hash(row.prev_hash, body_of(row)) != row.hash:
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
            runs = self._foreign.setdefault(row.key_id, [])
            if runs and runs[-1][1] == row.seq - 1:
                runs[-1][1] = row.seq
            else:
                runs.append([row.seq, row.seq])
        else:
            summary.verified += 1
            if self.seal.mac(row.prev_hash, body_of(row)) != row.hash:
                self._problem(
                    row.seq,
                    "altered",
                    "content does not match its seal (altered, or sealed without the key)",
                )
            elif row.action == KEY_REPLACED:
                self._retirements.append(retirement_of(row))

    def _settle_foreign(self) -> None:
        """Entries of keys not held here: retired (a warning) when a verified replacement entry
        after them names their key; else another key's, which fails an anchored chain (this
        kiosk's own: its entries must be sealed with its key) and is only counted otherwise (a
        chain of another kiosk on a shared back end)."""
        summary = self.summary
        for key_id, runs in self._foreign.items():
            retired_at = [r for r in self._retirements if key_id in r.key_ids]
            last = max(retired_at, key=lambda r: r.seq) if retired_at else None
            cut = last.seq if last is not None else 0
            before = [(a, min(b, cut - 1)) for a, b in runs if a < cut]
            after = [(max(a, cut), b) for a, b in runs if b >= cut]
            if before and last is not None:
                count = sum(b - a + 1 for a, b in before)
                summary.retired.append(RetiredEntries(key_id, tuple(before), count, last))
            for first, end in after:
                if summary.anchored is None:
                    summary.other_keys[key_id] += end - first + 1
                    continue
                which = f"entries {first}..{end} are" if end != first else "is"
                self._problem(
                    first,
                    "other_key",
                    f"{which} sealed with key {key_id}, not this kiosk's key "
                    f"{self.seal.key_id if self.seal else '?'}",
                )

    def close(self) -> ChainSummary:
        self._settle_foreign()
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

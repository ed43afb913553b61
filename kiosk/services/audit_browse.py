"""The audit log for staff: pages of it under filters (day range, actor kind, action, outcome)
and the integrity check (kiosk.store.audit_verify) with its result as plain data for a screen
(what was found, by kind, for the screen to word). Looking at the log under a filter and running
the check are themselves audited, with the staff user as actor."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

from kiosk.domain.day_report import day_bounds
from kiosk.domain.journal import ActorKind, AuditEntry, Outcome
from kiosk.services.context import KioskContext
from kiosk.store.audit_verify import verify_audit_chains
from kiosk.store.db import read_session
from kiosk.store.repositories.day import AuditPageRepository, AuditQuery
from kiosk.store.seal import AuditAnchorError

log = logging.getLogger(__name__)

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200  # a screen never asks the database for the whole log at once
MAX_DAYS = 366  # the widest day range one filter may span


class BadAuditFilter(ValueError):
    """A filter a screen should not have offered: the message says which part."""


@dataclass(frozen=True)
class AuditFilter:
    """Days are local (China) dates, both ends included; None leaves that part open."""

    first_day: dt.date | None = None
    last_day: dt.date | None = None
    actor_kind: ActorKind | None = None
    action: str | None = None
    outcome: Outcome | None = None

    def described(self) -> dict[str, object]:
        """The filter as an audit entry's detail: only the parts that are set."""
        parts: dict[str, object] = {
            "first_day": self.first_day.isoformat() if self.first_day else None,
            "last_day": self.last_day.isoformat() if self.last_day else None,
            "actor_kind": self.actor_kind.value if self.actor_kind else None,
            "action": self.action,
            "outcome": self.outcome.value if self.outcome else None,
        }
        return {key: value for key, value in parts.items() if value is not None}

    def query(self, chain: str | None) -> AuditQuery:
        if self.first_day and self.last_day:
            if self.last_day < self.first_day:
                raise BadAuditFilter("the last day is before the first day")
            if (self.last_day - self.first_day).days >= MAX_DAYS:
                raise BadAuditFilter(f"a day range spans at most {MAX_DAYS} days")
        action = self.action.strip() if self.action else None
        if action is not None and (len(action) > 64 or not action.isprintable()):
            raise BadAuditFilter("an action is a short printable name")
        return AuditQuery(
            since=day_bounds(self.first_day)[0] if self.first_day else None,
            until=day_bounds(self.last_day)[1] if self.last_day else None,
            actor_kind=self.actor_kind,
            action=action or None,
            outcome=self.outcome,
            chain=chain,
        )


@dataclass(frozen=True)
class AuditPage:
    entries: tuple[AuditEntry, ...]
    # Hand back to `page()` for the next (older) page; None: this was the last one.
    next_cursor: int | None


@dataclass(frozen=True)
class ChainState:
    chain: str
    entries: int
    last_seq: int
    verified: int
    legacy: int
    not_verifiable: int  # sealed with a key not held here (another kiosk's, or a retired one)
    anchored_seq: int | None = None  # the last entry the anchor file recorded; None: not anchored


@dataclass(frozen=True)
class CheckProblem:
    """One thing the check found wrong, for a screen to put in its own words by `kind`
    (kiosk.store.audit_verify.AuditProblem's kinds: altered, missing, broken_link, ...)."""

    chain: str
    seq: int | None  # the entry it concerns, where there is one
    kind: str
    text: str  # the check's own sentence (English), as `kiosk db check` prints it


@dataclass(frozen=True)
class RetiredKeyNote:
    """Entries sealed with a key that was replaced (`kiosk audit new-key`): on the record, but
    no longer verifiable. A warning, not a failure."""

    chain: str
    key_id: str
    entries: int
    replaced_at: int  # the entry that replaced the key


@dataclass(frozen=True)
class AuditCheck:
    """The integrity check's result, as a screen shows it."""

    ok: bool
    checked_at: dt.datetime
    chains: tuple[ChainState, ...]
    problems: tuple[str, ...]  # one sentence each; empty when ok
    warnings: tuple[str, ...]  # retired keys' entries: not verifiable, on the record
    found: tuple[CheckProblem, ...] = ()  # the problems, as data
    retired: tuple[RetiredKeyNote, ...] = ()  # the warnings, as data


class AuditBrowser:
    def __init__(self, context: KioskContext) -> None:
        self.context = context

    def page(
        self,
        audit_filter: AuditFilter = AuditFilter(),
        *,
        cursor: int | None = None,
        size: int = PAGE_SIZE,
        this_kiosk_only: bool = True,
        viewer: str | None = None,
    ) -> AuditPage:
        """One page of entries, newest first. `size` is held to 1..MAX_PAGE_SIZE. Raises
        BadAuditFilter. A `viewer` (a staff login) is audited as "audit.viewed" with the
        filter, once the page was read: a screen names one when the log is opened or filtered,
        not for every page turned."""
        size = max(1, min(size, MAX_PAGE_SIZE))
        chain = self.context.kiosk.kiosk_id if this_kiosk_only else None
        query = audit_filter.query(chain)
        with read_session(self.context.engine) as session:
            # One more than asked: whether there is a next page, without counting the log.
            rows = AuditPageRepository(session).page(query, before_id=cursor, size=size + 1)
        more = len(rows) > size
        rows = rows[:size]
        if viewer is not None:
            self._audit(viewer, "audit.viewed", Outcome.OK, audit_filter.described())
        return AuditPage(tuple(e for _, e in rows), rows[-1][0] if more else None)

    def actions(self) -> list[str]:
        """The action names in the log, for the filter's choices."""
        with read_session(self.context.engine) as session:
            return AuditPageRepository(session).actions()

    def check(self, *, actor: str) -> AuditCheck:
        """Walk every chain and hold it to the anchor file, as `kiosk db check` does; audited
        as "audit.checked" (FAILED when problems were found)."""
        ctx = self.context
        seal = ctx.audit_seal
        with read_session(ctx.engine) as session:
            result = verify_audit_chains(session, seal=seal, anchor=seal.anchor)
        chains = tuple(
            ChainState(
                chain=c.chain,
                entries=c.entries,
                last_seq=c.last_seq,
                verified=c.verified,
                legacy=c.legacy,
                not_verifiable=c.without_key + sum(c.other_keys.values()),
                anchored_seq=c.anchored.seq if c.anchored is not None else None,
            )
            for c in result.chains
        )
        warnings = tuple(
            f"chain {c.chain}: {retired.describe()}" for c in result.chains for retired in c.retired
        )
        check = AuditCheck(
            ok=not result.problems,
            checked_at=ctx.now(),
            chains=chains,
            problems=tuple(str(p) for p in result.problems),
            warnings=warnings,
            found=tuple(CheckProblem(p.chain, p.seq, p.kind, p.message) for p in result.problems),
            retired=tuple(
                RetiredKeyNote(c.chain, r.key_id, r.entries, r.retirement.seq)
                for c in result.chains
                for r in c.retired
            ),
        )
        self._audit(
            actor,
            "audit.checked",
            Outcome.OK if check.ok else Outcome.FAILED,
            {"problems": len(check.problems), "chains": len(chains)},
            at=check.checked_at,
        )
        return check

    def _audit(
        self,
        actor: str,
        action: str,
        outcome: Outcome,
        detail: dict[str, object],
        *,
        at: dt.datetime | None = None,
    ) -> None:
        """Record what the staff user looked at. A log that cannot be written to is logged,
        not raised: what was read stands, and the next attempt is audited."""
        ctx = self.context
        try:
            with ctx.uow() as uow:
                uow.audit.append(
                    chain=ctx.kiosk.kiosk_id,
                    actor_kind=ActorKind.STAFF,
                    actor=actor,
                    action=action,
                    outcome=outcome,
                    at=at or ctx.now(),
                    detail=detail,
                )
                uow.commit()
        except (SQLAlchemyError, AuditAnchorError) as exc:
            log.warning("%s_audit_failed error=%s", action, type(exc).__name__)

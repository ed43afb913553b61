"""The audit log for staff: pages of it under filters (day range, actor kind, action, outcome)
and the integrity check (kiosk.store.audit_verify) with its result as plain data for a screen.
Running the check is itself audited, with the staff user as actor."""

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


@dataclass(frozen=True)
class AuditCheck:
    """The integrity check's result, as a screen shows it."""

    ok: bool
    checked_at: dt.datetime
    chains: tuple[ChainState, ...]
    problems: tuple[str, ...]  # one sentence each; empty when ok
    warnings: tuple[str, ...]  # retired keys' entries: not verifiable, on the record


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
    ) -> AuditPage:
        """One page of entries, newest first. `size` is held to 1..MAX_PAGE_SIZE. Raises
        BadAuditFilter."""
        size = max(1, min(size, MAX_PAGE_SIZE))
        chain = self.context.kiosk.kiosk_id if this_kiosk_only else None
        query = audit_filter.query(chain)
        with read_session(self.context.engine) as session:
            # One more than asked: whether there is a next page, without counting the log.
            rows = AuditPageRepository(session).page(query, before_id=cursor, size=size + 1)
        more = len(rows) > size
        rows = rows[:size]
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
        )
        try:
            with ctx.uow() as uow:
                uow.audit.append(
                    chain=ctx.kiosk.kiosk_id,
                    actor_kind=ActorKind.STAFF,
                    actor=actor,
                    action="audit.checked",
                    outcome=Outcome.OK if check.ok else Outcome.FAILED,
                    at=check.checked_at,
                    detail={"problems": len(check.problems), "chains": len(chains)},
                )
                uow.commit()
        except (SQLAlchemyError, AuditAnchorError) as exc:
            log.warning("audit.check_audit_failed error=%s", type(exc).__name__)
        return check

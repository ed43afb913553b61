"""A technician's action in the kiosk's audit log (S5: every technician action is audited with
the technician as actor): the self-test, the test page, the card bench, the bundle, leaving
kiosk mode, taking the kiosk out of service and back. One function records them all,
`record_technician_action`, with the actor's own kind: a technician's login is a TECHNICIAN,
an administrator doing a technician's job on the service screens is STAFF (as every other
entry an administrator makes), and whoever runs a `kiosk diag` command over SSH is a
TECHNICIAN named by `--by` or their system login.

The commands run without the kiosk running, so the audit log is opened for the action
(kiosk.diag_setup.open_audit) and may be out of reach; whoever records says so when it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from kiosk.domain.journal import ActorKind, AuditEntry, Outcome
from kiosk.domain.staff import StaffSession
from kiosk.store.audit import AuditRepository
from kiosk.store.seal import AuditSeal
from kiosk.store.unitofwork import UnitOfWork

ACTOR_MAX = 64  # the audit log's actor column


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts, as the audit log names them: a login (or a system user) and its kind."""

    name: str
    kind: ActorKind = ActorKind.TECHNICIAN

    @classmethod
    def of(cls, session: StaffSession) -> Actor:
        """The staff member logged in on the kiosk's screens."""
        return cls(session.login, session.actor_kind)


@dataclass(frozen=True)
class AuditTarget:
    """Where a technician's action is recorded: the kiosk's database and audit seal, its chain
    (the kiosk id), and who acts."""

    engine: Engine
    seal: AuditSeal
    chain: str
    actor: Actor


def append_technician_action(
    audit: AuditRepository,
    chain: str,
    actor: Actor,
    action: str,
    outcome: Outcome,
    detail: dict[str, object],
    at: dt.datetime,
) -> AuditEntry:
    """Append the entry inside a unit of work the caller commits (an action that changes
    something else in the same transaction: the kiosk's service state)."""
    return audit.append(
        chain=chain,
        actor_kind=actor.kind,
        actor=actor.name[:ACTOR_MAX],
        action=action,
        outcome=outcome,
        at=at,
        detail=detail,
    )


def record_technician_action(
    target: AuditTarget,
    action: str,
    outcome: Outcome,
    detail: dict[str, object],
    at: dt.datetime,
) -> AuditEntry:
    """Append one entry to the kiosk's audit chain with the actor of `target`, and commit it.
    Raises what the database or the seal raise (SQLAlchemyError, AuditSealError): the caller
    says so."""
    with UnitOfWork(target.engine, target.seal) as uow:
        entry = append_technician_action(
            uow.audit, target.chain, target.actor, action, outcome, detail, at
        )
        uow.commit()
    return entry

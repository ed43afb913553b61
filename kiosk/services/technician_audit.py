"""A technician's action in the kiosk's audit log (S5: every technician action is audited with
the technician as actor): the test page, the bundle, and whatever diagnostics changes next.

The commands run without the kiosk running, so the audit log is opened for the action
(kiosk.diag_setup.open_audit) and may be out of reach; whoever records says so when it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from kiosk.domain.journal import ActorKind, Outcome
from kiosk.store.seal import AuditSeal
from kiosk.store.unitofwork import UnitOfWork


@dataclass(frozen=True)
class AuditTarget:
    """Where a technician's action is recorded: the kiosk's database and audit seal, its chain
    (the kiosk id), and who acts (a technician's login)."""

    engine: Engine
    seal: AuditSeal
    chain: str
    actor: str


def record_technician_action(
    target: AuditTarget,
    action: str,
    outcome: Outcome,
    detail: dict[str, object],
    at: dt.datetime,
) -> None:
    """Append one entry to the kiosk's audit chain with the technician as actor. Raises what
    the database or the seal raise (SQLAlchemyError, AuditSealError): the caller says so."""
    with UnitOfWork(target.engine, target.seal) as uow:
        uow.audit.append(
            chain=target.chain,
            actor_kind=ActorKind.TECHNICIAN,
            actor=target.actor,
            action=action,
            outcome=outcome,
            at=at,
            detail=detail,
        )
        uow.commit()

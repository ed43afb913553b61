"""Out of service for maintenance, and back in service: a technician or an administrator takes
the kiosk out of service (on the service menu, or `kiosk diag service out` over SSH), citizens
see the out-of-service screen with the reason E-MAINTENANCE while the service entry still
opens, and Return to service (`kiosk diag service in`) puts it back.

The state is the kiosk's row in `kiosk_service`, so it survives a restart, and each change is
an audit entry with the staff member (or the command's `--by`) as actor, in the same
transaction: the state never changes unrecorded. Setting the state it already has changes and
records nothing. A running kiosk reads the state at start-up and at each back end check
(kiosk.app), so a change made from the command line shows within that check's interval.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from kiosk.domain.journal import Outcome
from kiosk.domain.outage import ServiceState
from kiosk.services.technician_audit import AuditTarget, append_technician_action
from kiosk.store.repositories.service import ServiceStateRepository
from kiosk.store.unitofwork import UnitOfWork

log = logging.getLogger(__name__)

TAKEN_OUT = "kiosk.out_of_service"  # the audit action: out of service for maintenance
RETURNED = "kiosk.back_in_service"  # ... and returned to service


@dataclass(frozen=True, slots=True)
class ServiceChange:
    """The state after the request, and whether it changed (False: it already was so, and
    nothing was recorded); `seq` is the audit entry's number when it changed."""

    state: ServiceState
    changed: bool
    seq: int | None = None


def read_service_state(engine: Engine, kiosk_id: str) -> ServiceState:
    """The kiosk's state now (in service when never set). Raises the database's errors."""
    with Session(engine) as session:
        return ServiceStateRepository(session).get(kiosk_id)


def set_in_service(target: AuditTarget, in_service: bool, at: dt.datetime) -> ServiceChange:
    """Put the kiosk of `target` (its chain is the kiosk id) in service or out of it, recorded
    with `target`'s actor. Raises the database's or the seal's errors, with nothing changed."""
    with UnitOfWork(target.engine, target.seal) as uow:
        before = uow.service.get(target.chain)
        if before.in_service == in_service:
            return ServiceChange(before, changed=False)
        uow.service.set(target.chain, in_service=in_service, at=at, by=target.actor.name)
        detail: dict[str, object] = {
            "since": before.since.isoformat() if before.since else None,
            "previous_by": before.by,
        }
        entry = append_technician_action(
            uow.audit,
            target.chain,
            target.actor,
            RETURNED if in_service else TAKEN_OUT,
            Outcome.OK,
            detail,
            at,
        )
        uow.commit()
    log.info(
        "%s by=%s", RETURNED if in_service else TAKEN_OUT, target.actor.kind.value
    )  # the login is in the audit entry, not the log
    state = ServiceState(in_service, at, target.actor.name[:64])
    return ServiceChange(state, changed=True, seq=entry.seq)

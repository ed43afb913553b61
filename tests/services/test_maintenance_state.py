"""Out of service for maintenance in the database: in service until set, each change one row
and one audit entry in the same transaction with the actor's own kind, setting the state it
already has records nothing, and a change the audit log cannot take changes nothing. On
SQLite and, where it answers, PostgreSQL (the `engine` fixture)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from kiosk.domain.journal import ActorKind, Outcome
from kiosk.domain.outage import Reason, ServiceState
from kiosk.services.maintenance import (
    RETURNED,
    TAKEN_OUT,
    read_service_state,
    set_in_service,
)
from kiosk.services.technician_audit import Actor, AuditTarget
from kiosk.store.audit import AuditRepository
from kiosk.store.db import read_session
from kiosk.store.seal import AnchorLog, AuditAnchorError, AuditSeal

T0 = dt.datetime(2026, 12, 5, 6, 30, tzinfo=dt.UTC)
KIOSK = "BJCY01"


def actions(engine: Engine) -> list[tuple[str, ActorKind, str, Outcome]]:
    with read_session(engine) as session:
        found = reversed(AuditRepository(session).entries(chain=KIOSK))
        return [(e.action, e.actor_kind, e.actor, e.outcome) for e in found]


def test_out_and_back_each_recorded_once(engine: Engine, audit_seal: AuditSeal) -> None:
    assert read_service_state(engine, KIOSK) == ServiceState()  # never set: in service
    tech = AuditTarget(engine, audit_seal, KIOSK, Actor("tech1"))
    out = set_in_service(tech, False, T0)
    assert out.changed and out.seq == 1
    assert out.state == ServiceState(False, T0, "tech1")
    assert read_service_state(engine, KIOSK) == out.state
    outage = out.state.outage()
    assert outage is not None and (outage.reason, outage.since) == (Reason.MAINTENANCE, T0)
    again = set_in_service(tech, False, T0 + dt.timedelta(minutes=1))
    assert not again.changed and again.state == out.state  # nothing new, nothing recorded
    admin = AuditTarget(engine, audit_seal, KIOSK, Actor("admin1", ActorKind.STAFF))
    back = set_in_service(admin, True, T0 + dt.timedelta(hours=1))
    assert back.changed and back.state.in_service and back.state.outage() is None
    assert read_service_state(engine, "OTHER1") == ServiceState()  # per kiosk
    assert actions(engine) == [
        (TAKEN_OUT, ActorKind.TECHNICIAN, "tech1", Outcome.OK),
        (RETURNED, ActorKind.STAFF, "admin1", Outcome.OK),
    ]


def test_a_change_the_audit_log_cannot_take_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "anchor-is-a-folder").mkdir()
    broken = AuditSeal(b"k" * 32, AnchorLog(tmp_path / "anchor-is-a-folder"))
    target = AuditTarget(engine, broken, KIOSK, Actor("tech1"))
    with pytest.raises(AuditAnchorError):
        set_in_service(target, False, T0)
    assert read_service_state(engine, KIOSK) == ServiceState()
    assert actions(engine) == []

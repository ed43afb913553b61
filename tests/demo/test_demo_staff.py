"""The demo's staff accounts: one clerk and one technician with the README's demo passwords,
seeded once (a second seed changes nothing)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kiosk.demo.seed import DEMO_STAFF, seed_demo, seed_demo_staff
from kiosk.domain.journal import AccountRole
from kiosk.domain.staff import StaffSession
from kiosk.services.staff_auth import StaffAuth
from kiosk.store import models as m
from kiosk.store.db import read_session
from kiosk.store.seal import AuditSeal


def _rows(engine: Engine) -> list[tuple[str, AccountRole, str, bool]]:
    with read_session(engine) as s:
        query = sa.select(
            m.StaffAccount.login, m.StaffAccount.role, m.StaffAccount.password_hash,
            m.StaffAccount.active,
        ).order_by(m.StaffAccount.login)  # fmt: skip
        return [tuple(row) for row in s.execute(query)]  # type: ignore[misc]


def test_demo_staff_log_in_with_the_documented_passwords(
    demo_engine: Engine, audit_seal: AuditSeal
) -> None:
    rows = _rows(demo_engine)
    assert [(login, role) for login, role, _, _ in rows] == [
        ("admin", AccountRole.ADMINISTRATOR),
        ("clerk", AccountRole.CLERK),
        ("tech", AccountRole.TECHNICIAN),
    ]
    assert all(h.startswith("$argon2id$") and active for _, _, h, active in rows)
    auth = StaffAuth(demo_engine, audit_seal, "DEMO", clock=lambda: dt.datetime.now(dt.UTC))
    for login, role, _, password in DEMO_STAFF:
        session = auth.login(login, bytearray(password.encode()))
        assert isinstance(session, StaffSession) and session.role is role
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    for login, _, _, password in DEMO_STAFF:
        assert f"`{login}`" in readme and f"`{password}`" in readme


def test_a_second_seed_changes_nothing(demo_engine: Engine) -> None:
    before = _rows(demo_engine)
    assert seed_demo_staff(demo_engine) == []
    assert seed_demo(demo_engine).staff_added == []
    assert _rows(demo_engine) == before

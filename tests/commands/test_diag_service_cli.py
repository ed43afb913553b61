"""`kiosk diag service out|in|status` through the real entry point on the demo set-up in a
private home: no database yet is refused in one line (nothing made), out and in are audited
with --by (or the login name) as technician, asking for the state it already has records
nothing, and --json says the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from cli_helpers import kiosk, one_line, private_env

from kiosk import exit_codes
from kiosk.store import models as m
from kiosk.store.db import create_engine


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return private_env(tmp_path / "home")


def demo_data(tmp_path: Path) -> Path:
    return tmp_path / "home" / "data" / "sscard-kiosk" / "demo"


def service_entries(data: Path) -> list[tuple[str, str, str]]:
    engine = create_engine(f"sqlite:///{data / 'kiosk.db'}")
    try:
        e = m.AuditLogEntry
        with engine.connect() as connection:
            rows = connection.execute(
                sa.select(e.action, e.actor_kind, e.actor)
                .where(e.action.in_(["kiosk.out_of_service", "kiosk.back_in_service"]))
                .order_by(e.seq)
            ).all()
    finally:
        engine.dispose()
    return [(action, kind.value, actor) for action, kind, actor in rows]


def test_no_database_yet_is_said_in_one_line(env: dict[str, str], tmp_path: Path) -> None:
    done = kiosk("--demo", "diag", "service", "out", env=env)
    assert done.returncode == exit_codes.UNAVAILABLE
    assert one_line(done).startswith("Nothing done: the kiosk has no database yet")
    assert not (demo_data(tmp_path) / "kiosk.db").exists()


def test_out_and_in_audited_with_the_technician(env: dict[str, str], tmp_path: Path) -> None:
    assert kiosk("--demo", "db", "upgrade", env=env).returncode == exit_codes.OK
    done = kiosk("--demo", "diag", "service", env=env)  # status, the default
    assert (done.returncode, done.stdout) == (exit_codes.OK, "In service.\n")

    done = kiosk("--demo", "diag", "service", "out", "--by", "li.wei", env=env)
    assert done.returncode == exit_codes.OK, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Out of service for maintenance since ")
    assert lines[0].endswith("(China time), set by li.wei.")
    assert lines[1].startswith("Audit log: recorded as entry ") and "li.wei" in lines[1]

    done = kiosk("--demo", "diag", "service", "out", "--json", env=env)
    out = json.loads(done.stdout)
    assert (out["in_service"], out["by"], out["changed"]) == (False, "li.wei", False)
    done = kiosk("--demo", "diag", "service", "status", env=env)
    assert done.stdout.startswith("Out of service for maintenance since ")

    done = kiosk("--demo", "diag", "service", "in", "--json", env=env)
    back = json.loads(done.stdout)
    assert back["in_service"] and back["changed"] and back["audit_entry"] > 0
    assert service_entries(demo_data(tmp_path)) == [
        ("kiosk.out_of_service", "technician", "li.wei"),
        ("kiosk.back_in_service", "technician", back["by"]),  # the login name
    ]


def test_a_bad_word_is_usage(env: dict[str, str]) -> None:
    done = kiosk("--demo", "diag", "service", "off", env=env)
    assert done.returncode == exit_codes.USAGE
    assert "Traceback" not in done.stderr and "invalid choice" in done.stderr

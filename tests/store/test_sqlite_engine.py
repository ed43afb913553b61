"""The kiosk's SQLite settings: durable, locked up front for writes, private on disk."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa

from kiosk import config
from kiosk.store.db import (
    create_engine,
    normalize_url,
    read_session,
    redacted,
    sqlite_path,
)
from kiosk.store.migrate import upgrade
from kiosk.store.unitofwork import UnitOfWork


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_pragmas_on_every_connection(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'k.db'}")
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
            conn.rollback()
    finally:
        engine.dispose()


def test_files_are_private_even_with_a_permissive_umask(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "dir" / "kiosk.db"
    old = os.umask(0o000)
    try:
        engine = create_engine(f"sqlite:///{path}")
        upgrade(engine)
        with engine.connect() as conn:  # keep a connection open: -wal and -shm exist now
            conn.exec_driver_sql("SELECT count(*) FROM cardholders").scalar()
            files = [path, path.with_name("kiosk.db-wal"), path.with_name("kiosk.db-shm")]
            assert all(f.exists() for f in files)
            assert {f.name: _mode(f) for f in files} == {f.name: 0o600 for f in files}
            conn.rollback()
        engine.dispose()
    finally:
        os.umask(old)
    assert _mode(path.parent) == 0o700


def test_an_existing_file_keeps_its_mode_and_check_reports_it(tmp_path: Path) -> None:
    from kiosk.store.check import check_database

    path = tmp_path / "kiosk.db"
    path.touch(mode=0o644)
    path.chmod(0o644)
    engine = create_engine(f"sqlite:///{path}")
    try:
        upgrade(engine)
        report = check_database(engine)
        assert not report.ok
        assert (
            "file mode: kiosk.db is accessible to group or others (mode 0644, want 0600)"
            in report.lines()
        )
    finally:
        engine.dispose()
    assert _mode(path) == 0o644


def test_a_write_transaction_holds_the_write_lock_from_begin(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine)
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        with UnitOfWork(engine) as uow:
            uow.session.connection()  # BEGIN, nothing written yet
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again once the unit of work is left
        other.execute("ROLLBACK")
        # A read session takes no write lock: a writer can start beside it.
        with read_session(engine) as session:
            session.execute(sa.text("SELECT count(*) FROM cards")).scalar()
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()
        engine.dispose()


def test_in_memory_database_works(tmp_path: Path) -> None:
    engine = create_engine("sqlite://")
    try:
        upgrade(engine)
        with read_session(engine) as session:
            assert session.execute(sa.text("SELECT count(*) FROM cards")).scalar() == 0
    finally:
        engine.dispose()


def test_urls() -> None:
    assert normalize_url("postgresql://u:pw@h/db").drivername == "postgresql+psycopg"
    assert normalize_url("sqlite:///x.db").drivername == "sqlite"
    assert "pw" not in redacted("postgresql://u:pw@h/db")
    assert sqlite_path("sqlite:////var/lib/k.db") == Path("/var/lib/k.db")
    assert sqlite_path("sqlite://") is None
    assert sqlite_path("sqlite:///:memory:") is None


def test_the_database_is_the_kiosk_file_unless_the_settings_name_one(tmp_path: Path) -> None:
    default = config.load_settings(environ={"KIOSK_DATA_DIR": str(tmp_path)})
    assert default.resolved_database_url == f"sqlite:///{tmp_path / 'kiosk.db'}"
    chosen = config.load_settings(environ={"KIOSK_DATABASE_URL": "postgresql://env/db"})
    assert chosen.resolved_database_url == "postgresql://env/db"

"""Engines from a URL: SQLite on the kiosk, PostgreSQL as the central back end.

Nothing is created at import; `app.py` or the CLI calls `create_engine` with the URL from settings.

SQLite is set up for a kiosk that can lose power at any moment (R5): WAL with `synchronous=FULL`
(a commit is on disk when it returns), foreign keys enforced, a busy timeout instead of instant
"database is locked", and write transactions that take the write lock at BEGIN (`BEGIN IMMEDIATE`)
so two writers queue up instead of one failing half-way. The file is created 0600 in a 0700 folder
(S7, whatever the umask) before SQLite opens it; SQLite gives its -wal and -shm files the
database file's permissions.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.orm import Session

from kiosk.store.files import Repair, create_private_file, secure_file

BUSY_TIMEOUT_MS = 10_000
# PostgreSQL: how long opening a connection may take before it fails (libpq's connect_timeout,
# unless the URL sets its own). Without it a back end behind a dropped route hangs the kiosk and
# `kiosk db` for as long as TCP keeps trying (minutes).
CONNECT_TIMEOUT_S = 10
# Execution option: a transaction that only reads. On SQLite it starts with a plain (deferred)
# BEGIN and never waits for or holds the write lock; everything else begins IMMEDIATE.
READ_ONLY = "kiosk_read_only"


def normalize_url(url: str | URL) -> URL:
    """`postgresql://` means psycopg 3 here (SQLAlchemy would pick psycopg2, not installed)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_path(url: str | URL) -> Path | None:
    """The file of a SQLite URL; None for an in-memory database or a `file:` URI."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        raise ValueError("not a SQLite URL")
    database = parsed.database
    if not database or database == ":memory:" or parsed.query.get("uri"):
        return None
    return Path(database)


def redacted(url: str | URL) -> str:
    """The URL with its password hidden, for logs and the diagnostics screen."""
    return normalize_url(url).render_as_string(hide_password=True)


def create_engine(url: str | URL, *, echo: bool = False, **kwargs: Any) -> Engine:
    """An engine for any SQLAlchemy URL, with the kiosk's SQLite settings where it is SQLite."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() != "sqlite":
        if "connect_timeout" not in parsed.query:
            connect_args = {"connect_timeout": CONNECT_TIMEOUT_S, **kwargs.pop("connect_args", {})}
            kwargs["connect_args"] = connect_args
        return sa.create_engine(parsed, echo=echo, pool_pre_ping=True, **kwargs)

    path = sqlite_path(parsed)
    if path is not None:
        create_private_file(path)
    engine = sa.create_engine(parsed, echo=echo, **kwargs)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def sqlite_files(path: Path) -> list[Path]:
    """The database file and the files SQLite keeps beside it (WAL, shared memory, journal)."""
    return [path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))]


def secure_database_files(url: str | URL) -> list[Repair]:
    """Tighten a SQLite database (and its -wal, -shm) that others may read to 0600 (S7); the
    kiosk calls this at start and logs each repair. Nothing to do for a server database.

    Kept out of `create_engine`, which `kiosk db check` also uses: the check reports the mode
    it finds rather than finding it already changed.
    """
    if not is_sqlite(url):
        return []
    path = sqlite_path(url)
    if path is None:
        return []
    return [repair for file in sqlite_files(path) if (repair := secure_file(file))]


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Take BEGIN away from the sqlite3 module; _sqlite_on_begin emits it (SQLAlchemy's recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        # busy_timeout first: switching to WAL itself may have to wait for another connection.
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    if connection.get_execution_options().get(READ_ONLY):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def sqlite_checkpoint(engine: Engine) -> None:
    """Copy the WAL into the database file and truncate it (before measuring or copying the
    file). Runs outside any transaction, where SQLite allows it."""
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
    finally:
        raw.close()


def probe_writable(engine: Engine) -> None:
    """Raise the driver's own error when nothing could be recorded now, and change nothing.

    A kiosk that starts (or goes on) on a database it can read but not write would look in
    service and then refuse every business: a read-only file or file system, a disk remounted
    read-only after an error, a PostgreSQL standby or read-only role. The probe updates the
    schema version row to itself inside a transaction it rolls back: on SQLite that takes the
    write lock and writes a page (read-only fails there); on PostgreSQL `WHERE false` touches
    no row, yet a read-only transaction or a missing right still refuses the statement.
    """
    only_check = "" if engine.dialect.name == "sqlite" else " WHERE false"
    with engine.connect() as connection:
        transaction = connection.begin()
        try:
            connection.exec_driver_sql(
                f"UPDATE alembic_version SET version_num = version_num{only_check}"
            )
        finally:
            transaction.rollback()


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A short session for lookups; it never writes, and on SQLite never waits for a writer."""
    with Session(engine, expire_on_commit=False) as session:
        # Starts the transaction now, with the read-only option in place for the BEGIN.
        session.connection(execution_options={READ_ONLY: True})
        try:
            yield session
        finally:
            session.rollback()

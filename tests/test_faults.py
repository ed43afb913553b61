"""The reason codes of the out-of-service screen: each fault, raised for real where it can be
(SQLite, PostgreSQL, Alembic, the settings, the key), classified by kiosk.faults.classify.
Tests run as root, so permission faults cannot be made here; they are the OSError the kernel
raises, built by hand. Also the retry schedule, the log's report and the reason codes' page."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import socket
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from kiosk.app import open_database
from kiosk.config import SettingsError, load_settings
from kiosk.domain.journal import ActorKind, Outcome
from kiosk.domain.outage import Reason
from kiosk.faults import (
    Backoff,
    SchemaMismatch,
    Step,
    classify,
    fault_report,
    startup_step,
    step_of,
    summary,
)
from kiosk.services.audit_seal import open_audit_seal
from kiosk.services.signing_key import SigningKeyError, load_key, load_or_create_key
from kiosk.store.db import create_engine
from kiosk.store.files import PrivateFileError, make_private_dir
from kiosk.store.seal import AuditAnchorError, AuditKeyMissing, SealFiles
from kiosk.store.unitofwork import UnitOfWork

ROOT = Path(__file__).resolve().parent.parent


def raised(action: Callable[[], object]) -> BaseException:
    """What `action` raises (it must raise)."""
    with pytest.raises(Exception) as info:
        action()
    return info.value


def open_kiosk_database(tmp_path: Path, url: str) -> BaseException:
    """What the kiosk's start-up raises opening `url` (demo settings in `tmp_path`)."""
    settings = load_settings(
        environ={}, data_dir=tmp_path / "data", log_dir=tmp_path / "log", database_url=url
    )
    return raised(lambda: open_database(settings).dispose())


@pytest.fixture
def good_db(tmp_path: Path) -> Path:
    path = tmp_path / "good.db"
    settings = load_settings(
        environ={}, data_dir=tmp_path, log_dir=tmp_path / "log", database_url=f"sqlite:///{path}"
    )
    engine = open_database(settings)
    engine.dispose()  # checkpoints the WAL into the file
    return path


# SQLite ----------------------------------------------------------------------------------------


def test_a_file_of_random_bytes_is_a_corrupt_database(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    path.write_bytes(os.urandom(16384))
    error = open_kiosk_database(tmp_path, f"sqlite:///{path}")
    assert classify(error, Step.DATABASE) is Reason.DB_CORRUPT
    assert summary(error) == "DatabaseError: file is not a database"


def test_a_truncated_database_is_corrupt(tmp_path: Path, good_db: Path) -> None:
    data = good_db.read_bytes()
    good_db.write_bytes(data[: len(data) // 3])
    error = open_kiosk_database(tmp_path, f"sqlite:///{good_db}")
    assert classify(error, Step.DATABASE) is Reason.DB_CORRUPT


def test_a_database_migrated_by_a_newer_program_is_a_schema_fault(
    tmp_path: Path, good_db: Path
) -> None:
    with sqlite3.connect(good_db) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'f00dfeed1234'")
    error = open_kiosk_database(tmp_path, f"sqlite:///{good_db}")
    assert classify(error, Step.DATABASE) is Reason.DB_SCHEMA
    assert classify(SchemaMismatch("revision x, this program y"), Step.CHECK) is Reason.DB_SCHEMA


def test_writing_a_read_only_database_is_read_only(good_db: Path) -> None:
    # What SQLite raises for a read-only file or folder; here through a read-only open, as root
    # may write any file.
    connection = sqlite3.connect(f"file:{good_db}?mode=ro", uri=True)
    error = raised(lambda: connection.execute("CREATE TABLE t (a)"))
    connection.close()
    assert str(error) == "attempt to write a readonly database"
    assert classify(error, Step.DATABASE) is Reason.DB_READONLY
    # Also without SQLite's result code, by its message, and wrapped by SQLAlchemy.
    bare = sqlite3.OperationalError("attempt to write a readonly database")
    assert classify(bare, Step.DATABASE) is Reason.DB_READONLY
    engine = sa.create_engine(f"sqlite:///file:{good_db}?mode=ro&uri=true")
    with engine.connect() as conn:
        wrapped = raised(lambda: conn.exec_driver_sql("CREATE TABLE t (a)"))
    engine.dispose()
    assert isinstance(wrapped, sa.exc.OperationalError)
    assert classify(wrapped, Step.CHECK) is Reason.DB_READONLY


def test_a_database_that_cannot_be_opened_is_the_data_folder(tmp_path: Path) -> None:
    error = raised(lambda: sqlite3.connect(tmp_path / "no" / "such" / "folder.db"))
    assert classify(error, Step.DATABASE) is Reason.DATA_DIR


def test_a_full_database_is_a_full_disk(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "small.db")
    connection.execute("CREATE TABLE t (a)")
    connection.execute("PRAGMA max_page_count = 3")  # what a full disk looks like to SQLite
    error = raised(lambda: connection.execute("INSERT INTO t VALUES (zeroblob(100000))"))
    connection.close()
    assert "full" in str(error)
    assert classify(error, Step.DATABASE) is Reason.DISK_FULL


def test_a_database_locked_by_another_process_is_unreachable_for_now(tmp_path: Path) -> None:
    holder = sqlite3.connect(tmp_path / "locked.db", isolation_level=None)
    holder.execute("CREATE TABLE t (a)")
    holder.execute("BEGIN EXCLUSIVE")
    waiter = sqlite3.connect(tmp_path / "locked.db", timeout=0)
    error = raised(lambda: waiter.execute("SELECT * FROM t"))
    holder.close()
    waiter.close()
    assert classify(error, Step.CHECK) is Reason.DB_UNREACHABLE


# PostgreSQL and URLs ---------------------------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_closed_postgresql_port_is_unreachable(tmp_path: Path) -> None:
    url = f"postgresql://kiosk@127.0.0.1:{closed_port()}/sscard"
    error = open_kiosk_database(tmp_path, url)
    assert classify(error, Step.DATABASE) is Reason.DB_UNREACHABLE
    assert summary(error).startswith("OperationalError: connection failed")


def test_a_read_only_postgresql_transaction_is_read_only(postgres_factory, tmp_path) -> None:
    url = postgres_factory.new("empty", tmp_path)
    engine = create_engine(url)
    with engine.connect() as connection:
        connection.exec_driver_sql("SET TRANSACTION READ ONLY")
        error = raised(lambda: connection.exec_driver_sql("CREATE TABLE t (a int)"))
    engine.dispose()
    assert classify(error, Step.DATABASE) is Reason.DB_READONLY


def test_a_database_url_that_names_no_database_kind_is_a_setting(tmp_path: Path) -> None:
    # Refused as the settings are loaded, before any database is opened.
    error = raised(lambda: load_settings(environ={}, database_url="nosuch://x"))
    assert isinstance(error, SettingsError)
    assert classify(error, Step.SETTINGS) is Reason.CONFIG


# Folders, files and the settings ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "reason"),
    [
        (Step.LOG, Reason.LOG),
        (Step.DATABASE, Reason.DATA_DIR),
        (Step.PRINTER, Reason.DATA_DIR),
        (Step.KEY, Reason.KEY),
        (Step.SETTINGS, Reason.CONFIG),
    ],
)
@pytest.mark.parametrize("code", [errno.EACCES, errno.EROFS, errno.EPERM])
def test_a_folder_that_cannot_be_written_is_the_step_s_fault(
    step: Step, reason: Reason, code: int
) -> None:
    # OSError(errno, ...) is what the kernel's refusal raises (PermissionError for EACCES).
    error = OSError(code, os.strerror(code), "/var/lib/sscard-kiosk")
    assert classify(error, step) is reason


@pytest.mark.parametrize(
    ("step", "reason"), [(Step.LOG, Reason.LOG), (Step.DATABASE, Reason.DATA_DIR)]
)
def test_a_folder_that_cannot_be_made_private_is_the_step_s_fault(
    tmp_path: Path, step: Step, reason: Reason
) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    error = raised(lambda: make_private_dir(blocker / "kiosk"))
    assert isinstance(error, PrivateFileError)
    assert classify(error, step) is reason


@pytest.mark.parametrize("step", list(Step))
def test_no_space_left_is_a_full_disk_whatever_the_step(step: Step) -> None:
    assert classify(OSError(errno.ENOSPC, "No space left on device"), step) is Reason.DISK_FULL


def test_an_invalid_setting_is_a_setting(tmp_path: Path) -> None:
    error = raised(lambda: load_settings(environ={"KIOSK_IDLE_SECONDS": "soon"}))
    assert isinstance(error, SettingsError)
    assert classify(error, Step.SETTINGS) is Reason.CONFIG
    assert classify(error, Step.DATABASE) is Reason.CONFIG  # whatever step raised it


def test_an_unsafe_or_damaged_key_is_the_key(tmp_path: Path) -> None:
    key = tmp_path / "voucher-signing.key"
    load_or_create_key(key)
    key.chmod(0o644)
    unsafe = raised(lambda: load_key(key))
    key.chmod(0o600)
    key.write_text("not a key\n")
    damaged = raised(lambda: load_key(key))
    for error in (unsafe, damaged):
        assert isinstance(error, SigningKeyError)
        assert classify(error, Step.KEY) is Reason.KEY


def test_a_missing_audit_key_is_the_key_and_an_anchor_that_cannot_be_opened_the_folder(
    tmp_path: Path,
) -> None:
    settings = load_settings(environ={}, kiosk_id="BJCY01", data_dir=tmp_path / "data")
    engine = open_database(settings)
    try:
        files = SealFiles.in_folder(settings.data_dir)
        seal = open_audit_seal(engine, files, "BJCY01")
        with UnitOfWork(engine, seal) as uow:
            uow.audit.append(
                chain="BJCY01",
                actor_kind=ActorKind.SYSTEM,
                actor="kiosk",
                action="kiosk.started",
                outcome=Outcome.OK,
                at=dt.datetime.now(dt.UTC),
            )
            uow.commit()
        files.key.unlink()
        missing = raised(lambda: open_audit_seal(engine, files, "BJCY01"))
        assert isinstance(missing, AuditKeyMissing)
        assert classify(missing, Step.KEY) is Reason.KEY
        elsewhere = SealFiles.in_folder(tmp_path / "other")
        elsewhere.anchor.mkdir(parents=True)  # a folder where the anchor file should be
        unopenable = raised(lambda: open_audit_seal(engine, elsewhere, "OTHER1"))
        assert isinstance(unopenable, AuditAnchorError)
        assert classify(unopenable, Step.KEY) is Reason.DATA_DIR
    finally:
        engine.dispose()


def test_anything_else_is_internal_and_a_bad_printer_queue_a_setting() -> None:
    assert classify(RuntimeError("a bug"), Step.WIRING) is Reason.INTERNAL
    assert classify(KeyError("x"), Step.DATABASE) is Reason.INTERNAL
    assert classify(ValueError("a CUPS queue name has no spaces"), Step.PRINTER) is Reason.CONFIG
    assert classify(RuntimeError("log file unsafe"), Step.LOG) is Reason.LOG


# Steps, the log's report, the retry schedule ----------------------------------------------------


def test_a_step_marks_what_it_lets_through_without_changing_it() -> None:
    error = SigningKeyError("voucher signing key file k does not exist", Path("k"))
    with pytest.raises(SigningKeyError) as info, startup_step(Step.KEY):
        raise error
    assert info.value is error
    assert step_of(info.value) is Step.KEY
    inner = SigningKeyError("voucher signing key file k is not a regular file", Path("k"))
    with pytest.raises(SigningKeyError), startup_step(Step.DATABASE), startup_step(Step.KEY):
        raise inner
    assert step_of(inner) is Step.KEY  # the step it was raised in, not an outer one
    assert step_of(RuntimeError()) is Step.WIRING


def test_the_report_has_the_traceback_and_no_sql_parameters(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'p.db'}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE person (id_number TEXT UNIQUE)")
        connection.exec_driver_sql("INSERT INTO person VALUES ('110105198506120173')")
    with engine.begin() as connection:
        error = raised(
            lambda: connection.execute(
                sa.text("INSERT INTO person VALUES (:n)"), {"n": "110105198506120173"}
            )
        )
    engine.dispose()
    assert "110105198506120173" in str(error)  # what SQLAlchemy would have logged
    report = fault_report(error)
    assert report.startswith("Traceback (most recent call last):")
    assert "UNIQUE constraint failed" in report
    assert "110105198506120173" not in report


def test_the_retries_back_off_from_5_to_60_seconds() -> None:
    backoff = Backoff()
    assert [backoff.delay(n) for n in range(6)] == [5, 10, 20, 40, 60, 60]
    assert backoff.delay(100_000) == 60  # days out of service: no overflow


# The reason codes' page ------------------------------------------------------------------------


def test_every_reason_code_is_documented_once() -> None:
    page = (ROOT / "docs" / "out-of-service.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(E-[A-Z-]+)` \|", page, re.M)
    assert sorted(rows) == sorted(reason.code for reason in Reason)
    assert len(rows) == len(set(rows))

"""Why the kiosk cannot serve, as a reason code: `classify` turns whatever start-up (or the back
end check while serving) raised into a kiosk.domain.outage.Reason, knowing which step was
under way (`Step`: a PermissionError means one thing for the log folder, another for the key).

Pure functions of the exception, no Qt: the start-up supervisor (kiosk.startup) calls them, and
tests/test_faults.py feeds them the exceptions the real faults raise. Also here: `fault_report`,
the full reason for the log (the traceback, with SQL parameters hidden: S1), and `Backoff`, the
retry schedule. Part of the composition root, beside app.py and config.py: it knows the
settings' and the key's error types, which the layers below may not import.
"""

from __future__ import annotations

import enum
import errno
import sqlite3
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from kiosk.config import SettingsError
from kiosk.domain.outage import Reason
from kiosk.services.signing_key import SigningKeyError
from kiosk.store.files import PrivateFileError
from kiosk.store.seal import AuditAnchorError, AuditSealError


class Step(enum.Enum):
    """What start-up was doing when it failed."""

    SETTINGS = "settings"
    LOG = "log"
    DATABASE = "database"  # creating, opening, migrating (and, in the demo, seeding) it
    PRINTER = "printer"
    KEY = "key"  # the audit seal, the voucher signing key (and the business service made with it)
    READER = "reader"
    WIRING = "wiring"  # the controller and the screens: only a fault in the program fails here
    CHECK = "check"  # the back end check while serving


class SchemaMismatch(RuntimeError):
    """The database's schema revision is not the one this program migrated it to: another
    (newer) kiosk program has upgraded a shared back end, or the database was replaced."""


@contextmanager
def startup_step(step: Step) -> Iterator[None]:
    """Marks an exception leaving the block with the step it left from (see `step_of`) and
    lets it through unchanged: a caller expecting a SigningKeyError still gets one."""
    try:
        yield
    except Exception as exc:
        if getattr(exc, _STEP_ATTRIBUTE, None) is None:
            with suppress(AttributeError):  # an exception type without a __dict__
                setattr(exc, _STEP_ATTRIBUTE, step)
                exc.add_note(f"(kiosk start-up step: {step.value})")
        raise


def step_of(exc: BaseException, default: Step = Step.WIRING) -> Step:
    """The step `exc` was raised in, as `startup_step` marked it."""
    step = getattr(exc, _STEP_ATTRIBUTE, None)
    return step if isinstance(step, Step) else default


_STEP_ATTRIBUTE = "kiosk_startup_step"

# SQLite's primary result codes (sqlite3.SQLITE_* since Python 3.11) and what each means here.
_SQLITE_CODES = {
    sqlite3.SQLITE_READONLY: Reason.DB_READONLY,
    sqlite3.SQLITE_PERM: Reason.DB_READONLY,
    sqlite3.SQLITE_CORRUPT: Reason.DB_CORRUPT,
    sqlite3.SQLITE_NOTADB: Reason.DB_CORRUPT,
    sqlite3.SQLITE_FULL: Reason.DISK_FULL,
    sqlite3.SQLITE_CANTOPEN: Reason.DATA_DIR,
    sqlite3.SQLITE_IOERR: Reason.DATA_DIR,
    sqlite3.SQLITE_BUSY: Reason.DB_UNREACHABLE,
    sqlite3.SQLITE_LOCKED: Reason.DB_UNREACHABLE,
}
# The same, by message, for an error that carries no result code.
_SQLITE_MESSAGES = (
    ("readonly database", Reason.DB_READONLY),
    ("file is not a database", Reason.DB_CORRUPT),
    ("malformed", Reason.DB_CORRUPT),
    ("disk is full", Reason.DISK_FULL),
    ("unable to open database file", Reason.DATA_DIR),
    ("disk i/o error", Reason.DATA_DIR),
    ("database is locked", Reason.DB_UNREACHABLE),
    ("no such table", Reason.DB_SCHEMA),
    ("no such column", Reason.DB_SCHEMA),
)
# PostgreSQL SQLSTATEs, by their first characters (the class), most specific first.
_SQLSTATES = (
    ("25006", Reason.DB_READONLY),  # read_only_sql_transaction (a hot standby, a read-only role)
    ("42501", Reason.DB_READONLY),  # insufficient_privilege
    ("53100", Reason.DISK_FULL),
    ("42", Reason.DB_SCHEMA),  # undefined table or column and the like
    ("XX001", Reason.DB_CORRUPT),  # data_corrupted
    ("XX002", Reason.DB_CORRUPT),  # index_corrupted
)
_NO_SPACE = {errno.ENOSPC, errno.EDQUOT}
# An OSError (permission, read-only file system, a file where a folder should be) by step.
_OSERROR_BY_STEP = {
    Step.SETTINGS: Reason.CONFIG,
    Step.LOG: Reason.LOG,
    Step.DATABASE: Reason.DATA_DIR,
    Step.PRINTER: Reason.DATA_DIR,
    Step.KEY: Reason.KEY,
}
# Whatever else fails in a step, when nothing in the exception says more.
_DEFAULT_BY_STEP = {Step.SETTINGS: Reason.CONFIG, Step.LOG: Reason.LOG, Step.KEY: Reason.KEY}


def classify(exc: BaseException, step: Step) -> Reason:
    """The reason code for `exc`, raised during `step`. Looks through the exception and its
    causes (SQLAlchemy wraps the driver's error, Alembic wraps its own) for the most telling
    one; a fault nothing explains is E-INTERNAL, a fault in the program."""
    chain = list(_chain(exc))
    for rule in (_typed, _no_space, _sqlite, _postgres, _alembic, _sqlalchemy):
        for error in chain:
            reason = rule(error)
            if reason is not None:
                return reason
    if step is Step.LOG:  # whatever stops the log file: the log is the fault
        return Reason.LOG
    for error in chain:
        # A folder or file that cannot be made private is the step's file, like an OSError.
        if isinstance(error, OSError | PrivateFileError) and step in _OSERROR_BY_STEP:
            return _OSERROR_BY_STEP[step]
        if isinstance(error, ValueError) and step is Step.PRINTER:
            return Reason.CONFIG  # a printer queue name the CUPS driver refuses
    return _DEFAULT_BY_STEP.get(step, Reason.INTERNAL)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """`exc`, then its cause or context, and so on (each once)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)  # SQLAlchemy's DBAPIError: the driver's error
        if isinstance(orig, BaseException) and id(orig) not in seen:
            yield orig
            seen.add(id(orig))
        current = current.__cause__ or current.__context__


def _typed(error: BaseException) -> Reason | None:
    if isinstance(error, SettingsError):
        return Reason.CONFIG
    if isinstance(error, SigningKeyError):
        return Reason.KEY
    if isinstance(error, AuditAnchorError):  # the data folder will not take the anchor file
        return Reason.DATA_DIR
    if isinstance(error, AuditSealError):  # the audit chain's key: missing, another, unsafe
        return Reason.KEY
    if isinstance(error, SchemaMismatch):
        return Reason.DB_SCHEMA
    return None


def _no_space(error: BaseException) -> Reason | None:
    if isinstance(error, OSError) and error.errno in _NO_SPACE:
        return Reason.DISK_FULL
    return None


def _sqlite(error: BaseException) -> Reason | None:
    if not isinstance(error, sqlite3.Error):
        return None
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _SQLITE_CODES:
        return _SQLITE_CODES[code & 0xFF]
    message = str(error).lower()
    for words, reason in _SQLITE_MESSAGES:
        if words in message:
            return reason
    # A DatabaseError that is not an OperationalError is SQLite finding the file unusable.
    if isinstance(error, sqlite3.DatabaseError) and not isinstance(error, sqlite3.OperationalError):
        return Reason.DB_CORRUPT
    return None


def _postgres(error: BaseException) -> Reason | None:
    if type(error).__module__.split(".")[0] != "psycopg":
        return None
    state = getattr(error, "sqlstate", None) or ""
    for prefix, reason in _SQLSTATES:
        if state.startswith(prefix):
            return reason
    # No connection, refused, timed out, unknown host or database, login refused, shut down.
    return Reason.DB_UNREACHABLE


def _alembic(error: BaseException) -> Reason | None:
    """Alembic cannot find the database's revision among this program's migrations: the
    database was migrated by a newer program."""
    if type(error).__module__.split(".")[0] != "alembic":
        return None
    message = str(error).lower()
    if "can't locate revision" in message or "no such revision" in message:
        return Reason.DB_SCHEMA
    return None


def _sqlalchemy(error: BaseException) -> Reason | None:
    try:
        from sqlalchemy import exc as sa_exc  # loaded already if it raised
    except ImportError:  # pragma: no cover - a dependency of the kiosk
        return None
    if isinstance(error, sa_exc.ArgumentError | sa_exc.NoSuchModuleError):
        return Reason.CONFIG  # a database URL SQLAlchemy cannot use
    if isinstance(error, sa_exc.OperationalError | sa_exc.InterfaceError | sa_exc.TimeoutError):
        return Reason.DB_UNREACHABLE
    return None


def summary(exc: BaseException) -> str:
    """One line: the exception's kind and message (the driver's, for a database error)."""
    orig = getattr(exc, "orig", None)
    shown = orig if isinstance(orig, BaseException) else exc
    text = " ".join(str(shown).split())
    return f"{type(shown).__name__}: {text}" if text else type(shown).__name__


def fault_report(exc: BaseException) -> str:
    """The traceback of `exc` and its causes, for the log. SQL parameters are hidden: at
    start-up they can only be demo data, but a log never holds what a parameter might."""
    for error in _chain(exc):
        if hasattr(error, "hide_parameters"):
            error.hide_parameters = True  # sqlalchemy.exc.StatementError
    return "".join(traceback.format_exception(exc)).rstrip()


@dataclass(frozen=True)
class Backoff:
    """The wait before retry number `attempt` (0 first): `first` seconds, doubling up to
    `longest`. Short enough to notice a back end that came back, long enough not to hammer
    one that is struggling or to fill the log."""

    first: float = 5.0
    longest: float = 60.0
    factor: float = 2.0

    def delay(self, attempt: int) -> float:
        # Capped before the power: a kiosk out of service for days has tried thousands of times.
        return min(self.longest, self.first * self.factor ** min(max(attempt, 0), 32))

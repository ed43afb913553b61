"""The Database report a technician reads (the staff area "database" and `kiosk db check`): the
URL with its password hidden, the server and a timed round trip, the schema revision against
the one this program expects, row counts per table, `kiosk db check`'s integrity and audit
chain checks (kiosk.store.check), and the outbox's queue.

Made from a URL, never from a live engine: each report opens its own connection (so the round
trip is a real one) and disposes of it. Never raises for what it finds: a database that cannot
be reached is the report's `problem` (a code the screen words in its language), with `reason`
(the driver's words, one line, password hidden: for the command line and the JSON only) and
`fix` (plain English, for the command line). Nothing is created: a SQLite file that is not
there is reported, not made.

A fleet kiosk's report has a centre part (kiosk.services.centre_report): the centre's URL
(password hidden), reachable or not and why, its round trip, the kiosk id it knows this role
as, the last seq it applied and the audit chain head it anchored, and the cut tail check (the
anchored entry must be in the local audit log with that hash: a FAIL like a broken chain). Its
checks are "centre" and "centre_anchor"; a standalone kiosk has neither.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.domain.texts import QT_TRANSLATE_NOOP, Text
from kiosk.services.selftest import OUTBOX_WARN_AGE, CheckResult, Verdict

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from kiosk.services.centre_report import CentreLink, CentreReport
    from kiosk.store.check import CheckReport

log = logging.getLogger(__name__)


class DatabaseProblem(enum.Enum):
    """Why there is no report beyond the URL: each has one sentence and fix on the screen."""

    BAD_URL = "bad_url"  # the URL in the settings cannot be used
    NO_DATABASE = "no_database"  # no SQLite file there (the kiosk makes it when it starts)
    DRIVER_MISSING = "driver_missing"  # the DBAPI module is not installed
    UNREACHABLE = "unreachable"  # the server or file does not answer
    DAMAGED = "damaged"  # SQLite cannot read the file as a database


# The ids and English names of the report's checks (the screen words them in its language).
CHECK_NAMES = {
    "connection": "connection",
    "schema": "schema revision",
    "integrity": "integrity",
    "audit_chain": "audit chain",
    "outbox": "outbox",
    "centre": "centre",
    "centre_anchor": "anchor at the centre",
}

_FIXES = {
    DatabaseProblem.BAD_URL: "correct database_url in kiosk.toml ($KIOSK_DATABASE_URL)",
    DatabaseProblem.NO_DATABASE: "start the kiosk once (it makes the database), or point "
    "database_url and data_dir at the kiosk's",
    DatabaseProblem.DRIVER_MISSING: "install the kiosk's package again: its database driver "
    "is missing",
    DatabaseProblem.DAMAGED: "the file is damaged or not a database; restore the kiosk's from "
    "a backup",
}
_PASSWORD = re.compile(r"(://[^:@/\s]*:)[^@/\s]*@")  # a URL's password in a driver's words
_FIX_SQLITE = "check the file, its folder and their permissions"
_FIX_SERVER = "check the URL, and that the server runs and lets this user in"


@dataclass(frozen=True)
class DatabaseReport:
    url: str  # password hidden
    backend: str | None  # "sqlite", "postgresql"; None when the URL cannot be read
    checked_at: dt.datetime
    expected_revision: str  # the newest migration this program knows
    problem: DatabaseProblem | None = None
    reason: str = ""  # the driver's words for the problem, one line (not for the screen)
    server_version: str | None = None
    round_trip_ms: float | None = None
    revision: str | None = None
    tables: tuple[tuple[str, int], ...] = ()  # (table, rows), in the models' order
    checks: tuple[CheckResult, ...] = ()
    outbox_waiting: int | None = None
    outbox_oldest_age_s: float | None = None
    check_ok: bool | None = None  # `kiosk db check`'s verdict (None: it did not run)
    check_lines: tuple[str, ...] = ()  # ... and its lines
    seconds: float = 0.0
    warnings: tuple[str, ...] = field(default=())
    centre: CentreReport | None = None  # a fleet kiosk's centre part (None: standalone)

    @property
    def reachable(self) -> bool:
        return self.problem in (None, DatabaseProblem.DAMAGED)

    @property
    def revision_current(self) -> bool:
        return self.revision is not None and self.revision == self.expected_revision

    @property
    def ok(self) -> bool:
        """Everything holds (`kiosk db check` exits 0): a centre that cannot be reached is a
        warning, a local audit log that lost what the centre anchored is a failure."""
        tail_cut = self.centre is not None and self.centre.tail.broken
        return self.problem is None and bool(self.check_ok) and not tail_cut

    @property
    def fix(self) -> str:
        """What to do about the problem, in plain English ("" when there is none)."""
        if self.problem is None:
            return ""
        if self.problem is DatabaseProblem.UNREACHABLE:
            return _FIX_SQLITE if self.backend == "sqlite" else _FIX_SERVER
        return _FIXES[self.problem]

    def as_dict(self) -> dict[str, Any]:
        """The stable JSON shape of `kiosk db check --json`."""
        return {
            "url": self.url,
            "backend": self.backend,
            "checked_at": self.checked_at.isoformat(timespec="seconds"),
            "reachable": self.reachable,
            "problem": self.problem.value if self.problem is not None else None,
            "reason": self.reason or None,
            "fix": self.fix or None,
            "server_version": self.server_version,
            "round_trip_ms": self.round_trip_ms,
            "revision": self.revision,
            "expected_revision": self.expected_revision,
            "revision_current": self.revision_current,
            "tables": dict(self.tables),
            "checks": [c.as_dict() for c in self.checks],
            "outbox": {"waiting": self.outbox_waiting, "oldest_age_s": self.outbox_oldest_age_s},
            "check_ok": self.check_ok,
            "check": list(self.check_lines),
            "centre": self.centre.as_dict() if self.centre is not None else None,
            "ok": self.ok,
            "seconds": round(self.seconds, 3),
        }

    def lines(self) -> list[str]:
        """The report as `kiosk db check` prints it: `kiosk db check`'s own lines, with the
        server, round trip, row counts and outbox around them, then the result."""
        centre = self.centre.lines() if self.centre is not None else []
        if self.problem is not None and self.problem is not DatabaseProblem.DAMAGED:
            return [f"database: {self.url}", f"problem: {self.reason} ({self.fix})", *centre]
        server = f"{self.backend} {self.server_version or ''}".strip()
        out = [
            f"database: {self.url}",
            f"server: {server}, round trip {_ms(self.round_trip_ms)}",
        ]
        body = [line for line in self.check_lines[1:] if not line.startswith("result: ")]
        out += body
        if self.tables:
            out.append("rows: " + ", ".join(f"{name} {rows:,}" for name, rows in self.tables))
        if self.outbox_waiting is not None:
            out.append(f"outbox: {_outbox_words(self.outbox_waiting, self.outbox_oldest_age_s)}")
        out += centre
        out += [f"warning: {w}" for w in self.warnings]
        out.append("result: OK" if self.ok else "result: FAILED")
        return out


def database_report(
    url: str,
    *,
    data_dir: Path,
    kiosk_id: str,
    quick: bool = True,
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    centre: CentreLink | None = None,
) -> DatabaseReport:
    """The report on the database at `url` for the kiosk `kiosk_id` whose audit key and anchor
    are in `data_dir`. `quick`: SQLite's quick_check instead of the full integrity_check.
    `centre`: a fleet kiosk's centre (and, in the running kiosk, its sender)."""
    from kiosk.store.db import create_engine, is_sqlite, redacted, sqlite_path
    from kiosk.store.migrate import head_revision
    from kiosk.store.urls import DatabaseUrlError, parse_database_url, shown

    started = time.perf_counter()
    now = clock()
    head = head_revision()
    try:
        parsed = parse_database_url(url)
    except DatabaseUrlError as exc:
        return DatabaseReport(
            shown(url),
            None,
            now,
            head,
            DatabaseProblem.BAD_URL,
            str(exc),
            centre=_centre(centre, None, now),
        )
    shown_url, backend = redacted(parsed), parsed.get_backend_name()

    def failed(problem: DatabaseProblem, reason: str) -> DatabaseReport:
        log.info("database_report.problem problem=%s backend=%s", problem.value, backend)
        part = _centre(centre, None, now)
        took = time.perf_counter() - started
        return DatabaseReport(
            shown_url, backend, now, head, problem, reason, seconds=took, centre=part
        )

    path = sqlite_path(parsed) if is_sqlite(parsed) else None
    if path is not None and not path.is_file():
        return failed(DatabaseProblem.NO_DATABASE, f"{path}: no database there")
    try:
        engine = create_engine(parsed)
    except ImportError as exc:
        return failed(DatabaseProblem.DRIVER_MISSING, f"no module {exc.name}")
    except OSError as exc:
        return failed(DatabaseProblem.UNREACHABLE, f"cannot open it: {exc.strerror or exc}")
    try:
        report = _report(engine, shown_url, backend, now, head, data_dir, kiosk_id, quick, started)
    except Exception as exc:  # the database went away between two steps, or broke under one
        problem = DatabaseProblem.DAMAGED if _is_damage(exc) else DatabaseProblem.UNREACHABLE
        return failed(problem, _said(exc))
    try:
        return _with_centre(report, _centre(centre, engine, now), started)
    finally:
        engine.dispose()


def _centre(
    link: CentreLink | None, engine: Engine | None, now: dt.datetime
) -> CentreReport | None:
    if link is None:
        return None
    from kiosk.services.centre_report import centre_report

    return centre_report(link, engine=engine, clock=lambda: now)


def _with_centre(
    report: DatabaseReport, part: CentreReport | None, started: float
) -> DatabaseReport:
    """`report` with the centre part and its two checks (after the outbox's)."""
    if part is None:
        return report
    import dataclasses

    verdict, found, fix = part.check(report.outbox_waiting, report.outbox_oldest_age_s)
    anchor = part.tail_check()
    checks = (
        *report.checks,
        _check("centre", *(verdict, found, fix)),
        _check("centre_anchor", *anchor),
    )
    warnings = report.warnings
    if verdict is Verdict.WARN:
        warnings = (*warnings, found)
    return dataclasses.replace(
        report,
        centre=part,
        checks=checks,
        warnings=warnings,
        seconds=time.perf_counter() - started,
    )


def _report(
    engine: Engine,
    url: str,
    backend: str,
    now: dt.datetime,
    head: str,
    data_dir: Path,
    kiosk_id: str,
    quick: bool,
    started: float,
) -> DatabaseReport:
    from sqlalchemy import text

    from kiosk.services.audit_seal import seal_for_check
    from kiosk.store.check import check_database
    from kiosk.store.seal import SealFiles

    begun = time.perf_counter()
    round_trip: float | None = None
    info = None
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            round_trip = round((time.perf_counter() - begun) * 1000, 2)
            info = engine.dialect.server_version_info
    except Exception as exc:
        if not _is_damage(exc):
            raise
        # A file SQLite cannot read: the check below says what it found, as `db check` does.
    server = ".".join(str(part) for part in info) if info else None
    audit = seal_for_check(SealFiles.in_folder(data_dir))
    report = check_database(
        engine, seal=audit.seal, files=audit.files, key_problem=audit.key_problem, quick=quick
    )
    usable = report.damage is None and report.revision is not None
    tables = _row_counts(engine) if usable else ()
    waiting: int | None = None
    oldest_age: float | None = None
    if usable and report.revision == report.head:
        waiting, oldest_age = _outbox(engine, kiosk_id, now)
    checks = (
        _connection_check(round_trip, server, backend),
        _schema_check(report),
        _integrity_check(report, backend),
        _audit_check(report),
        _outbox_check(waiting, oldest_age),
    )
    damaged = report.damage is not None
    return DatabaseReport(
        url,
        backend,
        now,
        head,
        problem=DatabaseProblem.DAMAGED if damaged else None,
        reason=report.damage or "",
        server_version=server,
        round_trip_ms=round_trip,
        revision=report.revision,
        tables=tables,
        checks=checks,
        outbox_waiting=waiting,
        outbox_oldest_age_s=oldest_age,
        check_ok=report.ok,
        check_lines=tuple(report.lines()),
        seconds=time.perf_counter() - started,
        warnings=tuple(c.found for c in checks if c.id == "outbox" and c.verdict is Verdict.WARN),
    )


def _row_counts(engine: Engine) -> tuple[tuple[str, int], ...]:
    """Rows per table of the kiosk's models that the database holds, by name."""
    import sqlalchemy as sa

    from kiosk.store.models import Base

    present = set(sa.inspect(engine).get_table_names())
    counts: list[tuple[str, int]] = []
    with engine.connect() as connection:
        for table in sorted(Base.metadata.sorted_tables, key=lambda t: t.name):
            if table.name in present:
                rows = connection.scalar(sa.select(sa.func.count()).select_from(table))
                counts.append((table.name, int(rows or 0)))
    return tuple(counts)


def _outbox(engine: Engine, kiosk_id: str, now: dt.datetime) -> tuple[int, float | None]:
    from kiosk.store.db import read_session
    from kiosk.store.repositories.outbox import OutboxRepository

    with read_session(engine) as session:
        waiting, oldest = OutboxRepository(session).waiting(kiosk_id)
    if oldest is None:
        return waiting, None
    if oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=dt.UTC)
    return waiting, max(0.0, round((now - oldest).total_seconds(), 1))


def _check(check_id: str, verdict: Verdict, found: str, fix: str = "") -> CheckResult:
    return CheckResult(check_id, CHECK_NAMES[check_id], verdict, found, fix)


def _connection_check(round_trip: float | None, server: str | None, backend: str) -> CheckResult:
    if round_trip is None:
        return _check(
            "connection",
            Verdict.FAIL,
            "the file cannot be read as a database",
            _FIXES[DatabaseProblem.DAMAGED],
        )
    found = Text(
        QT_TRANSLATE_NOOP("DiagText", "{server} answered in {ms}"),
        server=f"{backend} {server or ''}".strip(),
        ms=_ms(round_trip),
    )
    return _check("connection", Verdict.PASS, found)


def _schema_check(report: CheckReport) -> CheckResult:
    if report.damage is not None:
        return _check("schema", Verdict.SKIP, "not checked: the database file is damaged")
    if report.revision != report.head:
        return _check(
            "schema",
            Verdict.FAIL,
            f"at {report.revision or 'no revision'}, this program expects {report.head}",
            "run `kiosk db upgrade` (the kiosk does at start); if the database is newer, "
            "update this program",
        )
    if report.schema:
        return _check(
            "schema",
            Verdict.FAIL,
            f"{report.revision}, but the tables differ: {'; '.join(report.schema[:3])}",
            "restore the database from a backup; `kiosk db check` lists every difference",
        )
    current = Text(QT_TRANSLATE_NOOP("DiagText", "{revision} (current)"), revision=report.revision)
    return _check("schema", Verdict.PASS, current)


def _integrity_check(report: CheckReport, backend: str) -> CheckResult:
    if report.damage is not None:
        return _check(
            "integrity", Verdict.FAIL, f"damaged: {report.damage}", _FIXES[DatabaseProblem.DAMAGED]
        )
    if report.structure:
        return _check(
            "integrity",
            Verdict.FAIL,
            f"{len(report.structure)} problems: {report.structure[0]}",
            "restore the database from a backup; `kiosk db check` lists them",
        )
    if report.privacy:
        return _check(
            "integrity",
            Verdict.FAIL,
            "; ".join(report.privacy),
            "make the files the kiosk user's alone (chmod 600); the kiosk does at start",
        )
    if backend != "sqlite":
        server_checks = QT_TRANSLATE_NOOP("DiagText", "the server checks its own pages and keys")
        return _check("integrity", Verdict.PASS, Text(server_checks))
    if not report.files:
        return _check("integrity", Verdict.PASS, Text(QT_TRANSLATE_NOOP("DiagText", "ok")))
    owner_only = QT_TRANSLATE_NOOP("DiagText", "ok, {files} owner only")
    return _check("integrity", Verdict.PASS, Text(owner_only, files=", ".join(report.files)))


def _audit_check(report: CheckReport) -> CheckResult:
    fix = "run `kiosk db check` for every problem; restore the database or key from backup"
    if report.damage is not None or report.revision != report.head:
        return _check("audit_chain", Verdict.SKIP, "not checked: see schema and integrity")
    if report.audit_error is not None:
        return _check("audit_chain", Verdict.FAIL, f"not checked: {report.audit_error}", fix)
    if report.audit is not None and report.audit.problems:
        broken = report.audit.problems
        return _check(
            "audit_chain", Verdict.FAIL, f"BROKEN, {len(broken)} problems: {broken[0]}", fix
        )
    if report.audit_unverifiable:
        return _check("audit_chain", Verdict.FAIL, f"cannot be verified: {report.key_problem}", fix)
    if report.consistency_error is not None:
        return _check(
            "audit_chain", Verdict.FAIL, f"journal not checked: {report.consistency_error}", fix
        )
    if report.consistency is not None and report.consistency.problems:
        problems = report.consistency.problems
        return _check(
            "audit_chain", Verdict.FAIL, f"journal: {len(problems)} problems: {problems[0]}", fix
        )
    chains = report.audit.chains if report.audit is not None else []
    found = Text(
        QT_TRANSLATE_NOOP("DiagText", "ok, {entries} entries, chains: {chains}"),
        entries=f"{sum(c.entries for c in chains):,}",
        chains=str(len(chains)),
    )
    if warnings := report.warnings():
        return _check("audit_chain", Verdict.WARN, f"{found}; {warnings[0]}", "see kiosk db check")
    return _check("audit_chain", Verdict.PASS, found)


def _outbox_check(waiting: int | None, oldest_age_s: float | None) -> CheckResult:
    if waiting is None:
        return _check("outbox", Verdict.SKIP, "not checked: the schema is not current")
    found = _outbox_words(waiting, oldest_age_s)
    if oldest_age_s is not None and oldest_age_s > OUTBOX_WARN_AGE.total_seconds():
        return _check(
            "outbox",
            Verdict.WARN,
            found,
            Text(
                QT_TRANSLATE_NOOP(
                    "DiagText",
                    "the central back end has not taken them: check the connection to it",
                )
            ),
        )
    return _check("outbox", Verdict.PASS, found)


def _outbox_words(waiting: int, oldest_age_s: float | None) -> str:
    if not waiting or oldest_age_s is None:
        return Text(QT_TRANSLATE_NOOP("DiagText", "no message waiting for the central back end"))
    return Text(
        QT_TRANSLATE_NOOP("DiagText", "{waiting} waiting, the oldest for {age}"),
        waiting=f"{waiting:,}",
        age=age_words(oldest_age_s),
    )


def age_words(seconds: float) -> str:
    """A duration in the largest unit that reads well: 45 s, 12 min, 5 h, 3 days."""
    if seconds < 60:
        return Text(QT_TRANSLATE_NOOP("DiagText", "{n} s"), n=str(max(int(seconds), 0)))
    minutes = int(seconds // 60)
    if minutes < 60:
        return Text(QT_TRANSLATE_NOOP("DiagText", "{n} min"), n=str(minutes))
    if minutes < 600:
        hours_minutes = QT_TRANSLATE_NOOP("DiagText", "{h} h {m} min")
        return Text(hours_minutes, h=str(minutes // 60), m=str(minutes % 60))
    if minutes < 48 * 60:
        return Text(QT_TRANSLATE_NOOP("DiagText", "{n} h"), n=str(minutes // 60))
    return Text(QT_TRANSLATE_NOOP("DiagText", "{n} days"), n=str(minutes // (24 * 60)))


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} ms"


def _is_damage(exc: BaseException) -> bool:
    words = str(getattr(exc, "orig", None) or exc).lower()
    return any(word in words for word in ("not a database", "malformed", "corrupt"))


def _said(exc: BaseException) -> str:
    """The driver's words as one line, any password in them hidden."""
    from kiosk.store.urls import describe_database_error

    return _PASSWORD.sub(r"\1***@", describe_database_error(exc))

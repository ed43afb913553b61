"""`kiosk db check`: is the database sound, current, private, and is its audit log untouched?

In this order, each step reported on its own line:

- **file mode** (S7): the SQLite file, its -wal and -shm, the audit key and the anchor file are
  readable by the kiosk user alone.
- **structure**, SQLite: `PRAGMA integrity_check` (or `quick_check`) and `foreign_key_check`.
  A file SQLite cannot read at all ("file is not a database", "database disk image is
  malformed") is reported as damaged and ends the check. PostgreSQL checks its own pages and
  enforces foreign keys at all times; there the step is a connection test.
- **schema**: the revision against the newest migration, and the live tables, columns, indexes
  and keys against the models (Alembic's `compare_metadata`): a dropped table or column is
  found even where the revision number was left alone.
- **audit chain** (S5): every chain walked and verified with the kiosk's audit key, and held to
  the anchor file outside the database (kiosk.store.audit_verify, kiosk.store.seal). Chains
  sealed with a key not held here (other kiosks on a shared back end) are named, not failed;
  keyed entries with no key here at all fail the check: they cannot be verified without it.
  Entries sealed with a key that `kiosk audit new-key` retired (the key was lost) are a
  warning: not verifiable.
- **consistency**: the journal against the audit log, both ways (kiosk.store.consistency).

Exit status of the command: 0 when everything holds, 1 when anything does not.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from kiosk.store.audit_verify import AuditVerification, ChainSummary, verify_audit_chains
from kiosk.store.consistency import Consistency, check_consistency
from kiosk.store.db import read_session, redacted, sqlite_files, sqlite_path
from kiosk.store.migrate import head_revision
from kiosk.store.models import Base
from kiosk.store.seal import AnchorLog, AuditAnchorError, AuditSeal, SealFiles, unsafe_mode

R = TypeVar("R")


class DatabaseDamaged(Exception):
    """SQLite cannot read the file as a database; nothing more can be checked in it."""


@dataclass
class CheckReport:
    url: str  # password hidden
    head: str
    revision: str | None = None
    damage: str | None = None  # SQLite's word for a file it cannot read
    structure: list[str] = field(default_factory=list)  # integrity / foreign key problems
    schema: list[str] = field(default_factory=list)  # differences from the models
    files: list[str] = field(default_factory=list)  # names whose mode was checked
    privacy: list[str] = field(default_factory=list)  # file mode problems
    audit: AuditVerification | None = None  # None: not checked
    audit_error: str | None = None  # the chain could not be read at all
    key: str = ""  # the audit key line
    key_problem: str | None = None  # why no key is held here
    seal_key_id: str | None = None
    consistency: Consistency | None = None
    consistency_error: str | None = None

    @property
    def audit_unverifiable(self) -> bool:
        """Keyed entries, and no key to verify them with."""
        return self.audit is not None and self.audit.keyed_without_key > 0

    @property
    def ok(self) -> bool:
        return (
            self.damage is None
            and self.revision == self.head
            and not self.structure
            and not self.schema
            and not self.privacy
            and self.audit is not None
            and not self.audit.problems
            and not self.audit_unverifiable
            and self.consistency is not None
            and not self.consistency.problems
        )

    def lines(self) -> list[str]:
        out = [f"database: {self.url}"]
        out += self._file_mode_lines()
        if self.damage is not None:
            out.append(f"structure: DAMAGED: {self.damage}")
            out += [f"  {p}" for p in self.structure]  # what integrity_check saw before
            out.append("  SQLite cannot read this file: restore the database from a backup")
            out.append("result: FAILED")
            return out
        out.append("structure: ok" if not self.structure else "structure: PROBLEMS")
        out += [f"  {p}" for p in self.structure]
        out += self._schema_lines()
        out += self._audit_lines()
        out += self._consistency_lines()
        out += [f"warning: {w}" for w in self.warnings()]
        out.append("result: OK" if self.ok else "result: FAILED")
        return out

    def _file_mode_lines(self) -> list[str]:
        if self.privacy:
            return [f"file mode: {p}" for p in self.privacy]
        if self.files:
            return [f"file mode: ok ({', '.join(self.files)}: owner only)"]
        return []

    def _schema_lines(self) -> list[str]:
        if self.revision != self.head:
            head = [f"schema: {self.revision or 'none'}, newest is {self.head}: run db upgrade"]
        elif self.schema:
            head = [f"schema: {self.revision}, but the tables differ from the migrations"]
        else:
            return [f"schema: {self.revision} (current), tables match the migrations"]
        return head + [f"  {d}" for d in self.schema]

    def _audit_lines(self) -> list[str]:
        out = [f"audit key: {self.key}"] if self.key else []
        if self.audit_error is not None:
            return [*out, f"audit chain: NOT CHECKED: {self.audit_error}"]
        if self.audit is None:
            return out
        if self.audit.problems:
            out.append("audit chain: BROKEN")
        elif self.audit_unverifiable:
            out.append(
                f"audit chain: CANNOT BE VERIFIED without the audit key: "
                f"{self.audit.keyed_without_key:,} keyed entries ({self.key_problem})"
            )
        else:
            out.append("audit chain: ok")
        out += [f"  {p}" for p in self.audit.problems]
        out += [f"  {_describe_chain(c, self.seal_key_id)}" for c in self.audit.chains]
        return out

    def _consistency_lines(self) -> list[str]:
        if self.consistency_error is not None:
            return [f"consistency: NOT CHECKED: {self.consistency_error}"]
        if self.consistency is None:
            return []
        if self.consistency.problems:
            return ["consistency: PROBLEMS"] + [f"  {p}" for p in self.consistency.problems]
        return [f"consistency: ok ({self.consistency.summary()})"]

    def warnings(self) -> list[str]:
        """What holds but deserves a technician's eye; not a failure."""
        out: list[str] = []
        unreadable = self.audit.anchor.unreadable if self.audit is not None else []
        if unreadable:
            numbers = ", ".join(str(n) for n in unreadable[:5])
            out.append(f"anchor file lines {numbers} cannot be read (cut short by a crash?)")
        for chain in self.audit.chains if self.audit is not None else []:
            if chain.legacy:
                out.append(
                    f"chain {chain.chain}: {chain.legacy:,} legacy unkeyed entries "
                    f"(1..{chain.legacy}, from before the chain was keyed): checked as plain "
                    "SHA-256 links, which whoever can write the database could recompute"
                )
            out += [f"chain {chain.chain}: {retired.describe()}" for retired in chain.retired]
            if chain.anchored is None and chain.verified:
                out.append(
                    f"chain {chain.chain}: not in the anchor file: a cut tail cannot be ruled out"
                )
        return out


def _describe_chain(chain: ChainSummary, key_id: str | None) -> str:
    parts = [f"chain {chain.chain}: {chain.entries:,} entries"]
    if chain.verified:
        parts.append(f"{chain.verified:,} sealed with this kiosk's key {key_id}")
    if chain.legacy:
        parts.append(f"{chain.legacy:,} legacy unkeyed")
    if chain.without_key:
        parts.append(f"{chain.without_key:,} keyed, not verifiable without the key")
    for retired in chain.retired:
        parts.append(f"{retired.entries:,} sealed with the retired key {retired.key_id}")
    for other, count in chain.other_keys.items():
        parts.append(f"{count:,} sealed with key {other}, not held here: not verified here")
    if chain.anchored is not None:
        parts.append(f"anchored at entry {chain.anchored.seq:,}")
    return ", ".join(parts)


def check_database(
    engine: Engine,
    *,
    seal: AuditSeal | None = None,
    files: SealFiles | None = None,
    key_problem: str | None = None,
    quick: bool = False,
) -> CheckReport:
    """Run every check; `quick` uses SQLite's quick_check (minutes less on a large file).

    `seal`: the kiosk's audit seal, to verify keyed entries and compare with its anchor file;
    None when no key is held here, `key_problem` saying why. `files`: where the seal's files
    are (their modes are checked; the anchor is read from there when there is no seal).
    """
    report = CheckReport(url=redacted(engine.url), head=head_revision())
    report.files, report.privacy = _file_modes(engine, files)
    try:
        _run(engine, report, seal=seal, files=files, key_problem=key_problem, quick=quick)
    except DatabaseDamaged as exc:
        report.damage = str(exc)
    return report


def _run(
    engine: Engine,
    report: CheckReport,
    *,
    seal: AuditSeal | None,
    files: SealFiles | None,
    key_problem: str | None,
    quick: bool,
) -> None:
    sqlite = engine.dialect.name == "sqlite"
    with _damage_is_reported(sqlite):
        if sqlite:
            report.structure += _sqlite_structure(engine, quick=quick)
        with engine.connect() as conn:
            report.revision = MigrationContext.configure(conn).get_current_revision()
            if report.revision is not None:
                report.schema = _schema_differences(conn)
            conn.rollback()
        if report.revision is None:
            return
        if report.revision != report.head:
            report.audit_error = report.consistency_error = "the schema is not current"
            return
        _check_audit(engine, report, seal, files, key_problem)
        if report.schema:
            report.consistency_error = "the tables differ from the migrations"
        else:
            report.consistency, report.consistency_error = _guarded(engine, check_consistency)


def _check_audit(
    engine: Engine,
    report: CheckReport,
    seal: AuditSeal | None,
    files: SealFiles | None,
    key_problem: str | None,
) -> None:
    anchor = seal.anchor if seal is not None else AnchorLog(files.anchor) if files else None
    report.seal_key_id = seal.key_id if seal is not None else None
    report.key_problem = key_problem or "no audit key given"
    try:
        report.audit, report.audit_error = _guarded(
            engine, lambda session: verify_audit_chains(session, seal=seal, anchor=anchor)
        )
    except AuditAnchorError as exc:
        report.audit_error = str(exc)
    if seal is not None:
        where = f" ({files.key.name})" if files is not None else ""
        report.key = f"ok{where}, key id {seal.key_id}"
    elif report.audit is None:
        report.key = report.key_problem
    elif report.audit_unverifiable:
        report.key = f"{report.key_problem}: the audit chain cannot be verified without it"
    else:
        report.key = f"none ({report.key_problem}); no keyed entries to verify"


def _guarded(engine: Engine, step: Callable[[Session], R]) -> tuple[R | None, str | None]:
    """Run `step` in a read session; a table or column it cannot find is said, not raised."""
    try:
        with read_session(engine) as session:
            return step(session), None
    except DBAPIError as exc:
        if _is_damage(exc):
            raise
        return None, _first_line(exc)


@contextmanager
def _damage_is_reported(sqlite: bool) -> Iterator[None]:
    try:
        yield
    except DBAPIError as exc:
        if sqlite and _is_damage(exc):
            raise DatabaseDamaged(_first_line(exc)) from None
        raise


def _is_damage(exc: DBAPIError) -> bool:
    """SQLite's "file is not a database" and "database disk image is malformed" (and the like)
    are plain sqlite3.DatabaseError; a missing table is an OperationalError."""
    return type(exc.orig) is sqlite3.DatabaseError


def _first_line(exc: DBAPIError) -> str:
    return (str(exc.orig).strip().splitlines() or [type(exc.orig).__name__])[0]


def _sqlite_structure(engine: Engine, *, quick: bool) -> list[str]:
    problems: list[str] = []
    with engine.connect() as conn:
        pragma = "quick_check" if quick else "integrity_check"
        rows = [row[0] for row in conn.exec_driver_sql(f"PRAGMA {pragma}")]
        if rows != ["ok"]:
            problems += [line for row in rows for line in str(row).splitlines()]
        for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid}: no {parent} row it refers to")
        conn.rollback()
    return problems


def _schema_differences(conn: sa.Connection) -> list[str]:
    context = MigrationContext.configure(conn, opts={"compare_type": True})
    return [_describe_difference(d) for d in _flatten(compare_metadata(context, Base.metadata))]


def _flatten(diffs: list[object]) -> Iterator[tuple[object, ...]]:
    # Column modifications come grouped in a list per column.
    for diff in diffs:
        if isinstance(diff, list):
            yield from (tuple(d) for d in diff)
        else:
            yield tuple(diff)  # type: ignore[arg-type]


def _describe_difference(diff: tuple[object, ...]) -> str:
    """Alembic's difference tuple in words; 'missing' is what the migrations have and the
    database lacks, 'unexpected' what the database has and the migrations do not."""
    op = str(diff[0])
    if op in ("add_table", "remove_table"):
        table = diff[1]
        state = "missing" if op == "add_table" else "unexpected"
        return f"table {table.name}: {state}"  # type: ignore[attr-defined]
    if op in ("add_column", "remove_column"):
        state = "missing" if op == "add_column" else "unexpected"
        return f"column {diff[2]}.{diff[3].name}: {state}"  # type: ignore[attr-defined]
    if op in ("add_index", "remove_index", "add_constraint", "remove_constraint"):
        element = diff[1]
        table = getattr(getattr(element, "table", None), "name", "?")
        state = "missing" if op.startswith("add") else "unexpected"
        kind = "index" if "index" in op else "constraint"
        return f"{kind} {getattr(element, 'name', None) or '(unnamed)'} on {table}: {state}"
    if op in ("add_fk", "remove_fk"):
        fk = diff[1]
        table = getattr(getattr(fk, "parent", None), "name", "?")
        columns = ", ".join(c.name for c in getattr(fk, "columns", []))
        state = "missing" if op == "add_fk" else "unexpected"
        return f"foreign key {table}({columns}): {state}"
    if op.startswith("modify_"):
        what = op.removeprefix("modify_").replace("_", " ")
        return (
            f"column {diff[2]}.{diff[3]}: {what} differs "
            f"({diff[5]} in the database, {diff[6]} in the migrations)"
        )
    return f"{op}: {diff[1:]}"


def _file_modes(engine: Engine, files: SealFiles | None) -> tuple[list[str], list[str]]:
    """(the files checked, what is wrong with their modes)."""
    paths: list[Path] = []
    if engine.dialect.name == "sqlite":
        path = sqlite_path(engine.url)
        if path is not None:
            paths += sqlite_files(path)
    if files is not None:
        paths += [files.key, files.anchor]
    present = [p for p in paths if p.exists()]
    problems = [problem for p in present if (problem := unsafe_mode(p)) is not None]
    return [p.name for p in present], problems

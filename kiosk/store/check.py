"""`kiosk db check`: is the database sound, current, private, and is its audit log untouched?

- SQLite: `PRAGMA integrity_check` (or `quick_check`) and `PRAGMA foreign_key_check`, and the
  file's mode (S7: readable by the kiosk user alone). PostgreSQL checks its own pages and
  enforces foreign keys at all times, so there the structural part is a connection test.
- Both: the schema revision against the newest migration, and every audit hash chain (S5).
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kiosk.store.audit import AuditProblem, verify_audit_chains
from kiosk.store.db import read_session, redacted, sqlite_path
from kiosk.store.migrate import current_revision, head_revision


@dataclass
class CheckReport:
    url: str  # password hidden
    revision: str | None
    head: str
    structure: list[str] = field(default_factory=list)  # integrity / foreign key problems
    audit: list[AuditProblem] = field(default_factory=list)
    privacy: list[str] = field(default_factory=list)
    audit_entries_checked: bool = False

    @property
    def ok(self) -> bool:
        return (
            self.revision == self.head
            and not self.structure
            and not self.audit
            and not self.privacy
        )

    def lines(self) -> list[str]:
        out = [f"database: {self.url}"]
        if self.revision == self.head:
            out.append(f"schema: {self.revision} (current)")
        else:
            out.append(f"schema: {self.revision or 'none'}, newest is {self.head}: run db upgrade")
        out.append("structure: ok" if not self.structure else "structure: PROBLEMS")
        out += [f"  {p}" for p in self.structure]
        if self.audit_entries_checked:
            out.append("audit chain: ok" if not self.audit else "audit chain: BROKEN")
            out += [f"  {p}" for p in self.audit]
        out += [f"privacy: {p}" for p in self.privacy]
        out.append("result: OK" if self.ok else "result: FAILED")
        return out


def check_database(engine: Engine, *, quick: bool = False) -> CheckReport:
    """Run every check; `quick` uses SQLite's quick_check (minutes less on a large file)."""
    report = CheckReport(
        url=redacted(engine.url), revision=current_revision(engine), head=head_revision()
    )
    if engine.dialect.name == "sqlite":
        report.structure += _sqlite_structure(engine, quick=quick)
        report.privacy += _sqlite_file_mode(engine)
    else:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    if report.revision is not None:
        with read_session(engine) as session:
            report.audit = verify_audit_chains(session)
        report.audit_entries_checked = True
    return report


def _sqlite_structure(engine: Engine, *, quick: bool) -> list[str]:
    problems: list[str] = []
    with engine.connect() as conn:
        pragma = "quick_check" if quick else "integrity_check"
        rows = [row[0] for row in conn.exec_driver_sql(f"PRAGMA {pragma}")]
        if rows != ["ok"]:
            problems += rows
        for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check"):
            problems.append(f"{table} row {rowid}: no {parent} row it refers to")
        conn.rollback()
    return problems


def _sqlite_file_mode(engine: Engine) -> list[str]:
    path = sqlite_path(engine.url)
    if path is None or not path.exists():
        return []
    problems = []
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if file.exists():
            mode = stat.S_IMODE(file.stat().st_mode)
            if mode & 0o077:
                problems.append(f"{file.name} is readable by others (mode {mode:04o}, want 0600)")
    return problems

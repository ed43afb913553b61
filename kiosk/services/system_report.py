"""The System report a technician reads (the staff area "system" and `kiosk diag system`): the
versions the kiosk stands on, disk free where it writes its data, the clock and time zone with
the self-test's verdict on them, uptime of the machine and of the kiosk, memory, and the log's
last lines (the log holds no personal data by design: kiosk.logs).

Built on kiosk.services.system_info (as the bundle is); what the caller knows better is given:
Qt's run-time version (nothing below the UI imports Qt), the CUPS scheduler's version (from the
printer's queue), the build date. Never raises: what cannot be asked is None.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.services import system_info
from kiosk.services.bundle import log_tail
from kiosk.services.selftest import ClockState, judge_clock

LOG_TAIL_LINES = 30  # the screen's log box, and the command's tail


_CLOCK_WORDS = {
    ClockState.OK: "",
    ClockState.BEFORE_BUILD: "the clock is before the day this program was built",
    ClockState.FAR_AHEAD: "the clock is implausibly far ahead",
    ClockState.WENT_BACK: "the clock is behind the newest audit entry: it went back",
}
CLOCK_FIX = "set the clock (timedatectl set-time, or enable NTP: timedatectl set-ntp true)"


@dataclass(frozen=True)
class DatabaseFacts:
    """What the System report tells of the database: its kind, the server's version, and the
    newest audit entry's time (for the clock's verdict)."""

    kind: str | None = None  # "sqlite", "postgresql"
    server_version: str | None = None
    newest_audit_at: dt.datetime | None = None


def database_facts(url: str) -> DatabaseFacts:
    """Ask the database at `url` once (never creating it); what cannot be asked is None."""
    import sqlalchemy as sa

    from kiosk.store.db import create_engine, is_sqlite, read_session, sqlite_path
    from kiosk.store.models import AuditLogEntry
    from kiosk.store.urls import parse_database_url

    try:
        parsed = parse_database_url(url)
    except ValueError:
        return DatabaseFacts()
    kind = parsed.get_backend_name()
    path = sqlite_path(parsed) if is_sqlite(parsed) else None
    if path is not None and not path.is_file():
        return DatabaseFacts(kind)
    try:
        engine = create_engine(parsed)
    except Exception:  # a driver not installed, a file that cannot be opened
        return DatabaseFacts(kind)
    try:
        with read_session(engine) as session:
            info = engine.dialect.server_version_info
            version = ".".join(str(p) for p in info) if info else None
            try:
                newest = session.scalar(sa.select(sa.func.max(AuditLogEntry.at)))
            except Exception:  # no table yet: the Database screen says so
                newest = None
        return DatabaseFacts(kind, version, newest)
    except Exception:  # unreachable: the Database screen says why
        return DatabaseFacts(kind)
    finally:
        engine.dispose()


@dataclass(frozen=True)
class SystemReport:
    checked_at: dt.datetime
    hostname: str
    versions: tuple[tuple[str, str | None], ...]  # (id, version): see VERSION_IDS
    data_dir: str
    disk_free_bytes: int | None
    disk_total_bytes: int | None
    clock: dict[str, Any]  # system_info.clock's shape
    clock_state: ClockState
    build_date: dt.date
    system_uptime_s: float | None
    kiosk_uptime_s: float | None  # None: not asked from inside the kiosk
    memory_total_bytes: int | None
    memory_available_bytes: int | None
    log_path: str
    log_lines: tuple[str, ...]
    log_problem: str | None = None

    @property
    def clock_words(self) -> str:
        return _CLOCK_WORDS[self.clock_state]

    @property
    def ok(self) -> bool:
        """Nothing here stops the kiosk serving right: the clock dates vouchers right."""
        return not self.clock_state.misdates

    def as_dict(self) -> dict[str, Any]:
        """The stable JSON shape of `kiosk diag system --json`."""
        return {
            "checked_at": self.checked_at.isoformat(timespec="seconds"),
            "hostname": self.hostname,
            "versions": dict(self.versions),
            "disk": {
                "path": self.data_dir,
                "free_bytes": self.disk_free_bytes,
                "total_bytes": self.disk_total_bytes,
            },
            "clock": {
                **self.clock,
                "state": self.clock_state.value,
                "problem": self.clock_words or None,
                "fix": CLOCK_FIX if self.clock_state.misdates else None,
                "build_date": self.build_date.isoformat(),
            },
            "uptime": {"system_s": self.system_uptime_s, "kiosk_s": self.kiosk_uptime_s},
            "memory": {
                "total_bytes": self.memory_total_bytes,
                "available_bytes": self.memory_available_bytes,
            },
            "log": {"path": self.log_path, "lines": list(self.log_lines)},
            "log_problem": self.log_problem,
            "ok": self.ok,
        }

    def lines(self) -> list[str]:
        """The report as `kiosk diag system` prints it."""
        out = [f"host: {self.hostname}"]
        out += [f"{name}: {version or 'not found'}" for name, version in self.versions]
        out.append(
            f"disk: {size_words(self.disk_free_bytes)} free of "
            f"{size_words(self.disk_total_bytes)} ({self.data_dir})"
        )
        clock = self.clock
        zone = clock.get("zone") or clock.get("zone_abbreviation") or "?"
        out.append(f"clock: {clock['local']} ({zone}), UTC {clock['utc']}")
        if self.clock_state.misdates:
            out.append(f"clock: PROBLEM: {self.clock_words} ({CLOCK_FIX})")
        uptime = f"uptime: system {duration_words(self.system_uptime_s)}"
        if self.kiosk_uptime_s is not None:  # asked from inside the kiosk
            uptime += f", kiosk {duration_words(self.kiosk_uptime_s)}"
        out.append(uptime)
        out.append(
            f"memory: {size_words(self.memory_available_bytes)} available of "
            f"{size_words(self.memory_total_bytes)}"
        )
        out.append(f"log: {self.log_path}" + (f" ({self.log_problem})" if self.log_problem else ""))
        out += [f"  {line}" for line in self.log_lines]
        out.append("result: OK" if self.ok else "result: PROBLEMS")
        return out


# The versions the report lists, in its order.
VERSION_IDS = (
    "kiosk",
    "python",
    "qt",
    "pyside6",
    "pyscard",
    "pcsc_lite",
    "cups",
    "sqlite",
    "postgresql",
)


def _distribution(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def system_report(
    *,
    data_dir: Path,
    log_file: Path,
    build_date: dt.date,
    qt_version: str | None = None,
    cups_version: str | None = None,
    database: DatabaseFacts | None = None,
    in_kiosk: bool = False,
    now: dt.datetime | None = None,
) -> SystemReport:
    """The report now. `in_kiosk`: this process is the kiosk (its uptime is the kiosk's)."""
    now = now or dt.datetime.now(dt.UTC)
    database = database or DatabaseFacts()
    found = system_info.versions()
    versions: list[tuple[str, str | None]] = [
        ("kiosk", found["kiosk"]),
        ("python", found["python"]),
        ("qt", qt_version),
        ("pyside6", _distribution("PySide6") or _distribution("PySide6_Essentials")),
        ("pyscard", found["packages"].get("pyscard")),
        ("pcsc_lite", found["pcsc_lite"]),
        ("cups", cups_version),
        ("sqlite", found["sqlite_library"]),
    ]
    if database.kind == "postgresql":
        versions.append(("postgresql", database.server_version))
    disk = system_info.disk({"data": _existing(data_dir)})["data"]
    machine = system_info.system(now)
    uptime = machine["uptime_s"]
    tail = log_tail(log_file, lines=LOG_TAIL_LINES)
    return SystemReport(
        checked_at=now,
        hostname=machine["hostname"],
        versions=tuple(versions),
        data_dir=str(data_dir),
        disk_free_bytes=disk["free_bytes"],
        disk_total_bytes=disk["total_bytes"],
        clock=machine["clock"],
        clock_state=judge_clock(now, build_date, database.newest_audit_at),
        build_date=build_date,
        system_uptime_s=uptime,
        kiosk_uptime_s=process_uptime_s(uptime) if in_kiosk else None,
        memory_total_bytes=machine["memory"]["total_bytes"],
        memory_available_bytes=machine["memory"]["available_bytes"],
        log_path=str(log_file),
        log_lines=tuple(tail.text.splitlines()),
        log_problem=tail.problem,
    )


def process_uptime_s(system_uptime_s: float | None) -> float | None:
    """How long this process has run: the machine's uptime less its start (/proc/self/stat's
    22nd field, in clock ticks since boot)."""
    if system_uptime_s is None:
        return None
    try:
        stat = Path("/proc/self/stat").read_text()
        fields = stat.rpartition(")")[2].split()  # after the command name, which may hold spaces
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None
    return max(0.0, round(system_uptime_s - started, 1))


def _existing(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.is_dir():
            return candidate
    return Path(os.sep)


def size_words(n: int | None) -> str:
    if n is None:
        return "?"
    if n >= 1_000_000_000:
        return f"{n / 1e9:.1f} GB"
    return f"{n / 1e6:.0f} MB"


def duration_words(seconds: float | None) -> str:
    """A duration as days, hours and minutes: 3 d 4 h, 5 h 12 min, 7 min."""
    if seconds is None:
        return "?"
    minutes = int(seconds // 60)
    days, hours, mins = minutes // 1440, (minutes // 60) % 24, minutes % 60
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {mins} min"
    return f"{mins} min"

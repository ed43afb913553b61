"""The kiosk's system as a technician reads it (the bundle; later the System screen): versions of
everything the kiosk stands on, disk space where it writes, the clock and time zone, uptime and
memory. Plain dictionaries ready for JSON; nothing raises: what cannot be asked is None.

Qt's version is given by the caller (the command asks PySide6, the screens have it loaded):
below the ui layer nothing imports Qt (docs/architecture.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.metadata
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

# How long asking a program its version may take (a hung binary must not hang a bundle).
VERSION_TIMEOUT_S = 5.0
# The packages whose versions the kiosk depends on, by their distribution names.
DISTRIBUTIONS = (
    "sscard-kiosk",
    "PySide6",
    "PySide6_Essentials",  # what the kiosk installs: QtCore, QtGui, QtWidgets
    "shiboken6",
    "pyscard",
    "pycups",
    "reportlab",
    "SQLAlchemy",
    "alembic",
    "psycopg",
    "cryptography",
    "argon2-cffi",
)
_PCSC_VERSION = re.compile(r"pcsc-lite version ([0-9][0-9A-Za-z.+~-]*?)\.?\s")


def _distribution(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def _program_output(args: Sequence[str]) -> str | None:
    """What `args` prints (stdout and stderr), or None when it cannot be run in time."""
    program = shutil.which(args[0], path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")
    if program is None:
        return None
    try:
        done = subprocess.run(
            [program, *args[1:]],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=VERSION_TIMEOUT_S,
            check=False,
            env={**os.environ, "LC_ALL": "C", "LANG": "C"},
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return (done.stdout + done.stderr).decode("utf-8", "replace")


def pcsc_lite_version() -> str | None:
    """pcsc-lite's version as `pcscd --version` says it (it prints and exits: it starts no
    daemon), None when pcscd is not installed."""
    said = _program_output(["pcscd", "--version"])
    match = _PCSC_VERSION.search(said + " ") if said else None
    return match.group(1) if match else None


def versions(extra: Mapping[str, str | None] | None = None) -> dict[str, Any]:
    """The kiosk's and its dependencies' versions; `extra` adds what the caller knows better
    (Qt's run-time version, the CUPS scheduler's, the database server's)."""
    found: dict[str, Any] = {
        "kiosk": _distribution("sscard-kiosk"),
        "python": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "sqlite_library": sqlite3.sqlite_version,
        "pcsc_lite": pcsc_lite_version(),
        "packages": {name: _distribution(name) for name in DISTRIBUTIONS},
        "executable": sys.executable,
    }
    found.update(extra or {})
    return found


def disk(paths: Mapping[str, Path]) -> dict[str, Any]:
    """Free and total space of the file system under each named folder (None: it cannot be
    asked, say the folder is missing)."""
    out: dict[str, Any] = {}
    for name, path in paths.items():
        try:
            usage = shutil.disk_usage(path)
        except (OSError, ValueError):
            out[name] = {"path": str(path), "free_bytes": None, "total_bytes": None}
            continue
        out[name] = {"path": str(path), "free_bytes": usage.free, "total_bytes": usage.total}
    return out


def _uptime_seconds() -> float | None:
    try:
        return float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _memory() -> dict[str, int | None]:
    """MemTotal and MemAvailable of /proc/meminfo, in bytes."""
    wanted = {"MemTotal": "total_bytes", "MemAvailable": "available_bytes"}
    out: dict[str, int | None] = dict.fromkeys(wanted.values())
    try:
        lines = Path("/proc/meminfo").read_text().splitlines()
    except OSError:
        return out
    for line in lines:
        key, _, rest = line.partition(":")
        if key in wanted:
            with contextlib.suppress(ValueError, IndexError):
                out[wanted[key]] = int(rest.split()[0]) * 1024
    return out


def _zone_name() -> str | None:
    """The system's time zone by name (Asia/Shanghai), as $TZ, /etc/timezone or the
    /etc/localtime link give it."""
    if os.environ.get("TZ"):
        return os.environ["TZ"]
    try:
        return Path("/etc/timezone").read_text().strip() or None
    except OSError:
        pass
    try:
        target = os.readlink("/etc/localtime")
    except OSError:
        return None
    return target.partition("zoneinfo/")[2] or target


def clock(now: dt.datetime | None = None) -> dict[str, Any]:
    """The clock as the kiosk reads it: UTC, local time, the zone and its offset. (Whether the
    clock is plausible is the self-test's judgement.)"""
    now = now or dt.datetime.now(dt.UTC)
    local = now.astimezone()
    offset = local.utcoffset()
    return {
        "utc": now.astimezone(dt.UTC).isoformat(timespec="seconds"),
        "local": local.isoformat(timespec="seconds"),
        "zone": _zone_name(),
        "zone_abbreviation": local.tzname(),
        "utc_offset_minutes": int(offset.total_seconds() // 60) if offset is not None else None,
        "monotonic_s": round(time.monotonic(), 3),
    }


def system(now: dt.datetime | None = None) -> dict[str, Any]:
    """The machine: host name, uptime, memory, CPUs and the clock."""
    return {
        "hostname": platform.node(),
        "uptime_s": _uptime_seconds(),
        "memory": _memory(),
        "cpus": os.cpu_count(),
        "clock": clock(now),
    }

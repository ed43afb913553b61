"""Why the kiosk is out of service: a short reason code a technician can read off the screen.

The out-of-service screen shows one of these codes (and nothing else technical); the log holds
the full reason. A technician's maintenance is shown the same way (MAINTENANCE), with the
service entry still open. What each code means and what fixes it is documented in one place,
docs/out-of-service.md (a test keeps it in step with this enum). The codes are few on purpose:
each names what a technician must look at, not every way it can fail.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass


class Reason(enum.Enum):
    CONFIG = "E-CONFIG"  # a setting is invalid (kiosk.toml, KIOSK_* variables)
    LOG = "E-LOG"  # the log folder or file cannot be written
    DATA_DIR = "E-DATA-DIR"  # the data folder cannot be created, read or written
    DISK_FULL = "E-DISK-FULL"  # no space left for the database, the log or the key
    DB_UNREACHABLE = "E-DB-UNREACHABLE"  # the database server does not answer (or is busy)
    DB_CORRUPT = "E-DB-CORRUPT"  # the SQLite file is damaged or is not a database
    DB_READONLY = "E-DB-READONLY"  # the database can be read but not written
    DB_SCHEMA = "E-DB-SCHEMA"  # the database's schema is not this program's (e.g. newer)
    KEY = "E-KEY"  # the voucher signing key or the audit chain key: missing, unsafe, damaged...
    INTERNAL = "E-INTERNAL"  # anything else: a fault in the program itself
    # Not a fault: a technician or administrator took the kiosk out of service (ServiceState).
    MAINTENANCE = "E-MAINTENANCE"

    @property
    def code(self) -> str:
        return self.value


@dataclass(frozen=True)
class Outage:
    """The kiosk is out of service for `reason` since `since` (an aware time). When the reason
    changes while it stays out of service (the file was replaced, the server is still away),
    `since` stays: it is how long the hall has been without this kiosk."""

    reason: Reason
    since: dt.datetime

    def lasted(self, now: dt.datetime) -> dt.timedelta:
        return max(now - self.since, dt.timedelta(0))


@dataclass(frozen=True, slots=True)
class ServiceState:
    """Whether the kiosk serves citizens, as staff last set it: in service, or out of service
    for maintenance since `since`, set by `by` (a login). Never set: in service, `since` None."""

    in_service: bool = True
    since: dt.datetime | None = None
    by: str | None = None

    def outage(self) -> Outage | None:
        """Out of service for maintenance as the out-of-service screen shows it; None in service."""
        if self.in_service:
            return None
        return Outage(Reason.MAINTENANCE, self.since or dt.datetime.now(dt.UTC))

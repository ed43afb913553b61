"""The centre of a fleet deployment as the kiosk sees it (docs/fleet.md): reachable or not, and
how much of this kiosk's outbox still waits for it. Shown by the status strip and diagnostics."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass


class Deployment(enum.Enum):
    STANDALONE = "standalone"  # everything in the kiosk's own database (the default, the demo)
    FLEET = "fleet"  # local journal and outbox, cardholders at the central PostgreSQL


class CentreState(enum.Enum):
    NOT_USED = "not_used"  # standalone: there is no centre
    UNKNOWN = "unknown"  # not checked yet
    ONLINE = "online"
    UNREACHABLE = "unreachable"  # no connection, a timeout: the outbox waits
    REJECTED = "rejected"  # the centre answers with an error: a configuration problem


@dataclass(frozen=True)
class CentreStatus:
    state: CentreState
    queued: int = 0  # outbox messages of this kiosk not yet confirmed by the centre
    oldest_at: dt.datetime | None = None  # when the oldest of them was written
    checked_at: dt.datetime | None = None
    last_sent_at: dt.datetime | None = None  # the centre's last confirmation

    def age(self, now: dt.datetime) -> dt.timedelta | None:
        """How long the oldest waiting message has waited; None when nothing waits."""
        return None if self.oldest_at is None else max(now - self.oldest_at, dt.timedelta(0))

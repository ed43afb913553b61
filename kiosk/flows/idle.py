"""Idle time-out (PRODUCT.md flow 9): 60 s without a touch brings a 15 s "need more time?"
countdown, then the session ends. Pure: the caller says what time it is, so tests use a fake
clock and the UI a one-second timer."""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

IDLE_SECONDS = 60.0
WARNING_SECONDS = 15.0


class IdleState(enum.Enum):
    ACTIVE = "active"
    WARNING = "warning"
    EXPIRED = "expired"


@dataclass(frozen=True)
class IdleStatus:
    state: IdleState
    remaining: int  # whole seconds left on the countdown (WARNING), else 0


class IdleWatch:
    def __init__(self, idle: float = IDLE_SECONDS, warning: float = WARNING_SECONDS) -> None:
        self.idle = idle
        self.warning = warning
        self._last_touch: float | None = None  # None: not watching (attract screen)

    def start(self, now: float) -> None:
        self._last_touch = now

    def stop(self) -> None:
        self._last_touch = None

    @property
    def watching(self) -> bool:
        return self._last_touch is not None

    def touch(self, now: float) -> None:
        """Any tap or key press: the citizen is there. Also "I need more time"."""
        if self._last_touch is not None:
            self._last_touch = now

    def status(self, now: float) -> IdleStatus:
        if self._last_touch is None:
            return IdleStatus(IdleState.ACTIVE, 0)
        quiet = now - self._last_touch
        if quiet < self.idle:
            return IdleStatus(IdleState.ACTIVE, 0)
        left = self.idle + self.warning - quiet
        if left > 0:
            return IdleStatus(IdleState.WARNING, math.ceil(left))
        return IdleStatus(IdleState.EXPIRED, 0)

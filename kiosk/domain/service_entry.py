"""The hidden service entry's code: the numeric code typed on the pad that opens the staff
login after the long press on the attract screen's corner. It only keeps citizens away from
the login screen (the staff password is the real lock), so it is checked in constant time and
shuts for a while after a few wrong codes, and the staff login's own lock-out still applies.
Plain data, no I/O; the clock is injected."""

from __future__ import annotations

import datetime as dt
import enum
import hmac
from collections.abc import Callable
from dataclasses import dataclass

CODE_MIN_DIGITS = 4
CODE_MAX_DIGITS = 12
WRONG_CODES_ALLOWED = 3
SHUT_FOR = dt.timedelta(minutes=5)


def code_problem(code: str) -> str | None:
    """Why `code` cannot be a service code (None: it can): 4 to 12 ASCII digits."""
    if not (CODE_MIN_DIGITS <= len(code) <= CODE_MAX_DIGITS) or not (
        code.isascii() and code.isdigit()
    ):
        return f"{CODE_MIN_DIGITS} to {CODE_MAX_DIGITS} digits (0-9)"
    return None


class EntryOutcome(enum.Enum):
    OPEN = "open"  # the right code: on to the staff login
    WRONG = "wrong"  # a wrong code; `tries_left` more before the entry shuts
    SHUT = "shut"  # too many wrong codes: no code is tried before `until`


@dataclass(frozen=True, slots=True)
class EntryAnswer:
    outcome: EntryOutcome
    tries_left: int = 0
    until: dt.datetime | None = None


class ServiceEntryGate:
    """Checks typed codes against the kiosk's service code. After WRONG_CODES_ALLOWED wrong
    codes in a row the entry is shut for SHUT_FOR (the right code is refused meanwhile too);
    the right code starts the count again."""

    def __init__(
        self,
        code: str,
        clock: Callable[[], dt.datetime],
        *,
        wrong_allowed: int = WRONG_CODES_ALLOWED,
        shut_for: dt.timedelta = SHUT_FOR,
    ) -> None:
        problem = code_problem(code)
        if problem is not None:
            raise ValueError(f"a service code is {problem}")
        self._code = code.encode("ascii")
        self._clock = clock
        self._wrong_allowed = wrong_allowed
        self._shut_for = shut_for
        self._wrong = 0
        self._shut_until: dt.datetime | None = None

    def shut_until(self) -> dt.datetime | None:
        """Until when the entry is shut, or None while it is open."""
        if self._shut_until is not None and self._clock() >= self._shut_until:
            self._shut_until = None
        return self._shut_until

    def check(self, typed: str) -> EntryAnswer:
        until = self.shut_until()
        if until is not None:
            return EntryAnswer(EntryOutcome.SHUT, until=until)
        candidate = typed.encode("ascii", "replace")[: CODE_MAX_DIGITS + 1]
        if hmac.compare_digest(candidate, self._code):
            self._wrong = 0
            return EntryAnswer(EntryOutcome.OPEN)
        self._wrong += 1
        if self._wrong >= self._wrong_allowed:
            self._wrong = 0
            self._shut_until = self._clock() + self._shut_for
            return EntryAnswer(EntryOutcome.SHUT, until=self._shut_until)
        return EntryAnswer(EntryOutcome.WRONG, tries_left=self._wrong_allowed - self._wrong)

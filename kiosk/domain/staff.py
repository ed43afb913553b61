"""Staff accounts' rules: who may do what, the lock-out and idle-logout policies, what a login
name and a password must look like, and what a login attempt comes to. Plain data, no I/O: the
hashing and the database are kiosk.services.staff_auth's."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.domain.journal import AccountRole, ActorKind

# Issue 12: 5 wrong passwords lock the account for 15 minutes; 2 minutes idle logs out.
LOCK_AFTER_FAILURES = 5
LOCK_DURATION = dt.timedelta(minutes=15)
IDLE_TIMEOUT = dt.timedelta(minutes=2)

# A login is typed on the kiosk's on-screen keyboard and stored in a VARCHAR(32).
LOGIN_MAX = 32
_LOGIN = re.compile(r"[a-z][a-z0-9._-]*")
DISPLAY_NAME_MAX = 60  # staff_accounts.display_name
# NIST SP 800-63B: at least 8 characters, and no composition rules. The upper bound only keeps
# a pasted file from being hashed; any real password fits.
PASSWORD_MIN_CHARS = 8
PASSWORD_MAX_BYTES = 1024


class Permission(enum.Enum):
    """What a staff screen asks before it opens."""

    VOUCHER_DESK = "voucher_desk"  # find, verify, reprint, hand over, reimburse, progress
    DAY_REPORTS = "day_reports"  # today's totals, CSV export, day-end slip
    AUDIT_LOG = "audit_log"  # browse the audit log, run its integrity check
    DIAGNOSTICS = "diagnostics"
    LEAVE_KIOSK_MODE = "leave_kiosk_mode"  # the only way out of the full-screen kiosk
    MAINTENANCE = "maintenance"  # take the kiosk out of service for maintenance, and back
    ACCOUNTS = "accounts"
    CALENDAR = "calendar"  # working-day calendar overrides


ROLE_PERMISSIONS: dict[AccountRole, frozenset[Permission]] = {
    AccountRole.CLERK: frozenset(
        {Permission.VOUCHER_DESK, Permission.DAY_REPORTS, Permission.AUDIT_LOG}
    ),
    AccountRole.TECHNICIAN: frozenset(
        {Permission.DIAGNOSTICS, Permission.LEAVE_KIOSK_MODE, Permission.MAINTENANCE}
    ),
    AccountRole.ADMINISTRATOR: frozenset(Permission),
}


def may(role: AccountRole, permission: Permission) -> bool:
    """Whether a staff member in `role` may do `permission`."""
    return permission in ROLE_PERMISSIONS[role]


def actor_kind_of(role: AccountRole) -> ActorKind:
    """The audit log's actor kind for a staff member in `role` (the actor is their login)."""
    return ActorKind.TECHNICIAN if role is AccountRole.TECHNICIAN else ActorKind.STAFF


# The --role words of `kiosk staff add` (administrators type "admin").
ROLE_WORDS: dict[str, AccountRole] = {
    "clerk": AccountRole.CLERK,
    "technician": AccountRole.TECHNICIAN,
    "admin": AccountRole.ADMINISTRATOR,
}


def login_problem(login: str) -> str | None:
    """What is wrong with `login` as a new account's login name, or None."""
    if not login:
        return "a login name cannot be empty"
    if len(login) > LOGIN_MAX:
        return f"a login name has at most {LOGIN_MAX} characters"
    if _LOGIN.fullmatch(login) is None:
        return (
            "a login name is lower-case letters, digits and . _ - (no spaces), "
            "starting with a letter"
        )
    return None


def display_name_problem(name: str) -> str | None:
    if not name.strip():
        return "a display name cannot be empty"
    if len(name) > DISPLAY_NAME_MAX:
        return f"a display name has at most {DISPLAY_NAME_MAX} characters"
    if any(not ch.isprintable() for ch in name):
        return "a display name cannot hold control characters"
    return None


def password_problem(password: bytearray) -> str | None:
    """What is wrong with `password` (UTF-8 bytes) as a new password, or None. Counted on the
    bytes, so that no immutable copy of the password is made just to check it."""
    if len(password) > PASSWORD_MAX_BYTES:
        return f"a password has at most {PASSWORD_MAX_BYTES} bytes"
    # A UTF-8 character is one byte that is not a continuation byte (10xxxxxx).
    chars = sum(1 for byte in password if byte & 0xC0 != 0x80)
    if chars < PASSWORD_MIN_CHARS:
        return f"a password has at least {PASSWORD_MIN_CHARS} characters"
    if any(byte < 0x20 or byte == 0x7F for byte in password):
        return "a password cannot hold control characters (a line break, a tab)"
    return None


def wipe(secret: bytearray) -> None:
    """Overwrite `secret` in place: the password is gone from this buffer after use."""
    secret[:] = bytes(len(secret))


@dataclass(frozen=True, slots=True)
class StaffSession:
    """Who is logged in: what the staff screens and the audit log need, never the hash."""

    account_id: int
    login: str
    display_name: str
    role: AccountRole
    started_at: dt.datetime

    @property
    def actor_kind(self) -> ActorKind:
        return actor_kind_of(self.role)

    def may(self, permission: Permission) -> bool:
        return may(self.role, permission)


@dataclass(frozen=True, slots=True)
class WrongCredentials:
    """No such login, or the wrong password: the caller cannot tell which."""


@dataclass(frozen=True, slots=True)
class AccountDisabled:
    """The right password for an account that was disabled (`kiosk staff disable`)."""


@dataclass(frozen=True, slots=True)
class AccountLocked:
    """Too many wrong passwords: no password is tried before `until`."""

    until: dt.datetime


LoginRefusal = WrongCredentials | AccountDisabled | AccountLocked


@dataclass(frozen=True, slots=True)
class FailureCount:
    """An account's wrong passwords after one more: the new count, and the lock if it locks."""

    failed_attempts: int
    locked_until: dt.datetime | None


def after_failure(failed_attempts: int, now: dt.datetime) -> FailureCount:
    """One more wrong password. The last allowed one locks the account for LOCK_DURATION and
    starts the count again, so the account gets a fresh five tries when the lock ends."""
    count = failed_attempts + 1
    if count >= LOCK_AFTER_FAILURES:
        return FailureCount(0, now + LOCK_DURATION)
    return FailureCount(count, None)


def is_locked(locked_until: dt.datetime | None, now: dt.datetime) -> bool:
    return locked_until is not None and now < locked_until


class IdleWatch:
    """The idle-logout policy for one staff session: `touch()` on every tap or key, `expired()`
    when the screens ask (a timer's tick); after IDLE_TIMEOUT without activity it is expired
    and stays so. The clock is injected: a fake one in tests."""

    def __init__(
        self, clock: Callable[[], dt.datetime], timeout: dt.timedelta = IDLE_TIMEOUT
    ) -> None:
        if timeout <= dt.timedelta(0):
            raise ValueError("the idle timeout must be positive")
        self._clock = clock
        self.timeout = timeout
        self._last = clock()
        self._expired = False

    def touch(self) -> None:
        """Activity: the idle time starts again (unless the session has already expired)."""
        if not self.expired():
            self._last = self._clock()

    def remaining(self) -> dt.timedelta:
        """How long until the session expires without activity (zero when it has)."""
        if self._expired:
            return dt.timedelta(0)
        return max(dt.timedelta(0), self._last + self.timeout - self._clock())

    def expired(self) -> bool:
        if not self._expired and self._clock() - self._last >= self.timeout:
            self._expired = True  # a late tap must not bring an expired session back
        return self._expired

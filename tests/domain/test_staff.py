"""Staff rules: who may do what, the lock-out count, the idle logout, login and password rules."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.domain.journal import AccountRole, ActorKind
from kiosk.domain.staff import (
    IDLE_TIMEOUT,
    LOCK_AFTER_FAILURES,
    LOCK_DURATION,
    IdleWatch,
    Permission,
    actor_kind_of,
    after_failure,
    is_locked,
    login_problem,
    may,
    password_problem,
    wipe,
)

T0 = dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC)


class FakeClock:
    def __init__(self, now: dt.datetime = T0) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def test_roles() -> None:
    clerk, tech, admin = AccountRole.CLERK, AccountRole.TECHNICIAN, AccountRole.ADMINISTRATOR
    assert may(clerk, Permission.VOUCHER_DESK) and may(clerk, Permission.DAY_REPORTS)
    assert not may(clerk, Permission.LEAVE_KIOSK_MODE) and not may(clerk, Permission.ACCOUNTS)
    assert not may(clerk, Permission.DIAGNOSTICS) and not may(clerk, Permission.CALENDAR)
    assert may(tech, Permission.DIAGNOSTICS) and may(tech, Permission.LEAVE_KIOSK_MODE)
    assert not may(tech, Permission.VOUCHER_DESK) and not may(tech, Permission.ACCOUNTS)
    assert all(may(admin, p) for p in Permission)
    assert actor_kind_of(tech) is ActorKind.TECHNICIAN
    assert actor_kind_of(clerk) is actor_kind_of(admin) is ActorKind.STAFF


def test_the_fifth_wrong_password_locks_for_fifteen_minutes() -> None:
    count = 0
    for _ in range(LOCK_AFTER_FAILURES - 1):
        step = after_failure(count, T0)
        assert step.locked_until is None
        count = step.failed_attempts
    assert count == 4
    locked = after_failure(count, T0)
    assert locked.locked_until == T0 + dt.timedelta(minutes=15) == T0 + LOCK_DURATION
    assert locked.failed_attempts == 0  # five fresh tries once the lock ends
    assert is_locked(locked.locked_until, T0 + dt.timedelta(minutes=14, seconds=59))
    assert not is_locked(locked.locked_until, T0 + dt.timedelta(minutes=15))
    assert not is_locked(None, T0)


def test_idle_watch_on_a_fake_clock() -> None:
    clock = FakeClock()
    watch = IdleWatch(clock)
    assert dt.timedelta(minutes=2) == IDLE_TIMEOUT
    clock.advance(seconds=119)
    assert not watch.expired() and watch.remaining() == dt.timedelta(seconds=1)
    watch.touch()  # a tap: two more minutes
    clock.advance(seconds=119)
    assert not watch.expired()
    clock.advance(seconds=1)
    assert watch.expired() and watch.remaining() == dt.timedelta(0)
    watch.touch()  # too late: an expired session stays expired
    assert watch.expired()
    with pytest.raises(ValueError):
        IdleWatch(clock, dt.timedelta(0))


@pytest.mark.parametrize(
    ("login", "ok"),
    [
        ("clerk01", True),
        ("a.b_c-d", True),
        ("", False),
        ("has space", False),
        ("x" * 200, False),
        ("x" * 32, True),
        ("x" * 33, False),
        ("Upper", False),
        ("1st", False),
        ("柜员", False),
        ("line\nbreak", False),
    ],
)
def test_login_rule(login: str, ok: bool) -> None:
    assert (login_problem(login) is None) is ok


def test_password_rule() -> None:
    assert "at least 8" in (password_problem(bytearray(b"")) or "")
    assert "at least 8" in (password_problem(bytearray(b"1234567")) or "")
    assert password_problem(bytearray(b"12345678")) is None
    # Characters, not bytes: seven Chinese characters are 21 bytes and still too short.
    assert password_problem(bytearray("七个汉字的密码".encode())) is not None
    assert password_problem(bytearray("八个汉字组成密码".encode())) is None
    assert password_problem(bytearray(b"password\n")) is not None
    assert password_problem(bytearray(b"x" * 2000)) is not None


def test_wipe_overwrites_in_place() -> None:
    secret = bytearray(b"hunter22")
    view = memoryview(secret)
    wipe(secret)
    assert bytes(view) == bytes(8)

"""Staff logins (issue 12): Argon2id hashes in the database, lock-out and unlock on a fake
clock, rehash when the parameters rise, the same work for an unknown login as for a wrong
password, and every login, failure, lock, logout and account change in the sealed audit chain
with the staff user as actor. On SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt

import argon2
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from kiosk.domain.journal import AccountRole, ActorKind
from kiosk.domain.staff import (
    AccountDisabled,
    AccountLocked,
    Permission,
    StaffSession,
    WrongCredentials,
)
from kiosk.services.staff_auth import (
    DEFAULT_PARAMETERS,
    OWASP_MINIMUM,
    AccountExists,
    InvalidAccountInput,
    NoSuchAccount,
    Operator,
    StaffAccounts,
    StaffAuth,
    WeakParameters,
    password_hasher,
)
from kiosk.store import models as m
from kiosk.store.audit import AuditRepository
from kiosk.store.audit_verify import verify_audit_chains
from kiosk.store.db import read_session
from kiosk.store.seal import AuditSeal

CHAIN = "K1"
T0 = dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC)
ROOT = Operator(ActorKind.TECHNICIAN, "root")
PASSWORD = b"correct horse"


class FakeClock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


class CountingHasher(argon2.PasswordHasher):
    """A real hasher that counts its checks: the proof that every refusal costs one."""

    verified = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        self.verified += 1
        return super().verify(hash, password)


def fast_hasher(params: argon2.Parameters = OWASP_MINIMUM) -> CountingHasher:
    return CountingHasher.from_parameters(params)  # type: ignore[return-value]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def accounts(engine: Engine, audit_seal: AuditSeal, clock: FakeClock) -> StaffAccounts:
    made = StaffAccounts(engine, audit_seal, CHAIN, clock=clock, hasher=fast_hasher())
    made.add("clerk01", AccountRole.CLERK, bytearray(PASSWORD), ROOT, display_name="柜员一")
    return made


@pytest.fixture
def auth(engine: Engine, audit_seal: AuditSeal, clock: FakeClock) -> StaffAuth:
    return StaffAuth(engine, audit_seal, CHAIN, clock=clock, hasher=fast_hasher())


def stored_hash(engine: Engine, login: str) -> str:
    with read_session(engine) as s:
        return s.scalar(
            sa.select(m.StaffAccount.password_hash).where(m.StaffAccount.login == login)
        )


def audit_trail(engine: Engine, seal: AuditSeal) -> list[tuple[str, str, str, str, dict]]:
    """The chain oldest first, as (actor kind, actor, action, outcome, detail); verified."""
    with read_session(engine) as s:
        assert verify_audit_chains(s, seal=seal, anchor=seal.anchor).problems == []
        entries = AuditRepository(s).entries(chain=CHAIN)
    return [
        (e.actor_kind.value, e.actor, e.action, e.outcome.value, e.detail)
        for e in reversed(entries)
    ]


def test_argon2id_hash_in_the_database(engine: Engine, accounts: StaffAccounts) -> None:
    stored = stored_hash(engine, "clerk01")
    assert stored.startswith("$argon2id$v=19$")
    assert PASSWORD.decode() not in stored
    params = argon2.extract_parameters(stored)
    assert params.memory_cost >= 19 * 1024 and params.time_cost >= 2
    # The kiosk's own parameters are above OWASP's minimum too.
    assert DEFAULT_PARAMETERS.type is argon2.Type.ID
    assert DEFAULT_PARAMETERS.memory_cost >= OWASP_MINIMUM.memory_cost
    assert DEFAULT_PARAMETERS.time_cost >= OWASP_MINIMUM.time_cost
    with pytest.raises(WeakParameters):
        password_hasher(dataclasses.replace(OWASP_MINIMUM, memory_cost=4096))
    with pytest.raises(WeakParameters):
        password_hasher(dataclasses.replace(OWASP_MINIMUM, type=argon2.Type.I))


def test_login_gives_a_session_and_wipes_the_password(
    accounts: StaffAccounts, auth: StaffAuth
) -> None:
    password = bytearray(PASSWORD)
    session = auth.login("clerk01", password)
    assert isinstance(session, StaffSession)
    assert (session.login, session.display_name, session.role) == (
        "clerk01",
        "柜员一",
        AccountRole.CLERK,
    )
    assert session.started_at == T0 and session.account_id > 0
    assert session.may(Permission.VOUCHER_DESK) and not session.may(Permission.ACCOUNTS)
    assert password == bytearray(len(PASSWORD))  # wiped
    wrong = bytearray(b"not the password")
    assert auth.login("clerk01", wrong) == WrongCredentials()
    assert wrong == bytearray(len(wrong))


def test_lock_out_and_unlock_on_a_fake_clock(
    engine: Engine, accounts: StaffAccounts, auth: StaffAuth, clock: FakeClock
) -> None:
    for _ in range(4):
        assert auth.login("clerk01", bytearray(b"guess1234")) == WrongCredentials()
        clock.advance(seconds=10)
    fifth = auth.login("clerk01", bytearray(b"guess1234"))
    until = clock.now + dt.timedelta(minutes=15)
    assert fifth == AccountLocked(until)
    # While locked, even the right password is not tried.
    clock.advance(minutes=14, seconds=59)
    assert auth.login("clerk01", bytearray(PASSWORD)) == AccountLocked(until)
    clock.advance(seconds=1)
    assert isinstance(auth.login("clerk01", bytearray(PASSWORD)), StaffSession)
    with read_session(engine) as s:
        row = s.scalar(sa.select(m.StaffAccount).where(m.StaffAccount.login == "clerk01"))
        assert row is not None and row.failed_attempts == 0 and row.locked_until is None


def test_a_right_password_resets_the_count(
    accounts: StaffAccounts, auth: StaffAuth, clock: FakeClock
) -> None:
    for _ in range(4):
        assert auth.login("clerk01", bytearray(b"guess1234")) == WrongCredentials()
    assert isinstance(auth.login("clerk01", bytearray(PASSWORD)), StaffSession)
    for _ in range(4):
        assert auth.login("clerk01", bytearray(b"guess1234")) == WrongCredentials()
    assert isinstance(auth.login("clerk01", bytearray(PASSWORD)), StaffSession)


def test_unknown_login_and_wrong_password_look_and_cost_the_same(
    accounts: StaffAccounts, auth: StaffAuth
) -> None:
    hasher = auth.hasher
    assert isinstance(hasher, CountingHasher)
    outcomes = []
    for login in ("clerk01", "nobody", "has space", "x" * 200):
        before = hasher.verified
        outcomes.append(auth.login(login, bytearray(b"guess1234")))
        assert hasher.verified - before == 1, login  # one Argon2 check each, no more, no less
    assert outcomes == [WrongCredentials()] * 4
    for _ in range(4):
        auth.login("clerk01", bytearray(b"guess1234"))
    before = hasher.verified
    assert isinstance(auth.login("clerk01", bytearray(PASSWORD)), AccountLocked)
    assert hasher.verified - before == 1  # locked: a dummy check, the same time


def test_disabled_account(accounts: StaffAccounts, auth: StaffAuth) -> None:
    assert accounts.disable("clerk01", ROOT) is True
    assert accounts.disable("clerk01", ROOT) is False  # already: nothing more recorded
    assert auth.login("clerk01", bytearray(PASSWORD)) == AccountDisabled()
    # The wrong password says nothing about the account.
    assert auth.login("clerk01", bytearray(b"guess1234")) == WrongCredentials()
    accounts.reset("clerk01", bytearray(b"a new password"), ROOT)  # active again
    assert auth.login("clerk01", bytearray(PASSWORD)) == WrongCredentials()
    assert isinstance(auth.login("clerk01", bytearray(b"a new password")), StaffSession)


def test_reset_unlocks(accounts: StaffAccounts, auth: StaffAuth) -> None:
    for _ in range(5):
        auth.login("clerk01", bytearray(b"guess1234"))
    assert isinstance(auth.login("clerk01", bytearray(PASSWORD)), AccountLocked)
    accounts.reset("clerk01", bytearray(b"fresh start"), ROOT)
    assert isinstance(auth.login("clerk01", bytearray(b"fresh start")), StaffSession)


def test_rehash_when_the_parameters_rise(
    engine: Engine, audit_seal: AuditSeal, accounts: StaffAccounts, clock: FakeClock
) -> None:
    before = stored_hash(engine, "clerk01")
    raised = dataclasses.replace(OWASP_MINIMUM, time_cost=3, memory_cost=24 * 1024)
    auth = StaffAuth(engine, audit_seal, CHAIN, clock=clock, hasher=fast_hasher(raised))
    assert isinstance(auth.login("clerk01", bytearray(PASSWORD)), StaffSession)
    after = stored_hash(engine, "clerk01")
    assert after != before and argon2.extract_parameters(after) == raised
    assert isinstance(auth.login("clerk01", bytearray(PASSWORD)), StaffSession)
    assert stored_hash(engine, "clerk01") == after  # rehashed once, not at every login
    # A wrong password never rehashes.
    lower = StaffAuth(engine, audit_seal, CHAIN, clock=clock, hasher=fast_hasher())
    assert lower.login("clerk01", bytearray(b"guess1234")) == WrongCredentials()
    assert stored_hash(engine, "clerk01") == after
    logins = [e for e in audit_trail(engine, audit_seal) if e[2] == "staff.login"]
    assert [e[4] for e in logins] == [{"rehashed": True}, {}, {"reason": "wrong_password"}]


def test_every_action_is_audited_with_the_staff_user_as_actor(
    engine: Engine, audit_seal: AuditSeal, accounts: StaffAccounts, auth: StaffAuth
) -> None:
    accounts.add("tech01", AccountRole.TECHNICIAN, bytearray(b"tech password"), ROOT)
    session = auth.login("clerk01", bytearray(PASSWORD))
    assert isinstance(session, StaffSession)
    auth.logout(session)
    tech = auth.login("tech01", bytearray(b"tech password"))
    assert isinstance(tech, StaffSession)
    auth.logout(tech, idle=True)
    auth.login("nobody", bytearray(b"guess1234"))
    for _ in range(5):
        auth.login("clerk01", bytearray(b"guess1234"))
    auth.login("clerk01", bytearray(PASSWORD))
    accounts.reset("clerk01", bytearray(b"a new password"), ROOT)
    accounts.disable("tech01", Operator.of(session))
    until = (T0 + dt.timedelta(minutes=15)).isoformat()
    wrong = ("staff", "clerk01", "staff.login", "refused", {"reason": "wrong_password"})
    assert audit_trail(engine, audit_seal) == [
        ("technician", "root", "staff.account_added", "ok", {"login": "clerk01", "role": "clerk"}),
        (
            "technician",
            "root",
            "staff.account_added",
            "ok",
            {"login": "tech01", "role": "technician"},
        ),
        ("staff", "clerk01", "staff.login", "ok", {}),
        ("staff", "clerk01", "staff.logout", "ok", {"reason": "user"}),
        ("technician", "tech01", "staff.login", "ok", {}),
        ("technician", "tech01", "staff.logout", "ok", {"reason": "idle"}),
        ("anonymous", "?", "staff.login", "refused", {"reason": "unknown_login"}),
        *[wrong] * 5,
        ("staff", "clerk01", "staff.locked", "ok", {"until": until, "failures": 5}),
        ("staff", "clerk01", "staff.login", "refused", {"reason": "locked", "until": until}),
        ("technician", "root", "staff.password_reset", "ok", {"login": "clerk01"}),
        ("staff", "clerk01", "staff.account_disabled", "ok", {"login": "tech01"}),
    ]
    # Never a password in the log, in any form.
    assert "correct horse" not in repr(audit_trail(engine, audit_seal))


def test_account_refusals(engine: Engine, audit_seal: AuditSeal, accounts: StaffAccounts) -> None:
    with pytest.raises(AccountExists):
        accounts.add("clerk01", AccountRole.CLERK, bytearray(b"another one"), ROOT)
    short = bytearray(b"short")
    with pytest.raises(InvalidAccountInput, match="at least 8 characters"):
        accounts.add("clerk02", AccountRole.CLERK, short, ROOT)
    assert short == bytearray(5)  # wiped even when refused
    with pytest.raises(InvalidAccountInput, match="no spaces"):
        accounts.add("has space", AccountRole.CLERK, bytearray(b"long enough"), ROOT)
    with pytest.raises(InvalidAccountInput, match="at most 32"):
        accounts.add("x" * 200, AccountRole.CLERK, bytearray(b"long enough"), ROOT)
    with pytest.raises(NoSuchAccount):
        accounts.reset("nobody", bytearray(b"long enough"), ROOT)
    with pytest.raises(NoSuchAccount):
        accounts.disable("nobody", ROOT)
    assert [a.login for a in accounts.accounts()] == ["clerk01"]
    # The refusals recorded nothing: the one entry is the fixture's account.
    assert [e[2] for e in audit_trail(engine, audit_seal)] == ["staff.account_added"]

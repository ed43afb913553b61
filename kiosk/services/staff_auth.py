"""Staff accounts and their logins: Argon2id password hashes, lock-out after wrong passwords,
logout, and the account commands (`kiosk staff`, later the administrator's screen). Every
login, failure, lock, logout and account change is sealed into the kiosk's audit chain with the
staff user as actor. Qt-free; the clock is injected. The rules themselves (roles, lock-out,
idle logout, what a password must be) are kiosk.domain.staff's.

Passwords come in a `bytearray` and are wiped before the call returns, whatever happens; they
are never logged and never kept. argon2-cffi wants `bytes`, so each hash or check makes one
short-lived immutable copy: Python cannot promise more.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import argon2
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from kiosk.domain import staff as rules
from kiosk.domain.journal import AccountRole, ActorKind, Outcome, StaffAccount
from kiosk.domain.staff import (
    AccountDisabled,
    AccountLocked,
    LoginRefusal,
    StaffSession,
    WrongCredentials,
)
from kiosk.store.db import read_session
from kiosk.store.repositories import StaffAccountRepository
from kiosk.store.seal import AuditSeal
from kiosk.store.unitofwork import UnitOfWork

log = logging.getLogger(__name__)

# OWASP Password Storage Cheat Sheet (2025, "Argon2id"): "a minimum configuration of 19 MiB of
# memory, an iteration count of 2, and 1 degree of parallelism"
# (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#argon2id).
# No hasher below it is made.
OWASP_MINIMUM = argon2.Parameters(
    type=argon2.Type.ID,
    version=19,
    salt_len=16,
    hash_len=32,
    time_cost=2,
    memory_cost=19 * 1024,  # KiB
    parallelism=1,
)
# What the kiosk hashes with: RFC 9106's second recommended option (argon2-cffi's default
# profile): 64 MiB, 3 passes, 4 lanes, about 0.15 s on a kiosk PC; above the minimum on every
# count. Raising these later rehashes each password at its next login (check_needs_rehash).
DEFAULT_PARAMETERS = argon2.profiles.RFC_9106_LOW_MEMORY

# Audit actions.
LOGIN = "staff.login"  # ok, or refused with detail reason
LOCKED = "staff.locked"  # the wrong password that locked the account
LOGOUT = "staff.logout"  # detail reason: "user" or "idle"
ACCOUNT_ADDED = "staff.account_added"
PASSWORD_RESET = "staff.password_reset"
ACCOUNT_DISABLED = "staff.account_disabled"
# The actor of an attempt with a login nobody has: what was typed is not recorded (it may be a
# password typed into the wrong field).
UNKNOWN_ACTOR = "?"


class WeakParameters(ValueError):
    """Argon2 parameters below OWASP's minimum, or not Argon2id."""


def password_hasher(parameters: argon2.Parameters = DEFAULT_PARAMETERS) -> argon2.PasswordHasher:
    """An Argon2id hasher with `parameters`; WeakParameters if they are below OWASP_MINIMUM."""
    low = OWASP_MINIMUM
    if (
        parameters.type is not argon2.Type.ID
        or parameters.memory_cost < low.memory_cost
        or parameters.time_cost < low.time_cost
        or parameters.parallelism < low.parallelism
        or parameters.salt_len < low.salt_len
        or parameters.hash_len < low.hash_len
    ):
        raise WeakParameters(f"Argon2 parameters below OWASP's Argon2id minimum: {parameters}")
    return argon2.PasswordHasher.from_parameters(parameters)


@dataclass(frozen=True, slots=True)
class Operator:
    """Who changes an account, for the audit log: an administrator's session, or whoever runs
    `kiosk staff` (their system login, as the key commands record it)."""

    kind: ActorKind
    name: str

    @classmethod
    def of(cls, session: StaffSession) -> Operator:
        return cls(session.actor_kind, session.login)


class StaffAccountError(Exception):
    """An account change that cannot be made; the message says why in one line."""


class AccountExists(StaffAccountError):
    pass


class NoSuchAccount(StaffAccountError):
    pass


class InvalidAccountInput(StaffAccountError):
    """A login name, display name or password that breaks a rule of kiosk.domain.staff."""


class StaffAuth:
    """Logins and logouts of staff at one kiosk (`kiosk_id` names its audit chain)."""

    def __init__(
        self,
        engine: Engine,
        seal: AuditSeal,
        kiosk_id: str,
        *,
        clock: Callable[[], dt.datetime],
        hasher: argon2.PasswordHasher | None = None,
    ) -> None:
        self.engine = engine
        self.seal = seal
        self.kiosk_id = kiosk_id
        self.clock = clock
        self.hasher = hasher if hasher is not None else password_hasher()
        # What a login nobody has is checked against, so that it takes as long as a real one;
        # made here rather than at the first such login, which would take twice as long.
        self._dummy_hash = self.hasher.hash(secrets.token_bytes(16))

    def login(self, login: str, password: bytearray) -> StaffSession | LoginRefusal:
        """Check `password` for `login`. A wrong password and a login nobody has give the same
        WrongCredentials in the same time (a dummy hash is checked); a locked account is
        AccountLocked without its password being tried; a disabled one is AccountDisabled only
        for the right password. `password` is wiped before this returns."""
        try:
            with UnitOfWork(self.engine, self.seal) as uow:
                result = self._login(uow, login, password)
                uow.commit()
        finally:
            rules.wipe(password)
        match result:
            case StaffSession():
                log.info("staff.login role=%s", result.role.value)
            case _:
                log.info("staff.login_refused reason=%s", type(result).__name__)
        return result

    def _login(
        self, uow: UnitOfWork, login: str, password: bytearray
    ) -> StaffSession | LoginRefusal:
        now = self.clock()
        # An impossible login is not looked up, but costs the same time as any other.
        lookup = rules.login_problem(login) is None
        account = uow.staff.get(login, for_update=True) if lookup else None
        if account is None:
            self._check(self._dummy(), password)
            self._audit(
                uow,
                ActorKind.ANONYMOUS,
                UNKNOWN_ACTOR,
                LOGIN,
                Outcome.REFUSED,
                now,
                {"reason": "unknown_login"},
            )
            return WrongCredentials()
        kind = rules.actor_kind_of(account.role)
        if rules.is_locked(account.locked_until, now):
            assert account.locked_until is not None
            self._check(self._dummy(), password)  # the same time as a real check
            self._audit(
                uow,
                kind,
                login,
                LOGIN,
                Outcome.REFUSED,
                now,
                {"reason": "locked", "until": _iso(account.locked_until)},
            )
            return AccountLocked(account.locked_until)
        if not self._check(account.password_hash, password):
            count = rules.after_failure(account.failed_attempts, now)
            uow.staff.set_failures(login, count.failed_attempts, count.locked_until)
            self._audit(uow, kind, login, LOGIN, Outcome.REFUSED, now, {"reason": "wrong_password"})
            if count.locked_until is not None:
                self._audit(
                    uow,
                    kind,
                    login,
                    LOCKED,
                    Outcome.OK,
                    now,
                    {"until": _iso(count.locked_until), "failures": rules.LOCK_AFTER_FAILURES},
                )
                log.warning("staff.locked minutes=%d", rules.LOCK_DURATION.total_seconds() // 60)
                return AccountLocked(count.locked_until)
            return WrongCredentials()
        if not account.active:
            self._audit(uow, kind, login, LOGIN, Outcome.REFUSED, now, {"reason": "disabled"})
            return AccountDisabled()
        detail: dict[str, object] = {}
        if self.hasher.check_needs_rehash(account.password_hash):
            # The parameters were raised since this hash was made: the right password is here
            # now, and only now, to hash again with the new ones.
            uow.staff.set_password(login, self._hash(password), unlock=False)
            detail["rehashed"] = True
        uow.staff.set_failures(login, 0, None)
        self._audit(uow, kind, login, LOGIN, Outcome.OK, now, detail)
        assert account.id is not None
        return StaffSession(
            account_id=account.id,
            login=account.login,
            display_name=account.display_name,
            role=account.role,
            started_at=now,
        )

    def logout(self, session: StaffSession, *, idle: bool = False) -> None:
        """End `session`: asked for by the staff member, or `idle` (IdleWatch expired)."""
        with UnitOfWork(self.engine, self.seal) as uow:
            self._audit(
                uow,
                session.actor_kind,
                session.login,
                LOGOUT,
                Outcome.OK,
                self.clock(),
                {"reason": "idle" if idle else "user"},
            )
            uow.commit()
        log.info("staff.logout idle=%s", idle)

    def _check(self, password_hash: str, password: bytearray) -> bool:
        try:
            return self.hasher.verify(password_hash, bytes(password))
        except InvalidHashError:
            # Not a hash at all (edited by hand?): no password opens the account.
            log.warning("staff.invalid_hash")
            self._check(self._dummy(), password)
            return False
        except VerificationError:  # VerifyMismatchError among them
            return False

    def _hash(self, password: bytearray) -> str:
        return self.hasher.hash(bytes(password))

    def _dummy(self) -> str:
        return self._dummy_hash

    def _audit(
        self,
        uow: UnitOfWork,
        kind: ActorKind,
        actor: str,
        action: str,
        outcome: Outcome,
        at: dt.datetime,
        detail: Mapping[str, object],
    ) -> None:
        uow.audit.append(
            chain=self.kiosk_id,
            actor_kind=kind,
            actor=actor,
            action=action,
            outcome=outcome,
            at=at,
            detail=detail,
        )


class StaffAccounts:
    """Adding, resetting, disabling and listing accounts; each change audited with its
    operator as actor and the account in the detail."""

    def __init__(
        self,
        engine: Engine,
        seal: AuditSeal | None,
        kiosk_id: str,
        *,
        clock: Callable[[], dt.datetime],
        hasher: argon2.PasswordHasher | None = None,
    ) -> None:
        self.engine = engine
        self.seal = seal  # None: listing only
        self.kiosk_id = kiosk_id
        self.clock = clock
        self.hasher = hasher if hasher is not None else password_hasher()

    def accounts(self) -> list[StaffAccount]:
        """Every account, by login (hashes included: show them to nobody)."""
        with read_session(self.engine) as session:
            return StaffAccountRepository(session).all()

    def add(
        self,
        login: str,
        role: AccountRole,
        password: bytearray,
        by: Operator,
        *,
        display_name: str | None = None,
    ) -> StaffAccount:
        """A new active account; AccountExists, InvalidAccountInput. Wipes `password`."""
        try:
            name = display_name if display_name is not None else login
            problem = (
                rules.login_problem(login)
                or rules.display_name_problem(name)
                or rules.password_problem(password)
            )
            if problem:
                raise InvalidAccountInput(problem)
            password_hash = self.hasher.hash(bytes(password))
        finally:
            rules.wipe(password)
        now = self.clock()
        try:
            with UnitOfWork(self.engine, self.seal) as uow:
                if uow.staff.get(login) is not None:
                    raise AccountExists(f"there is already a staff account {login}")
                uow.staff.add(
                    login=login, display_name=name, role=role, password_hash=password_hash, at=now
                )
                self._audit(uow, by, ACCOUNT_ADDED, now, {"login": login, "role": role.value})
                account = uow.staff.get(login)
                uow.commit()
        except IntegrityError:  # added by someone else between the look and the insert
            raise AccountExists(f"there is already a staff account {login}") from None
        assert account is not None
        return account

    def reset(self, login: str, password: bytearray, by: Operator) -> StaffAccount:
        """A new password; the account is unlocked and active again. NoSuchAccount,
        InvalidAccountInput. Wipes `password`."""
        try:
            problem = rules.password_problem(password)
            if problem:
                raise InvalidAccountInput(problem)
            password_hash = self.hasher.hash(bytes(password))
        finally:
            rules.wipe(password)
        with UnitOfWork(self.engine, self.seal) as uow:
            self._existing(uow, login)
            now = self.clock()
            uow.staff.set_password(login, password_hash, unlock=True)
            self._audit(uow, by, PASSWORD_RESET, now, {"login": login})
            account = uow.staff.get(login)
            uow.commit()
        assert account is not None
        return account

    def disable(self, login: str, by: Operator) -> bool:
        """Disable `login`; False if it already was (nothing recorded). NoSuchAccount."""
        with UnitOfWork(self.engine, self.seal) as uow:
            if not self._existing(uow, login).active:
                return False
            uow.staff.set_active(login, False)
            self._audit(uow, by, ACCOUNT_DISABLED, self.clock(), {"login": login})
            uow.commit()
        return True

    def _existing(self, uow: UnitOfWork, login: str) -> StaffAccount:
        account = uow.staff.get(login, for_update=True)
        if account is None:
            raise NoSuchAccount(f"there is no staff account {login}")
        return account

    def _audit(
        self, uow: UnitOfWork, by: Operator, action: str, at: dt.datetime, detail: dict[str, object]
    ) -> None:
        uow.audit.append(
            chain=self.kiosk_id,
            actor_kind=by.kind,
            actor=by.name[:64],
            action=action,
            outcome=Outcome.OK,
            at=at,
            detail=detail,
        )


def _iso(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat(timespec="seconds")

"""Proofs of identity that failed (S8) and the staff and technician accounts."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kiosk.domain import journal as j
from kiosk.domain.proof import ProofMethod
from kiosk.store import models as m
from kiosk.store.upsert import insert_ignore


class ProofRepository:
    """Failed proofs of identity or of holding a voucher (S8): counted here, judged in
    kiosk.services.proof."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def lock_person(self, subject: str) -> dt.datetime | None:
        """Lock the guard row of one ID number until commit (made if new) and return when it
        last succeeded. Two kiosks trying the same number are decided one after the other."""
        self.session.execute(
            insert_ignore(self.session, m.IdentificationGuard, {"subject": subject})
        )
        return self.session.scalar(
            sa.select(m.IdentificationGuard.cleared_at)
            .where(m.IdentificationGuard.subject == subject)
            .with_for_update()
        )

    def clear_person(self, subject: str, at: dt.datetime) -> None:
        """A success: the failures before `at` no longer count against this ID number."""
        self.session.execute(
            sa.update(m.IdentificationGuard)
            .where(m.IdentificationGuard.subject == subject)
            .values(cleared_at=at)
        )

    def add_failure(
        self, *, kiosk_id: str, method: ProofMethod, subject: str | None, at: dt.datetime
    ) -> None:
        self.session.add(m.ProofFailure(kiosk_id=kiosk_id, method=method, subject=subject, at=at))
        self.session.flush()

    def person_failures(self, subject: str, since: dt.datetime, limit: int) -> list[dt.datetime]:
        """When the newest (at most `limit`) failures for this ID number after `since` were."""
        return self._newest(m.ProofFailure.subject == subject, since, limit)

    def kiosk_failures(self, kiosk_id: str, since: dt.datetime, limit: int) -> list[dt.datetime]:
        """When the newest (at most `limit`) failures at this kiosk after `since` were."""
        return self._newest(m.ProofFailure.kiosk_id == kiosk_id, since, limit)

    def _newest(
        self, where: sa.ColumnElement[bool], since: dt.datetime, limit: int
    ) -> list[dt.datetime]:
        return list(
            self.session.scalars(
                sa.select(m.ProofFailure.at)
                .where(where, m.ProofFailure.at > since)
                .order_by(m.ProofFailure.at.desc())
                .limit(limit)
            )
        )


class StaffAccountRepository:
    """Staff and technician accounts; password hashing and lock-out rules live in services."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, login: str, *, for_update: bool = False) -> j.StaffAccount | None:
        """The account `login`, or None. `for_update` locks its row until commit, so two
        kiosks counting wrong passwords for one account count one after the other."""
        query = sa.select(m.StaffAccount).where(m.StaffAccount.login == login)
        if for_update:
            query = query.with_for_update()
        row = self.session.scalar(query)
        return None if row is None else _account(row)

    def all(self) -> list[j.StaffAccount]:
        """Every account, by login."""
        rows = self.session.scalars(sa.select(m.StaffAccount).order_by(m.StaffAccount.login))
        return [_account(row) for row in rows]

    def add(
        self,
        *,
        login: str,
        display_name: str,
        role: j.AccountRole,
        password_hash: str,
        at: dt.datetime,
    ) -> int:
        row = m.StaffAccount(
            login=login,
            display_name=display_name,
            role=role,
            password_hash=password_hash,
            failed_attempts=0,
            active=True,
            created_at=at,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def set_failures(
        self, login: str, failed_attempts: int, locked_until: dt.datetime | None
    ) -> None:
        """The wrong-password count and the lock (None: not locked)."""
        self._update(login, failed_attempts=failed_attempts, locked_until=locked_until)

    def set_password(self, login: str, password_hash: str, *, unlock: bool) -> None:
        """A new hash (a reset, or a rehash with raised parameters); `unlock` also clears the
        count and the lock and makes the account active again."""
        if unlock:
            self._update(
                login,
                password_hash=password_hash,
                failed_attempts=0,
                locked_until=None,
                active=True,
            )
        else:
            self._update(login, password_hash=password_hash)

    def set_active(self, login: str, active: bool) -> None:
        self._update(login, active=active)

    def _update(self, login: str, **values: object) -> None:
        self.session.execute(
            sa.update(m.StaffAccount).where(m.StaffAccount.login == login).values(**values)
        )


def _account(row: m.StaffAccount) -> j.StaffAccount:
    return j.StaffAccount(
        login=row.login,
        display_name=row.display_name,
        role=row.role,
        password_hash=row.password_hash,
        failed_attempts=row.failed_attempts,
        locked_until=row.locked_until,
        active=row.active,
        id=row.id,
    )

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

    def get(self, login: str) -> j.StaffAccount | None:
        row = self.session.scalar(sa.select(m.StaffAccount).where(m.StaffAccount.login == login))
        if row is None:
            return None
        return j.StaffAccount(
            login=row.login,
            display_name=row.display_name,
            role=row.role,
            password_hash=row.password_hash,
            failed_attempts=row.failed_attempts,
            locked_until=row.locked_until,
            active=row.active,
        )

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

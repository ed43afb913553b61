"""The insurance records behind a cardholder: what "My records" shows after the PIN."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kiosk.domain import records as r
from kiosk.store import models as m


def month_key(year: int, month: int) -> int:
    """The YYYYMM integer the contributions table uses."""
    return year * 100 + month


class RecordsRepository:
    """Insurance records behind a cardholder: what "My records" shows after the PIN."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def enrolments(self, ssn: str) -> list[r.Enrolment]:
        rows = self.session.scalars(
            sa.select(m.Enrolment)
            .join(m.Cardholder)
            .where(m.Cardholder.ssn == ssn)
            .order_by(m.Enrolment.insurance_type, m.Enrolment.start_date)
        )
        return [
            r.Enrolment(row.insurance_type, row.status, row.start_date, row.end_date)
            for row in rows
        ]

    def contributions(self, ssn: str, year: int) -> list[r.Contribution]:
        """One year's contributions, month by month (one index range on the primary key)."""
        rows = self.session.execute(
            sa.select(
                m.Contribution.month,
                m.Employer.name,
                m.Contribution.base_fen,
                m.Contribution.employer_fen,
                m.Contribution.personal_fen,
                m.Contribution.paid,
            )
            .join(m.Cardholder, m.Cardholder.id == m.Contribution.cardholder_id)
            .join(m.Employer, m.Employer.id == m.Contribution.employer_id)
            .where(
                m.Cardholder.ssn == ssn,
                m.Contribution.month.between(month_key(year, 1), month_key(year, 12)),
            )
            .order_by(m.Contribution.month, m.Contribution.employer_id)
        )
        return [
            r.Contribution(
                year=month // 100,
                month=month % 100,
                employer=employer,
                base_fen=base,
                employer_fen=employer_fen,
                personal_fen=personal_fen,
                paid=paid,
            )
            for month, employer, base, employer_fen, personal_fen, paid in rows
        ]

    def contribution_years(self, ssn: str) -> list[int]:
        """The years with at least one contribution, newest first."""
        first_last = self.session.execute(
            sa.select(sa.func.min(m.Contribution.month), sa.func.max(m.Contribution.month))
            .join(m.Cardholder, m.Cardholder.id == m.Contribution.cardholder_id)
            .where(m.Cardholder.ssn == ssn)
        ).one()
        if first_last[0] is None:
            return []
        return list(range(first_last[1] // 100, first_last[0] // 100 - 1, -1))

    def accounts(self, ssn: str) -> list[r.PersonalAccount]:
        rows = self.session.scalars(
            sa.select(m.PersonalAccount)
            .join(m.Cardholder)
            .where(m.Cardholder.ssn == ssn)
            .order_by(m.PersonalAccount.account_type)
        )
        return [
            r.PersonalAccount(
                account_type=row.account_type,
                balance_fen=row.balance_fen,
                year=row.year,
                credits_fen=row.credits_fen,
                debits_fen=row.debits_fen,
                updated_at=row.updated_at,
            )
            for row in rows
        ]

    def qualifications(self, ssn: str) -> list[r.Qualification]:
        rows = self.session.scalars(
            sa.select(m.Qualification)
            .join(m.Cardholder)
            .where(m.Cardholder.ssn == ssn)
            .order_by(m.Qualification.issued_on)
        )
        return [
            r.Qualification(row.title, row.level, row.certificate_no, row.issued_on, row.issuer)
            for row in rows
        ]

    def work_history(self, ssn: str) -> list[r.WorkPeriod]:
        rows = self.session.execute(
            sa.select(m.WorkPeriod, m.Employer.name)
            .join(m.Cardholder, m.Cardholder.id == m.WorkPeriod.cardholder_id)
            .join(m.Employer, m.Employer.id == m.WorkPeriod.employer_id)
            .where(m.Cardholder.ssn == ssn)
            .order_by(m.WorkPeriod.start_date)
        )
        return [
            r.WorkPeriod(employer, period.position, period.start_date, period.end_date)
            for period, employer in rows
        ]

    def injury_assessments(self, ssn: str) -> list[r.InjuryAssessment]:
        rows = self.session.scalars(
            sa.select(m.InjuryAssessment)
            .join(m.Cardholder)
            .where(m.Cardholder.ssn == ssn)
            .order_by(m.InjuryAssessment.assessed_on)
        )
        return [
            r.InjuryAssessment(row.kind, row.assessed_on, row.disability_grade, row.description)
            for row in rows
        ]

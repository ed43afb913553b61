"""The voucher desk's queries: vouchers found by holder or by issue date, a voucher's prints,
its reissue (locked for a change), its medical reimbursement, and the acting staff account."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kiosk.domain import desk as d
from kiosk.domain import journal as j
from kiosk.store import models as m


@dataclass(frozen=True, slots=True)
class DeskStaff:
    """The stored account behind a staff actor."""

    id: int
    role: j.AccountRole
    active: bool


@dataclass(frozen=True, slots=True)
class PrintRow:
    reprint_no: int
    printed_at: dt.datetime
    actor_kind: j.ActorKind
    staff_login: str | None
    reason: str | None


class DeskRepository:
    """Reads and the few writes of the voucher desk. Takes a session, never commits."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def staff(self, login: str) -> DeskStaff | None:
        row = self.session.execute(
            sa.select(m.StaffAccount.id, m.StaffAccount.role, m.StaffAccount.active).where(
                m.StaffAccount.login == login
            )
        ).first()
        return None if row is None else DeskStaff(row[0], row[1], row[2])

    def numbers_of_holder(self, ssn: str, limit: int) -> list[str]:
        """The vouchers of the cardholder with ID number `ssn`, newest first."""
        return list(
            self.session.scalars(
                sa.select(m.Voucher.number)
                .join(m.Transaction, m.Transaction.id == m.Voucher.transaction_id)
                .join(m.Cardholder, m.Cardholder.id == m.Transaction.cardholder_id)
                .where(m.Cardholder.ssn == ssn)
                .order_by(m.Voucher.issued_at.desc(), m.Voucher.id.desc())
                .limit(limit)
            )
        )

    def numbers_issued_between(
        self, since: dt.datetime, until: dt.datetime, limit: int
    ) -> list[str]:
        """Vouchers issued in [since, until), newest first."""
        return list(
            self.session.scalars(
                sa.select(m.Voucher.number)
                .where(m.Voucher.issued_at >= since, m.Voucher.issued_at < until)
                .order_by(m.Voucher.issued_at.desc(), m.Voucher.id.desc())
                .limit(limit)
            )
        )

    def voucher_ids(self, number: str) -> tuple[int, str] | None:
        """(voucher id, its transaction's idempotency key)."""
        row = self.session.execute(
            sa.select(m.Voucher.id, m.Transaction.idempotency_key)
            .join(m.Transaction, m.Transaction.id == m.Voucher.transaction_id)
            .where(m.Voucher.number == number)
        ).first()
        return None if row is None else (row[0], row[1])

    def prints(self, voucher_id: int) -> list[PrintRow]:
        rows = self.session.execute(
            sa.select(
                m.VoucherPrint.reprint_no,
                m.VoucherPrint.printed_at,
                m.VoucherPrint.actor_kind,
                m.StaffAccount.login,
                m.VoucherPrint.reason,
            )
            .outerjoin(m.StaffAccount, m.StaffAccount.id == m.VoucherPrint.staff_account_id)
            .where(m.VoucherPrint.voucher_id == voucher_id)
            .order_by(m.VoucherPrint.reprint_no)
        )
        return [PrintRow(*row) for row in rows]

    def lock_reissue(self, number: str) -> m.ReissueApplication | None:
        """The reissue application behind voucher `number`, locked until commit (FOR UPDATE on
        PostgreSQL) so two desks moving it are decided one after the other."""
        return self.session.scalar(
            sa.select(m.ReissueApplication)
            .join(m.Voucher, m.Voucher.transaction_id == m.ReissueApplication.transaction_id)
            .where(m.Voucher.number == number)
            .with_for_update()
            # Read the row afresh even if this session saw it before the lock.
            .execution_options(populate_existing=True)
        )

    def set_progress(
        self, reissue: m.ReissueApplication, progress: j.ReissueProgress, at: dt.datetime
    ) -> None:
        reissue.progress = progress
        reissue.progress_changed_at = at
        self.session.flush()

    def reimbursement(self, voucher_id: int) -> d.Reimbursement | None:
        row = self.session.execute(
            sa.select(m.MedicalReimbursement, m.StaffAccount.login)
            .join(m.StaffAccount, m.StaffAccount.id == m.MedicalReimbursement.staff_account_id)
            .where(m.MedicalReimbursement.voucher_id == voucher_id)
        ).first()
        if row is None:
            return None
        found, login = row
        return d.Reimbursement(
            amount_fen=found.amount_fen,
            reviewer=found.reviewer,
            reviewed_on=found.reviewed_on,
            recorded_at=found.recorded_at,
            recorded_by=login,
        )

    def add_reimbursement(
        self,
        *,
        voucher_id: int,
        amount_fen: int,
        reviewer: str,
        reviewed_on: dt.date,
        at: dt.datetime,
        staff_account_id: int,
    ) -> None:
        """Insert and flush at once: a second reimbursement of the voucher fails here
        (IntegrityError), even when another desk's is not committed yet."""
        self.session.add(
            m.MedicalReimbursement(
                voucher_id=voucher_id,
                amount_fen=amount_fen,
                reviewer=reviewer,
                reviewed_on=reviewed_on,
                recorded_at=at,
                staff_account_id=staff_account_id,
            )
        )
        self.session.flush()

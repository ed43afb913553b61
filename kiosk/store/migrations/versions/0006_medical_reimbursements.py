"""Medical expenses of a loss period, reimbursed at the voucher desk once per voucher: the
unique voucher_id refuses a second reimbursement whatever the service checked before.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 06:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "medical_reimbursements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("voucher_id", sa.Integer(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("reviewer", sa.String(length=60), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("staff_account_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "amount_fen > 0", name=op.f("ck_medical_reimbursements_amount_positive")
        ),
        sa.ForeignKeyConstraint(
            ["voucher_id"],
            ["vouchers.id"],
            name=op.f("fk_medical_reimbursements_voucher_id_vouchers"),
        ),
        sa.ForeignKeyConstraint(
            ["staff_account_id"],
            ["staff_accounts.id"],
            name=op.f("fk_medical_reimbursements_staff_account_id_staff_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_medical_reimbursements")),
        sa.UniqueConstraint("voucher_id", name=op.f("uq_medical_reimbursements_voucher_id")),
    )


def downgrade() -> None:
    op.drop_table("medical_reimbursements")

"""Failed proofs of identity or of holding a voucher, counted per ID number and per kiosk (S8).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "identification_guards",
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("cleared_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("subject", name=op.f("pk_identification_guards")),
    )
    op.create_table(
        "proof_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kiosk_id", sa.String(length=12), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("method", sa.String(length=24), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proof_failures")),
    )
    op.create_index("ix_proof_failures_subject_at", "proof_failures", ["subject", "at"])
    op.create_index("ix_proof_failures_kiosk_at", "proof_failures", ["kiosk_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_proof_failures_kiosk_at", table_name="proof_failures")
    op.drop_index("ix_proof_failures_subject_at", table_name="proof_failures")
    op.drop_table("proof_failures")
    op.drop_table("identification_guards")

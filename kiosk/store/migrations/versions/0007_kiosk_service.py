"""Out of service for maintenance, per kiosk: the state a technician or administrator set (on
screen or with `kiosk diag service`), so that it survives a restart. No row: in service.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-12 06:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kiosk_service",
        sa.Column("kiosk_id", sa.String(length=12), nullable=False),
        sa.Column("in_service", sa.Boolean(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("kiosk_id", name=op.f("pk_kiosk_service")),
    )


def downgrade() -> None:
    op.drop_table("kiosk_service")

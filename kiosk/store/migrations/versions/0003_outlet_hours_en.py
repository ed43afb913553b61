"""Outlets' opening hours in English, for English screens and vouchers.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 14:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outlets") as batch:
        batch.add_column(sa.Column("opening_hours_en", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outlets") as batch:
        batch.drop_column("opening_hours_en")

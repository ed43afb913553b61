"""Loss cancellations of temporary loss reports made elsewhere: loss_report_id may be NULL.

A card reported at a counter, before the kiosk, has no loss report row to point at; the
cancellation's transaction still names the card.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 12:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("loss_cancellations") as batch:
        batch.alter_column("loss_report_id", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("loss_cancellations") as batch:
        batch.alter_column("loss_report_id", existing_type=sa.Integer(), nullable=False)

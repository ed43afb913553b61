"""The audit chain is keyed (HMAC-SHA256 with a key outside the database): each entry records the
id of the key that sealed it, and each chain's head how many entries came before keying.

Entries written before this revision stay as they are: plain SHA-256 links, which anybody who
can write the database could recompute. `legacy_seq` records, per chain, the last of them (the
chain's head at upgrade), so `kiosk db check` verifies entries 1..legacy_seq as legacy unkeyed
ones and says how many there are, and requires every later entry to be keyed. The first keyed
entry links to the last legacy one, so once the kiosk has written under its key (and anchored
that head outside the database), rewriting the legacy entries breaks the keyed chain after them.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("key_id", sa.String(16), nullable=True))
    with op.batch_alter_table("audit_heads") as batch:
        batch.add_column(sa.Column("legacy_seq", sa.Integer(), nullable=False, server_default="0"))
    # Every entry there is now was written unkeyed.
    op.execute("UPDATE audit_heads SET legacy_seq = seq")


def downgrade() -> None:
    with op.batch_alter_table("audit_heads") as batch:
        batch.drop_column("legacy_seq")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("key_id")

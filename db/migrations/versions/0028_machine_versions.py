"""Language versions written by machine translation remember it (their readers see a note).

Revision ID: 0028
Revises: 0024
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0028"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("campaign_texts", "poll_variants", "info_pages"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("machine", sa.Boolean(), nullable=False, server_default=sa.false())
            )
    with op.batch_alter_table("meetings") as batch:
        batch.add_column(
            sa.Column("machine_languages", sa.Text(), nullable=False, server_default="[]")
        )


def downgrade() -> None:
    with op.batch_alter_table("meetings") as batch:
        batch.drop_column("machine_languages")
    for table in ("info_pages", "poll_variants", "campaign_texts"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("machine")

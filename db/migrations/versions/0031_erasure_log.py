"""The erasure log: a keyed hash of each erased person's Telegram id and the time, so that
erasures done after a backup are repeated when it is restored.

Revision ID: 0031
Revises: 0028
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.types import UTCDateTime

revision = "0031"
down_revision = "0028"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erasure_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_hash", sa.String(64), nullable=False),
        sa.Column("erased_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure_log")),
    )
    op.create_index(op.f("ix_erasure_log_person_hash"), "erasure_log", ["person_hash"])
    op.create_index(op.f("ix_erasure_log_erased_at"), "erasure_log", ["erased_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_erasure_log_erased_at"), table_name="erasure_log")
    op.drop_index(op.f("ix_erasure_log_person_hash"), table_name="erasure_log")
    op.drop_table("erasure_log")

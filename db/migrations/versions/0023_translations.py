"""Machine translations cache (issue 21): one row per (text hash, source, target, provider).

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.types import UTCDateTime

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "translations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=5), nullable=False),
        sa.Column("target", sa.String(length=5), nullable=False),
        sa.Column("provider", sa.String(length=16), nullable=False),
        sa.Column("translated", sa.Text(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["idea_id"], ["ideas.id"], name="fk_translations_idea_id_ideas", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_translations"),
        sa.UniqueConstraint(
            "text_hash", "source", "target", "provider", name="uq_translations_text_hash"
        ),
    )
    op.create_index("ix_translations_idea_id", "translations", ["idea_id"])


def downgrade() -> None:
    op.drop_index("ix_translations_idea_id", table_name="translations")
    op.drop_table("translations")

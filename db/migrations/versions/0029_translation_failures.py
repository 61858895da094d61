"""Machine translation fixes (issue 21 review): failed staff-card translations per idea (the
tick moves on and backs off), and the staff card's "Last change" lines kept with the idea.

Revision ID: 0029
Revises: 0032
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.types import UTCDateTime

revision = "0029"
down_revision = "0032"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "translation_failures",
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(length=5), nullable=False),
        sa.Column("provider", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_try_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["idea_id"], ["ideas.id"], name="fk_translation_failures_idea_id_ideas",
            ondelete="CASCADE",
        ),  # fmt: skip
        sa.PrimaryKeyConstraint("idea_id", "target", "provider", name="pk_translation_failures"),
    )
    op.create_index(
        "ix_translation_failures_next_try_at", "translation_failures", ["next_try_at"]
    )
    with op.batch_alter_table("ideas") as batch_op:
        batch_op.add_column(sa.Column("staff_note", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ideas") as batch_op:
        batch_op.drop_column("staff_note")
    op.drop_index("ix_translation_failures_next_try_at", table_name="translation_failures")
    op.drop_table("translation_failures")

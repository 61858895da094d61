"""Bürgerhaushalt cycle: results kept once voting closed, implementation updates.

`budget_processes.results`: the results computed when voting closed (JSON), None before; the
closing tick sets it in the transaction that queues the results for the voters, so it happens
once. `budget_updates`: a funded project's status changes with their text per language.

Revision ID: 0035
Revises: 0037
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.types import UTCDateTime, utcnow

revision = "0035"
down_revision = "0037"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("budget_processes") as batch:
        batch.add_column(sa.Column("results", sa.Text(), nullable=True))
    op.create_table(
        "budget_updates",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "project_id",
            sa.Integer(),
            sa.ForeignKey("budget_projects.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False, default=utcnow),
    )
    op.create_index("ix_budget_updates_project_id", "budget_updates", ["project_id"])


def downgrade() -> None:
    op.drop_index("ix_budget_updates_project_id", table_name="budget_updates")
    op.drop_table("budget_updates")
    with op.batch_alter_table("budget_processes") as batch:
        batch.drop_column("results")

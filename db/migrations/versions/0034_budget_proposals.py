"""budget proposals: residents' proposals for a Bürgerhaushalt and who supports them

`budget_proposals`: a resident's proposal (their words, language, district, optional photo,
place and cost idea), its status on the way to the ballot, the reason sent when it was not
feasible, the proposal it was merged into, the project it became. `budget_supports`: one row
per supporter and proposal. Both go with the person (ON DELETE CASCADE).

Revision ID: 0034
Revises: 0035
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.types import UTCDateTime

revision = "0034"
down_revision = "0035"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "budget_proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("district", sa.String(length=32), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("photo", sa.String(length=256), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("cost_idea", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("merged_into", sa.Integer(), nullable=True),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["process_id"], ["budget_processes.id"],
            name=op.f("fk_budget_proposals_process_id_budget_processes"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"],
            name=op.f("fk_budget_proposals_user_id_users"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["merged_into"], ["budget_proposals.id"],
            name=op.f("fk_budget_proposals_merged_into_budget_proposals"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["budget_projects.id"],
            name=op.f("fk_budget_proposals_project_id_budget_projects"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_proposals")),
    )  # fmt: skip
    with op.batch_alter_table("budget_proposals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_proposals_process_id"), ["process_id"])
        batch_op.create_index(batch_op.f("ix_budget_proposals_status"), ["status"])
        batch_op.create_index(batch_op.f("ix_budget_proposals_user_id"), ["user_id"])
    op.create_table(
        "budget_supports",
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["proposal_id"], ["budget_proposals.id"],
            name=op.f("fk_budget_supports_proposal_id_budget_proposals"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"],
            name=op.f("fk_budget_supports_user_id_users"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("proposal_id", "user_id", name=op.f("pk_budget_supports")),
    )  # fmt: skip
    with op.batch_alter_table("budget_supports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_supports_user_id"), ["user_id"])


def downgrade() -> None:
    with op.batch_alter_table("budget_supports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budget_supports_user_id"))
    op.drop_table("budget_supports")
    with op.batch_alter_table("budget_proposals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budget_proposals_user_id"))
        batch_op.drop_index(batch_op.f("ix_budget_proposals_status"))
        batch_op.drop_index(batch_op.f("ix_budget_proposals_process_id"))
    op.drop_table("budget_proposals")

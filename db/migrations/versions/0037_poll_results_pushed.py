"""When a poll's results were sent to its voters (`polls.results_pushed_at`), so that they go
out once: at closing ("close and push") or later from the dashboard's "push results".

Polls closed with their results pushed before this revision are marked from the audit log
(`poll.close_push_results`, target `poll:<id>`) at their closing time.

Revision ID: 0037
Revises: 0033
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.types import UTCDateTime

revision = "0037"
down_revision = "0033"
branch_labels = None
depends_on = None

audit = sa.table("staff_audit", sa.column("action", sa.String), sa.column("target", sa.String))
polls = sa.table(
    "polls", sa.column("id", sa.Integer), sa.column("closed_at", UTCDateTime()),
    sa.column("results_pushed_at", UTCDateTime()),
)  # fmt: skip


def upgrade() -> None:
    with op.batch_alter_table("polls") as batch:
        batch.add_column(sa.Column("results_pushed_at", UTCDateTime(), nullable=True))
    targets = op.get_bind().execute(
        sa.select(audit.c.target).where(audit.c.action == "poll.close_push_results")
    )
    ids = {int(target.removeprefix("poll:")) for (target,) in targets if target[5:].isdigit()}
    if ids:
        op.execute(
            polls.update().where(polls.c.id.in_(ids)).values(results_pushed_at=polls.c.closed_at)
        )


def downgrade() -> None:
    with op.batch_alter_table("polls") as batch:
        batch.drop_column("results_pushed_at")

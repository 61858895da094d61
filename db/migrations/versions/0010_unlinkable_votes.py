"""poll votes keep no time and (SQLite) no insertion order: nothing links a vote to a voter

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.types import UTCDateTime

revision = '0010'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # voted_at could be joined with the time of any row naming the voter (the thank-you in the
    # outbox); it is dropped with its values. SQLite: WITHOUT ROWID stores votes in key (HMAC)
    # order, so no hidden rowid keeps the order in which people voted.
    if op.get_bind().dialect.name == 'sqlite':
        with op.batch_alter_table(
            'poll_votes', recreate='always', table_kwargs={'sqlite_with_rowid': False}
        ) as batch_op:
            batch_op.drop_column('voted_at')
    else:
        op.drop_column('poll_votes', 'voted_at')
        # Existing votes rewritten in key order (the heap kept the order of voting).
        op.execute('CLUSTER poll_votes USING pk_poll_votes')
    # Messages to voters already sent: nothing of them needs to stay (docs/ARCHITECTURE.md, Polls).
    op.execute(
        "DELETE FROM outbox WHERE status IN ('sent', 'failed', 'cancelled') AND ("
        "dedupe_key LIKE 'pollthanks:%' OR dedupe_key LIKE 'polllate:%'"
        " OR dedupe_key LIKE 'pollresult:%')"
    )


def downgrade() -> None:
    epoch = sa.text("'1970-01-01 00:00:00'")
    if op.get_bind().dialect.name == 'sqlite':
        with op.batch_alter_table(
            'poll_votes', recreate='always', table_kwargs={'sqlite_with_rowid': True}
        ) as batch_op:
            batch_op.add_column(
                sa.Column('voted_at', UTCDateTime(), nullable=False, server_default=epoch)
            )
    else:
        op.add_column(
            'poll_votes', sa.Column('voted_at', UTCDateTime(), nullable=False, server_default=epoch)
        )

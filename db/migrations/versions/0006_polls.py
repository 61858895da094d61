"""polls: polls, variants, native poll messages, votes, youth groups

Revision ID: 0006
Revises: 0004
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.types import UTCDateTime

revision = '0006'
# The lead re-points this to '0005' (meetings) when merging.
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('polls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.BigInteger(), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('starts_at', UTCDateTime(), nullable=False),
    sa.Column('closes_at', UTCDateTime(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('closed_at', UTCDateTime(), nullable=True),
    sa.Column('multiple', sa.Boolean(), nullable=False),
    sa.Column('show_results', sa.Boolean(), nullable=False),
    sa.Column('push_results', sa.Boolean(), nullable=False),
    sa.Column('option_count', sa.Integer(), nullable=False),
    sa.Column('audience', sa.Text(), nullable=False),
    sa.Column('draft_key', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_polls')),
    sa.UniqueConstraint('draft_key', name=op.f('uq_polls_draft_key'))
    )
    with op.batch_alter_table('polls', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_polls_status'), ['status'], unique=False)

    op.create_table('youth_groups',
    sa.Column('chat_id', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('title', sa.String(length=128), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('requested_at', UTCDateTime(), nullable=False),
    sa.Column('decided_at', UTCDateTime(), nullable=True),
    sa.Column('decided_by', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('chat_id', name=op.f('pk_youth_groups'))
    )
    with op.batch_alter_table('youth_groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_youth_groups_status'), ['status'], unique=False)

    op.create_table('poll_variants',
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('question', sa.String(length=300), nullable=False),
    sa.Column('options', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['poll_id'], ['polls.id'], name=op.f('fk_poll_variants_poll_id_polls'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('poll_id', 'language', name=op.f('pk_poll_variants'))
    )
    op.create_table('poll_messages',
    sa.Column('telegram_poll_id', sa.String(length=64), nullable=False),
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('message_id', sa.BigInteger(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('is_group', sa.Boolean(), nullable=False),
    sa.Column('native_close', sa.Boolean(), nullable=False),
    sa.Column('tally', sa.Text(), nullable=True),
    sa.Column('tally_voters', sa.Integer(), nullable=False),
    sa.Column('sent_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['poll_id'], ['polls.id'], name=op.f('fk_poll_messages_poll_id_polls'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('telegram_poll_id', name=op.f('pk_poll_messages'))
    )
    with op.batch_alter_table('poll_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_poll_messages_poll_id'), ['poll_id'], unique=False)

    op.create_table('poll_votes',
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('voter', sa.String(length=64), nullable=False),
    sa.Column('choices', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('district', sa.String(length=32), nullable=True),
    sa.Column('age_group', sa.String(length=16), nullable=True),
    sa.Column('voted_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['poll_id'], ['polls.id'], name=op.f('fk_poll_votes_poll_id_polls'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('poll_id', 'voter', name=op.f('pk_poll_votes'))
    )
    with op.batch_alter_table('poll_votes', schema=None) as batch_op:
        batch_op.create_index('ix_poll_votes_segments', ['poll_id', 'language', 'district', 'age_group', 'choices'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('poll_votes', schema=None) as batch_op:
        batch_op.drop_index('ix_poll_votes_segments')

    op.drop_table('poll_votes')
    with op.batch_alter_table('poll_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_poll_messages_poll_id'))

    op.drop_table('poll_messages')
    op.drop_table('poll_variants')
    with op.batch_alter_table('youth_groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_youth_groups_status'))

    op.drop_table('youth_groups')
    with op.batch_alter_table('polls', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_polls_status'))

    op.drop_table('polls')

"""Outcomes collected between two writes, and writing them in one transaction."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot import outbox as queue
from bot.services import audit
from bot.services.budget.audience import VOTER_NOTICES as BUDGET_VOTER_NOTICES
from bot.services.ideas import erasure as idea_erasure
from bot.services.polls.votes import VOTER_NOTICES
from bot.services.volunteering import cards as volunteer_cards
from db.repositories import outbox
from db.repositories import polls as poll_rows
from db.sqlite_writes import hold_write_lock

log = logging.getLogger(__name__)


@dataclass
class Batch:
    """What the sender learnt since the last write."""

    changes: list[dict[str, Any]] = field(default_factory=list)  # per outbox row, with its id
    unreachable: set[int] = field(default_factory=set)  # chats that blocked the bot
    polls: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (row id, poll sent)
    fallbacks: list[dict[str, Any]] = field(default_factory=list)  # outbox rows to queue
    refusals: list[dict[str, Any]] = field(default_factory=list)  # staff audit entries to write
    staff_posts: list[int] = field(default_factory=list)  # ideas' staff post rows among changes
    # Volunteering interest cards delivered: (interest id, chat id, message id).
    cards: list[tuple[int, int, int]] = field(default_factory=list)
    # Messages to voters about their vote, finished: deleted, not kept (see poll_votes).
    forgotten: list[int] = field(default_factory=list)

    def rows(self) -> int:
        """Outbox rows whose result waits to be written (a forgotten one has no change)."""
        return len(self.changes) + len(self.forgotten)

    def put_back(self, unwritten: Batch) -> None:
        """A write that failed (a deadlock with an erasure, a busy database): its outcomes go
        with the next write, ahead of the newer ones."""
        self.changes[:0] = unwritten.changes
        self.unreachable |= unwritten.unreachable
        self.polls[:0] = unwritten.polls
        self.fallbacks[:0] = unwritten.fallbacks
        self.refusals[:0] = unwritten.refusals
        self.staff_posts[:0] = unwritten.staff_posts
        self.cards[:0] = unwritten.cards
        self.forgotten[:0] = unwritten.forgotten


async def write(session: AsyncSession, batch: Batch, now: datetime) -> None:
    """Apply a batch in the caller's transaction."""
    await queue.enqueue_many(session, batch.fallbacks)
    for refusal in batch.refusals:
        audit.record(
            session,
            actor=audit.SYSTEM,
            action=audit.AuditAction.ERASURE_DELETE_REFUSED,
            at=now,
            **refusal,
        )
    if batch.polls:
        await _remember_polls(session, batch.polls)
    if batch.changes:
        await outbox.apply_updates(session, batch.changes)
    if batch.staff_posts:
        await idea_erasure.settle_in_flight(session, batch.staff_posts, now)
    if batch.cards:
        await volunteer_cards.posted(session, batch.cards, now)
    if batch.forgotten:
        await outbox.delete_rows(session, batch.forgotten)
    for chat_id in batch.unreachable:
        await outbox.delete_pending_with_keys(
            session, chat_id, (*VOTER_NOTICES, *BUDGET_VOTER_NOTICES)
        )
        dropped = await outbox.mark_chat_unreachable(session, chat_id, now)
        log.info("a recipient blocked the bot; %d pending messages dropped", dropped)


async def _remember_polls(session: AsyncSession, polls: list[tuple[int, dict[str, Any]]]) -> None:
    # Not for a person erased while their poll was under way: that would keep their id. The
    # write lock (SQLite; PostgreSQL locks the rows below) keeps an erasure from slipping in
    # between reading which rows are left and recording their polls.
    await hold_write_lock(session)
    kept = await outbox.existing(session, [row_id for row_id, _ in polls])
    if messages := [message for row_id, message in polls if row_id in kept]:
        await poll_rows.add_messages(session, messages)

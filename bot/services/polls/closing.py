"""Closing polls: early or at their time; stop the native polls; tell participants the results."""

from __future__ import annotations

import typing
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Select, String, cast, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.outbox import NOTICE, enqueue, insert_ignoring_duplicates
from bot.services import audit
from bot.services.audit import AuditAction
from bot.services.clock import Clock
from bot.services.polls import results as poll_results
from bot.services.polls.input import PollError
from bot.services.polls.lifecycle import DELIVERY_PREFIX
from bot.services.polls.results import Results
from bot.services.polls.votes import RESULTS_PREFIX, voter_key
from db.models import OutboxMessage, OutboxStatus, Poll, PollMessage, PollStatus
from db.repositories import polls as repo

# Renders the results message in a language (the caller owns the catalogs).
ResultsRenderer = Callable[[Results, str], str]


async def close(
    session: AsyncSession, clock: Clock, poll_id: int, secret: bytes,
    render: ResultsRenderer, *, actor: int, push_results: bool | None = None,
) -> Poll:  # fmt: skip
    """Close a poll now (early or on time), in one transaction; PollError if not open."""
    poll = await repo.get(session, poll_id, lock=True)
    if poll is None:
        raise PollError("not_found", "no such poll")
    if not await repo.claim_status(
        session, poll.id, (PollStatus.OPEN, PollStatus.SCHEDULED), PollStatus.CLOSED
    ):
        raise PollError("already_closed", "the poll is already closed")
    now = clock.now()
    early = now < poll.closes_at
    poll.status, poll.closed_at = PollStatus.CLOSED, now
    # Polls still waiting in the queue are not sent any more.
    await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.dedupe_key.like(f"{DELIVERY_PREFIX}{poll.id}:%"),
            OutboxMessage.status == OutboxStatus.PENDING,
        )
        .values(status=OutboxStatus.CANCELLED, last_error="poll closed")
    )
    await _queue_stops(session, poll.id, now, early)
    push = poll.push_results if push_results is None else push_results
    if push:
        poll.results_pushed_at = now
        sent = await repo.messages_of(session, poll.id)
        await _push_results(session, poll, sent, secret, render, now)
    audit.record(
        session, actor=actor, target=f"poll:{poll.id}", at=now, after={"early": early},
        action=AuditAction.POLL_CLOSE_PUSH if push else AuditAction.POLL_CLOSE,
    )  # fmt: skip
    await session.commit()
    return poll


async def _queue_stops(session: AsyncSession, poll_id: int, now: datetime, early: bool) -> None:
    """stopPoll for every native poll sent, in one INSERT … SELECT (a poll may reach 100,000)."""
    conditions = [PollMessage.poll_id == poll_id]
    if not early:  # Telegram closes the ones with a close_date itself
        conditions.append(PollMessage.native_close.is_(False))
    payload = literal('{"message_id": ') + cast(PollMessage.message_id, String) + literal("}")
    rows = select(
        PollMessage.chat_id, literal("stopPoll"), payload, literal(NOTICE.value), literal(now),
        literal(OutboxStatus.PENDING.value), literal(0),
        literal("pollstop:") + PollMessage.telegram_poll_id, literal(now),
    ).where(*conditions)  # fmt: skip
    columns = ["chat_id", "method", "payload", "priority", "not_before", "status", "attempts",
               "dedupe_key", "created_at"]  # fmt: skip
    await insert_ignoring_duplicates(session, columns, typing.cast("Select[Any]", rows))


async def _push_results(
    session: AsyncSession, poll: Poll, sent: list[PollMessage], secret: bytes,
    render: ResultsRenderer, now: datetime,
) -> None:  # fmt: skip
    """The results, in each participant's variant language: voters and youth groups."""
    voters = await repo.voters(session, poll.id)
    texts: dict[str, str] = {}
    for message in sent:
        if not message.is_group and voter_key(secret, poll.id, message.chat_id) not in voters:
            continue
        if message.language not in texts:
            results = await poll_results.compute(session, poll, message.language)
            texts[message.language] = render(results, message.language)
        await enqueue(
            session, chat_id=message.chat_id, method="sendMessage",
            params={"text": texts[message.language]},
            dedupe_key=f"{RESULTS_PREFIX}{message.telegram_poll_id}", now=now, priority=NOTICE,
        )  # fmt: skip


async def push_results(
    session: AsyncSession, clock: Clock, poll_id: int, secret: bytes, render: ResultsRenderer,
    *, actor: int,
) -> Poll:  # fmt: skip
    """Send a closed poll's results to its voters now, once: PollError `already_pushed` after
    that (or after "close and push"), `not_closed` while it runs."""
    poll = await repo.get(session, poll_id, lock=True)
    if poll is None:
        raise PollError("not_found", "no such poll")
    if poll.status != PollStatus.CLOSED:
        raise PollError("not_closed", "the poll is not closed yet")
    now = clock.now()
    if not await repo.claim_results_push(session, poll.id, now):
        raise PollError("already_pushed", "the results were already sent")
    sent = await repo.messages_of(session, poll.id)
    await _push_results(session, poll, sent, secret, render, now)
    audit.record(
        session, actor=actor, target=f"poll:{poll.id}", at=now, action=AuditAction.POLL_PUSH
    )
    await session.commit()
    return poll


async def close_due(
    session: AsyncSession, clock: Clock, secret: bytes, render: ResultsRenderer
) -> list[int]:
    """Close every poll whose time has come; returns their ids."""
    closed = []
    for poll in await repo.due_to_close(session, clock.now()):
        try:
            await close(session, clock, poll.id, secret, render, actor=audit.SYSTEM)
        except PollError:
            await session.rollback()  # another process closed it meanwhile
            continue
        closed.append(poll.id)
    return closed

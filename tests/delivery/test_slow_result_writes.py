"""A busy database that takes longer than the write interval to record send results: the
results are still recorded while sending, so no claim runs out on a message already sent and
nobody gets it twice."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.delivery import claims, outcome_batch
from bot.delivery.intervals import Intervals
from bot.delivery.outcome_batch import Batch
from bot.outbox import enqueue
from db.models import OutboxMessage
from tests.delivery.conftest import Delivery

RESIDENTS = 60  # about two seconds at the default rate
# Seconds per write of results: with the pause between writes, a round outlasts the flush
# interval, so every write finds its results due (as 200 results in one round would be).
WRITE_TAKES = 0.2
LEASE = timedelta(seconds=5)  # the run goes past it: a claim left unrecorded is sent again


async def recorded_sent(delivery: Delivery) -> int:
    async with delivery.runtime.session_factory() as session:
        query = select(func.count()).where(OutboxMessage.status == "sent")
        return await session.scalar(query) or 0


async def test_slow_result_writes_still_record_every_send_once_while_sending(
    delivery: Delivery, monkeypatch: pytest.MonkeyPatch
) -> None:
    flush_every = Intervals.flush_every
    assert WRITE_TAKES + flush_every / 2 > flush_every  # the premise, should the interval change
    chats = range(94_000, 94_000 + RESIDENTS)
    async with delivery.runtime.session_factory() as session:
        for chat_id in chats:
            await enqueue(session, chat_id=chat_id, method="sendMessage", params={"text": "Hallo"},
                          dedupe_key=f"hello:{chat_id}", now=delivery.clock.now())  # fmt: skip
        await session.commit()
    write = outcome_batch.write

    async def busy_database(session: AsyncSession, batch: Batch, now: datetime) -> None:
        await asyncio.sleep(WRITE_TAKES)
        await write(session, batch, now)

    monkeypatch.setattr(outcome_batch, "write", busy_database)
    monkeypatch.setattr(claims, "CLAIM_LEASE", LEASE)

    async def recorded_or_repeated() -> bool:
        per_chat = Counter(call.chat_id for call in delivery.sends())
        if any(count > 1 for count in per_chat.values()):
            return True
        return await recorded_sent(delivery) == RESIDENTS

    await delivery.send_until(recorded_or_repeated, within=30.0)  # stops while still sending
    assert Counter(call.chat_id for call in delivery.sends()) == Counter(chats)  # each once
    assert await recorded_sent(delivery) == RESIDENTS

"""Messages that went out just before the sender stopped are recorded as sent before it ends —
within the quarter second it otherwise waits to batch results — so the next sender does not
send them again."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from bot.outbox import enqueue
from db.models import OutboxMessage
from tests.delivery.conftest import Delivery

RESIDENTS = 20


async def recorded_sent(delivery: Delivery) -> int:
    async with delivery.runtime.session_factory() as session:
        query = select(func.count()).where(OutboxMessage.status == "sent")
        return await session.scalar(query) or 0


async def test_sends_just_before_a_stop_are_recorded_and_not_repeated(delivery: Delivery) -> None:
    async with delivery.runtime.session_factory() as session:
        for chat_id in range(93_000, 93_000 + RESIDENTS):
            await enqueue(session, chat_id=chat_id, method="sendMessage", params={"text": "Hallo"},
                          dedupe_key=f"hello:{chat_id}", now=delivery.clock.now())  # fmt: skip
        await session.commit()
    await delivery.send_until(lambda: len(delivery.sends()) >= 5)
    assert await recorded_sent(delivery) == len(delivery.sends())  # none left as "sending"

    async def all_sent() -> bool:
        return await recorded_sent(delivery) == RESIDENTS

    await delivery.send_until(all_sent)  # the next sender takes over the rest
    assert Counter(call.chat_id for call in delivery.sends()) == Counter(
        range(93_000, 93_000 + RESIDENTS)
    )  # each resident got the message once

"""The sender itself spaces messages to one chat: Telegram never has to refuse one with 429.

The fake API enforces the per-chat limit too, so spacing alone would also hold if the sender
sent at once and waited out each 429; only "no refused call" shows the sender kept the gap.
"""

from __future__ import annotations

import itertools

from bot.outbox import enqueue
from tests.delivery.conftest import TOKEN, Delivery
from tests.delivery.test_sender import all_sent

CHAT = 30_101


async def queue_to_one_chat(delivery: Delivery, count: int) -> None:
    now = delivery.clock.now()
    async with delivery.runtime.session_factory() as session:
        for n in range(count):
            await enqueue(
                session, chat_id=CHAT, method="sendMessage",
                params={"text": f"Nachricht {n}"}, dedupe_key=f"pace{n}", now=now,
            )  # fmt: skip
        await session.commit()


async def test_one_chat_is_paced_without_a_single_429(delivery: Delivery) -> None:
    await queue_to_one_chat(delivery, 4)
    await delivery.send_until(lambda: all_sent(delivery))
    refused = [(c.method, c.error_code) for c in delivery.api.calls(ok=False, token=TOKEN)]
    assert refused == []
    times = sorted(c.timestamp for c in delivery.sends())
    assert len(times) == 4
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.99

"""The sender keeps Telegram's limits and handles every kind of answer without losing a message."""

from __future__ import annotations

import itertools
import time
from collections import Counter

from aiogram.methods import SendMessage
from sqlalchemy import select

from bot.outbox import enqueue
from bot.services.polls.votes import THANKS_PREFIX
from db.models import OutboxMessage, User
from tests.delivery.conftest import Delivery


async def queue_texts(delivery: Delivery, chat_ids: list[int], prefix: str = "m") -> None:
    now = delivery.clock.now()
    async with delivery.runtime.session_factory() as session:
        for n, chat_id in enumerate(chat_ids):
            await enqueue(
                session, chat_id=chat_id, method="sendMessage",
                params={"text": f"Nachricht {n}"}, dedupe_key=f"{prefix}{n}", now=now,
            )  # fmt: skip
        await session.commit()


async def statuses(delivery: Delivery) -> Counter[str]:
    async with delivery.runtime.session_factory() as session:
        rows = (await session.execute(select(OutboxMessage.status))).scalars()
        return Counter(rows)


def max_in_any_second(times: list[float]) -> int:
    times = sorted(times)
    best, start = 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] >= 1.0:
            start += 1
        best = max(best, end - start + 1)
    return best


async def all_sent(delivery: Delivery) -> bool:
    counts = await statuses(delivery)
    return counts.get("pending", 0) + counts.get("sending", 0) == 0


async def test_global_cap_holds_and_nothing_is_lost(delivery: Delivery) -> None:
    chats = list(range(20_001, 20_091))  # 90 messages to 90 chats: about 3 s at 28/s
    await queue_texts(delivery, chats)
    dispatched: list[float] = []

    async def record(make_request, bot, method):  # type: ignore[no-untyped-def]
        if isinstance(method, SendMessage):
            dispatched.append(time.time())
        return await make_request(bot, method)

    delivery.bot.session.middleware(record)
    await delivery.send_until(lambda: all_sent(delivery))
    sends = delivery.sends()
    assert sorted(c.chat_id for c in sends) == chats  # each exactly once
    # The cap holds where the bot decides to send. Where requests arrive, network and event-loop
    # jitter can bunch them a little: that is the headroom 28 leaves under Telegram's 30, and the
    # fake enforces those 30 per second, so no 429 means Telegram would have taken every one.
    assert len(dispatched) == 90 and max_in_any_second(dispatched) <= 28
    assert delivery.api.calls(ok=False) == []
    assert await statuses(delivery) == Counter({"sent": 90})


async def test_one_chat_gets_at_most_one_message_per_second(delivery: Delivery) -> None:
    await queue_texts(delivery, [30_001] * 4)
    await delivery.send_until(lambda: all_sent(delivery))
    times = sorted(c.timestamp for c in delivery.sends())
    assert len(times) == 4
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.99


async def test_429_pauses_everything_and_loses_nothing(delivery: Delivery) -> None:
    delivery.api.fail(TOKEN_OF(delivery), method="sendMessage", error_code=429,
                      retry_after=2, times=1)  # fmt: skip
    await queue_texts(delivery, list(range(40_001, 40_011)))
    await delivery.send_until(lambda: all_sent(delivery))
    calls = delivery.api.calls("sendMessage", token=TOKEN_OF(delivery))
    rejected = [c for c in calls if not c.ok]
    assert len(rejected) == 1 and rejected[0].error_code == 429
    refused_at = rejected[0].timestamp
    # A request already on the wire when the 429 came back can't be recalled (one slot);
    # after that, nothing goes out until retry_after has passed.
    during_pause = [c for c in calls if refused_at + 0.1 < c.timestamp < refused_at + 1.95]
    assert during_pause == []
    assert max(c.timestamp for c in calls) - refused_at >= 1.95
    assert sorted(c.chat_id for c in calls if c.ok) == list(range(40_001, 40_011))


async def test_server_errors_are_retried_until_sent(delivery: Delivery) -> None:
    delivery.api.fail(TOKEN_OF(delivery), chat_id=50_001, error_code=502, times=2)
    await queue_texts(delivery, [50_001])

    async def delivered() -> bool:
        delivery.clock.advance(30)  # backoff passes without waiting in real time
        return await all_sent(delivery)

    await delivery.send_until(delivered)
    calls = delivery.api.calls("sendMessage", chat_id=50_001)
    assert [c.status for c in calls] == [502, 502, 200]
    async with delivery.runtime.session_factory() as session:
        row = (await session.execute(select(OutboxMessage))).scalar_one()
    assert (row.status, row.attempts) == ("sent", 2)


async def test_server_errors_give_up_after_an_hour(delivery: Delivery) -> None:
    delivery.api.fail(TOKEN_OF(delivery), chat_id=50_002, error_code=500)
    await queue_texts(delivery, [50_002])

    async def settled() -> bool:
        delivery.clock.advance(300)
        return await all_sent(delivery)

    await delivery.send_until(settled)
    async with delivery.runtime.session_factory() as session:
        row = (await session.execute(select(OutboxMessage))).scalar_one()
    assert row.status == "failed" and "an hour" in (row.last_error or "")


async def test_blocked_user_is_marked_unreachable_and_skipped(delivery: Delivery) -> None:
    [blocked, other] = await delivery.add_users(2, first_id=60_001)
    delivery.api.fail(TOKEN_OF(delivery), chat_id=blocked.telegram_id, error_code=403)
    await queue_texts(delivery, [blocked.telegram_id, other.telegram_id, blocked.telegram_id])
    await delivery.send_until(lambda: all_sent(delivery))
    calls = delivery.api.calls("sendMessage", chat_id=blocked.telegram_id)
    assert len(calls) == 1  # the second message was dropped, not tried
    async with delivery.runtime.session_factory() as session:
        user = await session.get(User, blocked.id, populate_existing=True)
        rows = (await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars()
        states = [(r.chat_id, r.status, r.error_code) for r in rows]
    assert user is not None and user.reachable is False
    assert states == [
        (60_001, "failed", 403), (60_002, "sent", None), (60_001, "cancelled", 403),
    ]  # fmt: skip


async def test_chat_not_found_fails_without_retry(delivery: Delivery) -> None:
    delivery.api.fail(TOKEN_OF(delivery), chat_id=70_001, error_code=400,
                      description="Bad Request: chat not found")  # fmt: skip
    await queue_texts(delivery, [70_001])
    await delivery.send_until(lambda: all_sent(delivery))
    assert len(delivery.api.calls("sendMessage", chat_id=70_001)) == 1
    assert await statuses(delivery) == Counter({"failed": 1})


def TOKEN_OF(delivery: Delivery) -> str:
    return delivery.bot.token


async def test_messages_to_voters_are_forgotten_while_the_sender_runs(delivery: Delivery) -> None:
    # Only thank-yous: no other result to write alongside. Left "sending" until the sender
    # stops, they would go out again once their lease ran out.
    await queue_texts(delivery, [70_001, 70_002, 70_003], prefix=THANKS_PREFIX)

    async def forgotten() -> bool:
        return sum((await statuses(delivery)).values()) == 0

    await delivery.send_until(forgotten, within=10.0)
    assert len(delivery.sends()) == 3

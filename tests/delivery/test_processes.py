"""Crashes and several processes: nobody misses a message, duplicates only from in-flight sends."""

from __future__ import annotations

import asyncio
import time
from collections import Counter

import pytest

from bot.delivery.outcomes import FLUSH_SIZE
from bot.delivery.sender import MAX_IN_FLIGHT
from bot.services.audience import Audience
from bot.services.campaigns import lifecycle as campaigns
from bot.services.campaigns.lifecycle import Draft
from db.models import User
from tests.delivery.conftest import POLL_SECRET, TOKEN, Delivery
from tests.delivery.processes import SenderProcess

# What a killed sender can have in the air: requests under way plus outcomes not yet written.
IN_FLIGHT_BOUND = MAX_IN_FLIGHT + FLUSH_SIZE


def sender_env(delivery: Delivery, database_url: str) -> dict[str, str]:
    return {
        "BOT_TOKEN": TOKEN, "POLL_SECRET": POLL_SECRET, "DATABASE_URL": database_url,
        "LOG_LEVEL": "INFO",
        "TELEGRAM_API_URL": delivery.runtime.settings.telegram_api_url,
        "PAID_BROADCAST_RATE": "400",
    }  # fmt: skip


async def paid_campaign(delivery: Delivery, recipients: int) -> int:
    async with delivery.runtime.session_factory() as session:
        session.add_all(User(telegram_id=1_000_000 + i) for i in range(recipients))
        await session.commit()
        campaign = await campaigns.create(
            session,
            delivery.clock,
            Draft(texts={"de": "Wichtig"}, audience=Audience(), paid=True),
            1,
        )
    return campaign.id


async def wait_until(check: object, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_sigkill_mid_campaign_then_restart_delivers_everything(
    delivery: Delivery, database_url: str
) -> None:
    await paid_campaign(delivery, 2_000)
    env = sender_env(delivery, database_url)
    first = await SenderProcess(env).start()
    try:
        await wait_until(lambda: len(delivery.sends()) >= 500, 60)
    finally:
        first.kill()
        await first.stop()
    sent_before_crash = len(delivery.sends())
    assert sent_before_crash < 2_000, "the crash must happen mid-campaign"
    second = await SenderProcess(env).start()
    try:
        await wait_until(lambda: len({c.chat_id for c in delivery.sends()}) == 2_000, 90)
        await asyncio.sleep(1)  # anything still coming would be a duplicate beyond in-flight
    finally:
        await second.stop()
    per_chat = Counter(c.chat_id for c in delivery.sends())
    duplicates = sum(n - 1 for n in per_chat.values())
    assert len(per_chat) == 2_000
    assert duplicates <= IN_FLIGHT_BOUND, duplicates
    print(f"crash after {sent_before_crash} sends: {duplicates} duplicates")


async def test_two_senders_one_active_then_takeover(delivery: Delivery, database_url: str) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("several sender processes need PostgreSQL (SQLite: one process)")
    env = sender_env(delivery, database_url)
    first = await SenderProcess(env).start()
    second: SenderProcess | None = None
    try:
        await first.wait_for_line("now the active sender")
        second = await SenderProcess(env).start()
        await second.wait_for_line("standing by")
        await paid_campaign(delivery, 1_500)
        await wait_until(lambda: len(delivery.sends()) >= 300, 60)
        assert not second.said("now the active sender")
        first.kill()
        killed_at = time.time()
        await first.stop()
        await second.wait_for_line("now the active sender", 15)
        await wait_until(lambda: len({c.chat_id for c in delivery.sends()}) == 1_500, 60)
    finally:
        if second is not None:
            await second.stop()
    after_kill = [c.timestamp for c in delivery.sends() if c.timestamp > killed_at]
    assert after_kill and min(after_kill) - killed_at <= 10  # taken over within ~10 s
    duplicates = len(delivery.sends()) - 1_500
    assert duplicates <= IN_FLIGHT_BOUND

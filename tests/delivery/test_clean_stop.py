"""Stopping the sender in the middle of a campaign: sends already on their way are awaited and
recorded, so the next sender neither repeats nor loses one."""

from __future__ import annotations

import asyncio
from collections import Counter

from aiogram.methods import SendMessage
from sqlalchemy import func, select

from bot.services.audience import Audience
from bot.services.campaigns import lifecycle as campaigns
from bot.services.campaigns.lifecycle import Draft
from db.models import OutboxMessage
from tests.delivery.conftest import Delivery

RESIDENTS = 60


async def sending_rows(delivery: Delivery) -> int:
    async with delivery.runtime.session_factory() as session:
        query = select(func.count()).where(OutboxMessage.status == "sending")
        return await session.scalar(query) or 0


async def progress(delivery: Delivery, campaign_id: int) -> campaigns.Progress:
    async with delivery.runtime.session_factory() as session:
        state = await campaigns.progress(session, campaign_id)
    assert state is not None
    return state


async def test_a_stop_mid_campaign_awaits_the_sends_on_their_way(delivery: Delivery) -> None:
    await delivery.add_users(RESIDENTS, 200_000)
    async with delivery.runtime.session_factory() as session:
        draft = Draft(texts={"de": "Hallo Duisburg"}, audience=Audience())
        campaign = await campaigns.create(session, delivery.clock, draft, 1)
    started: list[int] = []

    async def slow_network(make_request, bot, method):  # type: ignore[no-untyped-def]
        if isinstance(method, SendMessage):
            started.append(int(method.chat_id))
            await asyncio.sleep(0.4)  # every send stays on its way for a while
        return await make_request(bot, method)

    delivery.bot.session.middleware(slow_network)
    await delivery.send_until(lambda: len(started) >= 15)  # the stop, with sends on their way
    state = await progress(delivery, campaign.id)
    assert len(delivery.sends()) == len(started)  # every send begun was finished before stop
    assert state.sent == len(started)  # … and recorded as sent
    assert await sending_rows(delivery) == 0  # nothing left claimed by the stopped sender

    async def finished() -> bool:
        return (await progress(delivery, campaign.id)).pending == 0

    await delivery.send_until(finished)  # the next sender finishes the campaign
    per_chat = Counter(c.chat_id for c in delivery.sends())
    assert len(per_chat) == RESIDENTS and set(per_chat.values()) == {1}
    assert (await progress(delivery, campaign.id)).sent == RESIDENTS

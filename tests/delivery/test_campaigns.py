"""Campaigns reach the right people in their language, can be cancelled, and report progress."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.services.audience import Audience
from bot.services.campaigns import lifecycle as campaigns
from bot.services.campaigns.lifecycle import Draft
from db.models import Campaign, User, UserTopic
from db.repositories import outbox
from tests.delivery.conftest import Delivery

CONSENT = datetime(2026, 11, 1, tzinfo=UTC)


async def create(delivery: Delivery, draft: Draft, **kwargs: object) -> Campaign:
    async with delivery.runtime.session_factory() as session:
        return await campaigns.create(session, delivery.clock, draft, 1, **kwargs)  # type: ignore[arg-type]


async def progress(delivery: Delivery, campaign_id: int) -> campaigns.Progress:
    async with delivery.runtime.session_factory() as session:
        state = await campaigns.progress(session, campaign_id)
    assert state is not None
    return state


async def test_language_versions_fallback_and_audience(delivery: Delivery) -> None:
    await delivery.add_users(1, 1, language="tr", district="hamborn", profile_consent_at=CONSENT)
    await delivery.add_users(1, 2, telegram_language="ar", district="hamborn",
                             profile_consent_at=CONSENT)  # fmt: skip
    await delivery.add_users(1, 3, district="hamborn", profile_consent_at=CONSENT)  # default de
    await delivery.add_users(1, 4, language="tr", district="mitte", profile_consent_at=CONSENT)
    await delivery.add_users(1, 5, language="tr", district="hamborn", profile_consent_at=CONSENT,
                             announcements=False)  # fmt: skip
    await delivery.add_users(1, 6, language="tr", district="hamborn", profile_consent_at=CONSENT,
                             reachable=False)  # fmt: skip
    await delivery.add_users(1, 7, language="tr", district="hamborn")  # no consent: not targeted
    draft = Draft(
        texts={"de": "<b>Bürgerforum</b> in Hamborn", "tr": "<b>Vatandaş forumu</b> Hamborn'da"},
        audience=Audience(districts=frozenset({"hamborn"})),
    )
    campaign = await create(delivery, draft)

    async def finished() -> bool:
        return (await progress(delivery, campaign.id)).status == "done"

    await delivery.send_until(finished)
    texts = {c.chat_id: c.params["text"] for c in delivery.sends()}
    assert texts == {
        1: "<b>Vatandaş forumu</b> Hamborn'da",
        2: "<b>Bürgerforum</b> in Hamborn",  # no Arabic version: German
        3: "<b>Bürgerforum</b> in Hamborn",
    }
    state = await progress(delivery, campaign.id)
    assert (state.total, state.sent, state.pending, state.failed) == (3, 3, 0, 0)


async def test_topic_and_language_filters_combine(delivery: Delivery) -> None:
    users = await delivery.add_users(3, 11, language="uk", profile_consent_at=CONSENT)
    await delivery.add_users(1, 21, language="de", profile_consent_at=CONSENT)
    async with delivery.runtime.session_factory() as session:
        session.add_all([UserTopic(user_id=users[0].id, topic="youth"),
                         UserTopic(user_id=users[1].id, topic="sport")])  # fmt: skip
        await session.commit()
    audience = Audience(topics=frozenset({"youth", "transport"}), languages=frozenset({"uk"}))
    async with delivery.runtime.session_factory() as session:
        from bot.services.audience import count

        assert await count(session, audience, "de") == 1


async def test_cancel_stops_a_running_campaign(delivery: Delivery) -> None:
    await delivery.add_users(120, 100_000)
    campaign = await create(delivery, Draft(texts={"de": "Hallo"}, audience=Audience()))

    async def cancel_after_some() -> bool:
        sent = len(delivery.sends())
        if sent >= 20:
            async with delivery.runtime.session_factory() as session:
                await campaigns.cancel(session, delivery.clock, campaign.id, actor=1)
            return True
        return False

    await delivery.send_until(cancel_after_some)
    at_cancel = len(delivery.sends())
    await delivery.send_until(lambda: True)  # a sender that only settles, then stops
    state = await progress(delivery, campaign.id)
    assert state.status == "cancelled"
    assert len(delivery.sends()) == at_cancel  # nothing after the cancel
    assert state.sent + state.cancelled == 120 and state.pending == 0


async def test_cancel_during_a_429_pause_stops_what_the_sender_already_claimed(
    delivery: Delivery,
) -> None:
    await delivery.add_users(10, 120_000)
    campaign = await create(delivery, Draft(texts={"de": "Hallo"}, audience=Audience()))
    delivery.api.fail(delivery.bot.token, method="sendMessage", error_code=429,
                      retry_after=3, times=1)  # fmt: skip
    cancelled_at: list[float] = []

    async def cancel_in_the_pause() -> None:  # staff cancel from Telegram or the CLI meanwhile
        while not [c for c in delivery.api.calls("sendMessage") if c.error_code == 429]:  # noqa: ASYNC110 - the fake records calls, it signals nothing
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.5)
        async with delivery.runtime.session_factory() as session:
            await campaigns.cancel(session, delivery.clock, campaign.id, actor=1)
        cancelled_at.append(time.time())

    async def past_the_pause() -> bool:
        return bool(cancelled_at) and time.time() > cancelled_at[0] + 4

    canceller = asyncio.create_task(cancel_in_the_pause())
    await delivery.send_until(past_the_pause)
    await canceller
    # The sender held all ten when Telegram said "wait"; none went out after the cancel.
    assert [c for c in delivery.sends() if c.timestamp > cancelled_at[0]] == []
    state = await progress(delivery, campaign.id)
    assert state.pending == 0 and state.sent + state.cancelled == 10


async def test_cancel_also_stops_messages_a_dead_sender_had_claimed(delivery: Delivery) -> None:
    await delivery.add_users(3, 150)
    campaign = await create(delivery, Draft(texts={"de": "Hallo"}, audience=Audience()))
    async with delivery.runtime.session_factory() as session:
        await campaigns.queue_due(session, delivery.clock, "de")
        # A sender claims all three and dies before sending (or waits out a 429).
        now = delivery.clock.now()
        assert len(await outbox.claim_due(session, now, now + timedelta(minutes=5), 10)) == 3
        await session.commit()
        assert await campaigns.cancel(session, delivery.clock, campaign.id, actor=1)
    rounds = 0

    async def a_few_rounds() -> bool:
        nonlocal rounds
        rounds += 1
        return rounds > 5

    await delivery.send_until(a_few_rounds)  # the next sender takes the claims over
    assert delivery.sends() == []
    state = await progress(delivery, campaign.id)
    assert (state.status, state.sent, state.cancelled, state.pending) == ("cancelled", 0, 3, 0)


async def test_who_switches_off_after_queueing_gets_nothing(delivery: Delivery) -> None:
    users = await delivery.add_users(3, 170)
    campaign = await create(delivery, Draft(texts={"de": "Hallo"}, audience=Audience()))
    async with delivery.runtime.session_factory() as session:
        await campaigns.queue_due(session, delivery.clock, "de")
        await session.commit()
        user = await session.get(User, users[1].id)
        assert user is not None
        user.announcements = False  # /stop while the campaign is being sent
        await session.commit()

    async def finished() -> bool:
        return (await progress(delivery, campaign.id)).status == "done"

    await delivery.send_until(finished)
    assert sorted(c.chat_id for c in delivery.sends()) == [170, 172]
    state = await progress(delivery, campaign.id)
    assert (state.total, state.sent, state.cancelled, state.failed) == (3, 2, 1, 0)


async def test_scheduled_campaign_waits_for_its_time(delivery: Delivery) -> None:
    await delivery.add_users(2, 200)
    later = delivery.clock.now() + timedelta(hours=2)
    campaign = await create(delivery, Draft(texts={"de": "Später"}, audience=Audience(),
                                            send_at=later))  # fmt: skip
    rounds = 0

    async def a_few_rounds() -> bool:
        nonlocal rounds
        rounds += 1
        return rounds > 5

    await delivery.send_until(a_few_rounds)
    assert delivery.sends() == []
    delivery.clock.advance(2 * 3600 + 1)

    async def finished() -> bool:
        return (await progress(delivery, campaign.id)).status == "done"

    await delivery.send_until(finished)
    assert sorted(c.chat_id for c in delivery.sends()) == [200, 201]


async def test_progress_message_is_edited_with_the_final_report(delivery: Delivery) -> None:
    await delivery.add_users(3, 300, language="en")
    staff_chat = 999
    message = await delivery.bot.send_message(staff_chat, "queued")
    campaign = await create(delivery, Draft(texts={"de": "Hallo"}, audience=Audience()),
                            progress_chat_id=staff_chat, progress_language="en")  # fmt: skip
    async with delivery.runtime.session_factory() as session:
        row = await session.get(Campaign, campaign.id)
        assert row is not None
        row.progress_message_id = message.message_id
        await session.commit()

    async def reported() -> bool:
        texts = [m.get("text", "") for m in delivery.api.sent_messages(staff_chat)]
        return any("finished" in t for t in texts)

    await delivery.send_until(reported)
    [final] = delivery.api.sent_messages(staff_chat)
    assert final["text"].splitlines()[:2] == [
        f"✅ Announcement #{campaign.id} finished.", "Sent: 3 of 3",
    ]  # fmt: skip


async def test_queueing_100k_is_one_statement_per_campaign(delivery: Delivery) -> None:
    async with delivery.runtime.session_factory() as session:
        from db.models import User

        session.add_all(User(telegram_id=1_000_000 + i) for i in range(2_000))
        await session.commit()
    campaign = await create(delivery, Draft(texts={"de": "x"}, audience=Audience()))
    async with delivery.runtime.session_factory() as session:
        assert await campaigns.queue_due(session, delivery.clock, "de") == [campaign.id]
        assert await campaigns.queue_due(session, delivery.clock, "de") == []  # not twice
        total = (await session.execute(select(Campaign.total))).scalar_one()
    assert total == 2_000

"""A person erased while the sender has their messages under way, or a result write that fails:
everyone else's messages are still recorded as sent exactly once, the erased person's rows and
poll records stay gone."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from aiogram.methods import SendMessage, SendPoll
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from bot.outbox import enqueue
from bot.services.ideas.card_translation import StaffCard
from bot.services.ideas.erasure import StaffChatTexts
from bot.services.personal_data import rights as personal_data
from bot.services.polls.lifecycle import DELIVERY_PREFIX
from db.models import OutboxMessage, Poll, PollMessage, User
from db.repositories import outbox as outbox_rows
from tests.delivery.conftest import Delivery
from tests.delivery.test_sender import all_sent, queue_texts, statuses

STAFF = StaffChatTexts(
    lambda reference: f"{reference} removed",
    StaffCard(lambda idea, shown: {"text": "card"}, "none", "de"),
)


async def erase(delivery: Delivery, telegram_id: int) -> None:
    runtime = delivery.runtime
    how = personal_data.Erasure(
        b"key", delivery.clock, lambda *a: {"text": "x"}, "de", STAFF, "[removed]"
    )
    async with runtime.session_factory() as session:
        user = (
            await session.execute(select(User).where(User.telegram_id == telegram_id))
        ).scalar_one()
        await personal_data.erase(session, user, how, keep_public_ideas=False)


async def test_erasing_a_person_mid_batch_loses_no_one_elses_result(delivery: Delivery) -> None:
    people = await delivery.add_users(6, first_id=40_001)
    chats = [person.telegram_id for person in people]
    erased = chats[2]
    await queue_texts(delivery, chats)
    await queue_texts(delivery, [erased], prefix="second")  # one claimed, not yet sent
    async with delivery.runtime.session_factory() as session:  # a row cascading from users
        row = (
            (await session.execute(select(OutboxMessage).where(OutboxMessage.chat_id == erased)))
            .scalars()
            .first()
        )
        assert row is not None
        row.user_id = people[2].id
        await session.commit()
    held: list[int] = []

    async def erase_while_sending(make_request, bot, method):  # type: ignore[no-untyped-def]
        # The send to the erased person is on its way when their erasure commits.
        if isinstance(method, SendMessage) and method.chat_id == erased and not held:
            held.append(erased)
            await erase(delivery, erased)
        return await make_request(bot, method)

    delivery.bot.session.middleware(erase_while_sending)
    await delivery.send_until(lambda: all_sent(delivery))
    await delivery.send_until(lambda: True)  # one more lead: nothing is sent again
    assert held == [erased]
    sends = Counter(call.chat_id for call in delivery.sends())
    others = [chat for chat in chats if chat != erased]
    assert {chat: sends[chat] for chat in others} == dict.fromkeys(others, 1)
    assert sends[erased] <= 1  # the send already under way may arrive; nothing after it
    assert await statuses(delivery) == Counter({"sent": len(others)})
    async with delivery.runtime.session_factory() as session:
        left = (await session.execute(select(OutboxMessage.chat_id))).scalars().all()
        users = (await session.execute(select(User.telegram_id))).scalars().all()
    assert erased not in left and erased not in users


async def test_a_poll_under_way_to_an_erased_person_leaves_no_record_of_them(
    delivery: Delivery,
) -> None:
    people = await delivery.add_users(3, first_id=41_001)
    chats = [person.telegram_id for person in people]
    erased = chats[1]
    now = delivery.clock.now()
    async with delivery.runtime.session_factory() as session:
        poll = Poll(created_by=0, closes_at=now + timedelta(days=3), status="open", option_count=2)
        session.add(poll)
        await session.flush()
        for person in people:
            await enqueue(
                session, chat_id=person.telegram_id, method="sendPoll", user_id=person.id,
                params={"question": "Mehr Bänke?", "options": ["Ja", "Nein"],
                        "is_anonymous": False},
                dedupe_key=f"{DELIVERY_PREFIX}{poll.id}:u{person.id}", now=now,
            )  # fmt: skip
        await session.commit()

    async def erase_while_sending(make_request, bot, method):  # type: ignore[no-untyped-def]
        if isinstance(method, SendPoll) and method.chat_id == erased:
            await erase(delivery, erased)
        return await make_request(bot, method)

    delivery.bot.session.middleware(erase_while_sending)
    await delivery.send_until(lambda: all_sent(delivery))
    async with delivery.runtime.session_factory() as session:
        recorded = (await session.execute(select(PollMessage.chat_id))).scalars().all()
    assert sorted(recorded) == [chats[0], chats[2]]  # the erased person's poll isn't kept


async def test_a_failed_result_write_is_retried_and_nothing_is_sent_twice(
    delivery: Delivery, monkeypatch: pytest.MonkeyPatch
) -> None:
    chats = list(range(42_001, 42_009))
    await queue_texts(delivery, chats)
    write = outbox_rows.apply_updates
    failures: list[int] = []

    async def deadlocked_once(session: Any, changes: list[dict[str, Any]]) -> None:
        # As PostgreSQL answers a deadlock with an erasure deleting the same rows.
        if not failures:
            failures.append(len(changes))
            raise OperationalError("UPDATE outbox", {}, Exception("deadlock detected"))
        await write(session, changes)

    monkeypatch.setattr(outbox_rows, "apply_updates", deadlocked_once)
    await delivery.send_until(lambda: all_sent(delivery))
    await delivery.send_until(lambda: True)  # a new lead would re-send anything left claimed
    assert failures and failures[0] >= 1
    assert sorted(call.chat_id for call in delivery.sends()) == chats  # each exactly once
    assert await statuses(delivery) == Counter({"sent": len(chats)})

"""Claiming outbox rows: the most urgent due rows first, each held by one sender for its lease,
and given back when that sender stops or dies, so every message goes out once."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select

from bot.delivery.claims import CLAIM_LEASE
from bot.delivery.sender import Sender
from bot.outbox import NOTICE, REMINDER, enqueue
from db.models import Campaign, CampaignStatus, OutboxMessage, User
from db.repositories import outbox
from tests.delivery.conftest import Delivery


async def queue(delivery: Delivery, key: str, **fields: object) -> None:
    async with delivery.runtime.session_factory() as session:
        await enqueue(
            session, chat_id=90_001, method="sendMessage", params={"text": key},
            dedupe_key=key, now=delivery.clock.now(), **fields,  # type: ignore[arg-type]
        )  # fmt: skip
        await session.commit()


async def states(delivery: Delivery) -> dict[str, str]:
    async with delivery.runtime.session_factory() as session:
        rows = await session.execute(select(OutboxMessage.dedupe_key, OutboxMessage.status))
        return {key: status for key, status in rows.all()}


async def test_a_claim_takes_the_most_urgent_due_rows_up_to_the_batch(delivery: Delivery) -> None:
    now = delivery.clock.now()
    await queue(delivery, "announcement")
    await queue(delivery, "later reminder", priority=REMINDER, not_before=now + timedelta(hours=1))
    await queue(delivery, "notice", priority=NOTICE)
    await queue(delivery, "reminder", priority=REMINDER)
    await queue(delivery, "older announcement", not_before=now - timedelta(minutes=5))
    claims = Sender(delivery.runtime, delivery.bot).claims
    claims.batch = 3
    assert await claims.claim() is True
    assert [row.dedupe_key for row in claims.rows] == ["reminder", "notice", "older announcement"]
    assert await states(delivery) == {
        "reminder": "sending", "notice": "sending", "older announcement": "sending",
        "announcement": "pending", "later reminder": "pending",  # not due for an hour
    }  # fmt: skip


async def test_a_claimed_row_is_held_for_its_lease_then_freed_for_another_sender(
    delivery: Delivery,
) -> None:
    await queue(delivery, "hello")
    first = Sender(delivery.runtime, delivery.bot).claims
    assert await first.claim() is True
    other = Sender(delivery.runtime, delivery.bot).claims
    assert await other.claim() is False  # no second sender gets it while it is held
    # The housekeeping round frees only claims whose lease is over (their sender died).
    delivery.clock.advance(CLAIM_LEASE.total_seconds() - 5)
    async with delivery.runtime.session_factory() as session:
        assert await outbox.release_sending(session, delivery.clock.now(), all_rows=False) == 0
        await session.commit()
    assert await other.claim() is False
    delivery.clock.advance(10)
    async with delivery.runtime.session_factory() as session:
        assert await outbox.release_sending(session, delivery.clock.now(), all_rows=False) == 1
        await session.commit()
    assert await other.claim() is True
    assert [row.dedupe_key for row in other.rows] == ["hello"]


async def test_rows_claimed_but_not_sent_go_back_when_the_sender_stops(delivery: Delivery) -> None:
    await queue(delivery, "one")
    await queue(delivery, "two")
    claims = Sender(delivery.runtime, delivery.bot).claims
    await claims.claim()
    assert await states(delivery) == {"one": "sending", "two": "sending"}
    await claims.release()
    assert await states(delivery) == {"one": "pending", "two": "pending"}
    assert not claims.rows
    assert await Sender(delivery.runtime, delivery.bot).claims.claim() is True


async def test_a_claim_ends_only_the_messages_nobody_wants_any_more(delivery: Delivery) -> None:
    """A cancelled campaign's message, an announcement to someone who switched announcements
    off since, a reminder past its meeting: cancelled, not sent. Everything else is claimed —
    a running campaign's, a notice to the resident who only turned announcements off."""
    now = delivery.clock.now()
    wants, declines = await delivery.add_users(1, 92_001) + await delivery.add_users(
        1, 92_002, announcements=False
    )
    async with delivery.runtime.session_factory() as session:
        running = Campaign(created_by=1, status=CampaignStatus.SENDING)
        cancelled = Campaign(created_by=1, status=CampaignStatus.CANCELLED)
        session.add_all([running, cancelled])
        await session.flush()

        def message(key: str, user: User, **fields: object) -> OutboxMessage:
            return OutboxMessage(chat_id=user.telegram_id, user_id=user.id, payload="{}",
                                 dedupe_key=key, not_before=now, **fields)  # fmt: skip

        session.add_all([
            message("running campaign", wants, campaign_id=running.id),
            message("running campaign, announcements off", declines, campaign_id=running.id),
            message("cancelled campaign", wants, campaign_id=cancelled.id),
            message("notice, announcements off", declines, priority=NOTICE),
            message("reminder, meeting started", wants, expires_at=now - timedelta(minutes=1)),
            message("reminder, meeting starting now", wants, expires_at=now),
            message("reminder, meeting ahead", wants, expires_at=now + timedelta(hours=1)),
        ])  # fmt: skip
        await session.commit()
        claimed = await outbox.claim_due(session, now, now + CLAIM_LEASE, 10)
        await session.commit()
    assert {row.dedupe_key for row in claimed} == {
        "running campaign", "notice, announcements off", "reminder, meeting ahead",
    }  # fmt: skip
    async with delivery.runtime.session_factory() as session:
        rows = await session.execute(
            select(OutboxMessage.dedupe_key, OutboxMessage.status, OutboxMessage.last_error)
        )
        ended = {key: (status, error) for key, status, error in rows.all() if status != "sending"}
    gone = ("cancelled", "not wanted any more")
    assert ended == {
        "running campaign, announcements off": gone,
        "cancelled campaign": gone,
        "reminder, meeting started": gone,
        "reminder, meeting starting now": gone,  # expired at the very moment it ends
    }


async def test_a_message_queued_twice_under_its_key_is_claimed_once(delivery: Delivery) -> None:
    """The second enqueue says it was known (callers count whom they told by it) and changes
    nothing: one row, the first text, one claim."""
    now = delivery.clock.now()
    async with delivery.runtime.session_factory() as session:
        first = await enqueue(session, chat_id=90_001, method="sendMessage",
                              params={"text": "Kürzlich"}, dedupe_key="once", now=now)  # fmt: skip
        again = await enqueue(session, chat_id=90_001, method="sendMessage",
                              params={"text": "again"}, dedupe_key="once", now=now)  # fmt: skip
        await session.commit()
    assert (first, again) == (True, False)
    claims = Sender(delivery.runtime, delivery.bot).claims
    assert await claims.claim() is True
    assert [json.loads(row.payload or "") for row in claims.rows] == [{"text": "Kürzlich"}]
    assert await Sender(delivery.runtime, delivery.bot).claims.claim() is False

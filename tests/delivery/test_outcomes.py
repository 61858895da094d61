"""What Telegram answered becomes the row's next state: a 429 waits exactly retry_after and costs
no attempt, a server error backs off and gives up after an hour, a refusal ends the row.

Written through the sender's own result batch to the database; no timing, so they hold under
any load (the end-to-end 429 test in test_sender.py measures the pause on the wire)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import SendMessage
from sqlalchemy import select

from bot.delivery import outcomes as outcomes_module
from bot.delivery.outcomes import MAX_BACKOFF, RETRY_FOR, Outcomes
from bot.outbox import enqueue
from db.models import OutboxMessage, User
from db.repositories import outbox
from tests.delivery.conftest import Delivery

METHOD = SendMessage(chat_id=91_001, text="Hallo")


async def claimed(delivery: Delivery, **fields: object) -> OutboxMessage:
    """One queued message, claimed as the sender claims it (then changed as given)."""
    now = delivery.clock.now()
    async with delivery.runtime.session_factory() as session:
        await enqueue(
            session, chat_id=91_001, method="sendMessage", params={"text": "Hallo"},
            dedupe_key="m1", now=now,
        )  # fmt: skip
        [row] = await outbox.claim_due(session, now, now + timedelta(seconds=60), 10)
        for name, value in fields.items():
            setattr(row, name, value)
        await session.commit()
    return row


async def written(delivery: Delivery, outcomes: Outcomes) -> OutboxMessage:
    async with delivery.runtime.session_factory() as session:
        await outcomes.write(session, outcomes.take())
        await session.commit()
    async with delivery.runtime.session_factory() as session:
        return (await session.execute(select(OutboxMessage))).scalar_one()


def seconds_after(moment: datetime | None, start: datetime) -> float:
    assert moment is not None
    return (moment - start).total_seconds()


async def test_a_429_waits_retry_after_and_costs_no_attempt(delivery: Delivery) -> None:
    row = await claimed(delivery, attempts=2)
    outcomes = Outcomes(delivery.clock)
    now = delivery.clock.now()
    pause = outcomes.failed(row, TelegramRetryAfter(METHOD, "Too Many Requests", 7))
    assert pause == 7.0  # every send pauses this long
    stored = await written(delivery, outcomes)
    assert (stored.status, stored.attempts, stored.lease_until) == ("pending", 2, None)
    assert 6.9 <= seconds_after(stored.not_before, now) <= 7.5


async def test_a_server_error_backs_off_and_counts_an_attempt(delivery: Delivery) -> None:
    row = await claimed(delivery)
    outcomes = Outcomes(delivery.clock)
    now = delivery.clock.now()
    assert outcomes.failed(row, TelegramServerError(METHOD, "Bad Gateway")) == 0.0
    stored = await written(delivery, outcomes)
    assert (stored.status, stored.attempts, stored.last_error) == (
        "pending", 1, "TelegramServerError")  # fmt: skip
    assert stored.first_failed_at is not None and stored.lease_until is None
    assert 0.9 <= seconds_after(stored.not_before, now) <= 3.5  # 2 s ± 50 %


@pytest.mark.parametrize("jitter", [0.5, 1.5])  # the random spread's two ends
async def test_backoff_doubles_per_attempt_up_to_ten_minutes(
    delivery: Delivery, monkeypatch: pytest.MonkeyPatch, jitter: float
) -> None:
    spreads: list[tuple[float, float]] = []

    def uniform(low: float, high: float) -> float:
        spreads.append((low, high))
        return jitter

    monkeypatch.setattr(outcomes_module.random, "uniform", uniform)
    row = await claimed(delivery, first_failed_at=delivery.clock.now())
    outcomes = Outcomes(delivery.clock)
    waits = []
    for attempts in (0, 4, 8, 9, 30):
        row.attempts = attempts
        now = delivery.clock.now()
        outcomes.failed(row, TelegramServerError(METHOD, "Bad Gateway"))
        waits.append(round(seconds_after((await written(delivery, outcomes)).not_before, now)))
    assert spreads == [(0.5, 1.5)] * 5
    expected = [2, 32, 512, MAX_BACKOFF, MAX_BACKOFF]  # 2 ** (attempts + 1) s, at most 600
    assert waits == [round(seconds * jitter) for seconds in expected]


async def test_a_server_error_gives_up_an_hour_after_the_first(delivery: Delivery) -> None:
    start = delivery.clock.now()
    row = await claimed(delivery, attempts=9, first_failed_at=start)
    outcomes = Outcomes(delivery.clock)
    delivery.clock.advance(RETRY_FOR.total_seconds() - 60)
    outcomes.failed(row, TelegramServerError(METHOD, "Bad Gateway"))
    stored = await written(delivery, outcomes)
    assert (stored.status, stored.attempts) == ("pending", 10)  # still within the hour
    assert stored.first_failed_at is not None
    assert abs(seconds_after(stored.first_failed_at, start)) < 1  # the hour counts from the first
    delivery.clock.advance(60)
    outcomes.failed(row, TelegramServerError(METHOD, "Bad Gateway"))
    stored = await written(delivery, outcomes)
    assert stored.status == "failed"
    assert stored.last_error == "gave up after an hour: TelegramServerError"


async def test_a_refused_message_ends_with_telegrams_reason(delivery: Delivery) -> None:
    row = await claimed(delivery)
    outcomes = Outcomes(delivery.clock)
    reason = "Bad Request: message is too long " + "x" * 300
    assert outcomes.failed(row, TelegramBadRequest(METHOD, reason)) == 0.0
    stored = await written(delivery, outcomes)
    assert (stored.status, stored.error_code, stored.lease_until) == ("failed", 400, None)
    assert stored.last_error == reason[:200]


async def test_a_blocked_bot_ends_the_row_and_marks_the_chat_unreachable(
    delivery: Delivery,
) -> None:
    [person] = await delivery.add_users(1, first_id=91_001)
    row = await claimed(delivery)
    outcomes = Outcomes(delivery.clock)
    blocked = TelegramForbiddenError(METHOD, "Forbidden: bot was blocked by the user")
    assert outcomes.failed(row, blocked) == 0.0
    stored = await written(delivery, outcomes)
    assert (stored.status, stored.error_code, stored.last_error) == ("failed", 403, "unreachable")
    async with delivery.runtime.session_factory() as session:
        assert (await session.get(User, person.id)).reachable is False  # type: ignore[union-attr]

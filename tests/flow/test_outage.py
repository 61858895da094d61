"""Database outage: webhook answers 503 and polling keeps the offset, then both recover alone."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.polling import Backoff, poll
from bot.sandbox import updates
from bot.sandbox.server import FakeBotAPI
from bot.webhook import build_webhook_app
from tests.flow.conftest import checked
from tests.flow.harness import TOKEN, Harness
from tests.flow.outage_support import PostgresOutage, SqliteOutage, outage_for

SECRET = "hook-secret-for-the-outage-tests-0123456789"
WELCOME = "Willkommen"


@pytest.fixture
async def outage(database_url: str) -> AsyncIterator[PostgresOutage | SqliteOutage]:
    simulated = outage_for(database_url)
    await simulated.start()
    yield simulated
    await simulated.stop()


@pytest.fixture
async def harness_via(
    fake_api: tuple[FakeBotAPI, str], outage: PostgresOutage | SqliteOutage
) -> AsyncIterator[Harness]:
    async with checked(*fake_api, outage.url) as bot_harness:
        yield bot_harness


def welcomes(h: Harness, chat_id: int) -> int:
    return sum(WELCOME in str(m.get("text")) for m in h.api.sent_messages(chat_id, TOKEN))


def start(user_id: int, update_id: int) -> dict[str, object]:
    update = updates.start_update(updates.user(user_id, "de"))
    update["update_id"] = update_id
    return update


@asynccontextmanager
async def webhook(h: Harness) -> AsyncIterator[Callable[[dict[str, object]], Awaitable[int]]]:
    """Deliver an update to the bot's webhook as Telegram does; gives the HTTP status."""
    app = build_webhook_app(h.dispatcher, h.bot, SECRET, "/hook")
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with TestClient(TestServer(app)) as client:

        async def deliver(update: dict[str, object]) -> int:
            return (await client.post("/hook", json=update, headers=headers)).status

        yield deliver


async def test_webhook_answers_503_during_an_outage_and_recovers(
    harness_via: Harness, outage: PostgresOutage | SqliteOutage, caplog: pytest.LogCaptureFixture
) -> None:
    h = harness_via
    async with webhook(h) as deliver:
        assert await deliver(start(501, 1)) == 200
        assert welcomes(h, 501) == 1
        await outage.begin(h.runtime.engine)
        with caplog.at_level(logging.WARNING, logger="bot.webhook"):
            for _ in range(3):  # Telegram retries while the database is away
                assert await deliver(start(502, 2)) == 503
        assert "update 2: database unreachable; answered 503" in caplog.text
        assert welcomes(h, 502) == 0
        await outage.end()
        assert await deliver(start(502, 2)) == 200
        assert await deliver(start(502, 2)) == 200
        assert welcomes(h, 502) == 1  # once, although delivered twice after the outage


async def test_connections_cut_while_the_database_stays_up_cost_one_retry_at_most(
    harness_via: Harness, outage: PostgresOutage | SqliteOutage
) -> None:
    """The pool does not ping before each use, so a cut connection shows on first use."""
    h = harness_via
    async with webhook(h) as deliver:
        assert await deliver(start(701, 1)) == 200
        await outage.begin(h.runtime.engine)  # a server restart, a firewall dropping idle links
        await outage.end()
        statuses = []
        for _ in range(3):  # Telegram delivering the update again after a 503
            statuses.append(await deliver(start(702, 2)))
            if statuses[-1] == 200:
                break
        assert statuses in ([200], [503, 200]), statuses
        assert welcomes(h, 702) == 1
        assert await deliver(start(703, 3)) == 200
        assert welcomes(h, 703) == 1


async def test_polling_keeps_unprocessed_updates_and_recovers(
    harness_via: Harness, outage: PostgresOutage | SqliteOutage
) -> None:
    h = harness_via
    stop = asyncio.Event()
    task = asyncio.create_task(
        poll(h.dispatcher, h.bot, stop, poll_seconds=0, backoff=Backoff(0.05, 0.05))
    )
    try:
        h.api.add_update(TOKEN, updates.start_update(updates.user(601, "de")))
        await wait_until(lambda: welcomes(h, 601) == 1)
        await outage.begin(h.runtime.engine)
        h.api.add_update(TOKEN, updates.start_update(updates.user(602, "de")))
        h.api.add_update(TOKEN, updates.start_update(updates.user(603, "de")))
        polls = len(h.api.calls("getUpdates"))
        await wait_until(lambda: len(h.api.calls("getUpdates")) >= polls + 5)  # retried a while
        assert welcomes(h, 602) == welcomes(h, 603) == 0
        assert len(h.api.state(TOKEN).pending) == 2  # Telegram still holds both
        await outage.end()
        await wait_until(lambda: welcomes(h, 602) == 1 and welcomes(h, 603) == 1)
        await wait_until(lambda: not h.api.state(TOKEN).pending)
        assert welcomes(h, 601) == 1
    finally:
        stop.set()
        await task


async def wait_until(predicate: object, seconds: float = 30.0) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not predicate():  # type: ignore[operator]
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.02)

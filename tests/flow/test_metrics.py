"""What an operator's Prometheus sees of updates, and what /readyz says, through the webhook."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.sandbox.server import FakeBotAPI
from tests.flow.conftest import checked
from tests.flow.harness import Harness
from tests.flow.outage_support import PostgresOutage, SqliteOutage, outage_for
from tests.flow.test_outage import start, webhook, welcomes
from tests.metrics_support import scrape, value


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


async def test_updates_are_counted_by_type_and_outcome_and_readiness_follows_the_database(
    harness_via: Harness, outage: PostgresOutage | SqliteOutage
) -> None:
    h = harness_via
    runtime = h.runtime
    assert await scrape(runtime, "/readyz") == (503, "not ready: starting up\n")
    runtime.health.ready = True
    assert await scrape(runtime, "/readyz") == (200, "ready\n")
    assert await scrape(runtime, "/healthz") == (200, "ok\n")
    async with webhook(h) as deliver:
        assert await deliver(start(700_501, 1)) == 200
        assert await deliver(start(700_502, 2)) == 200
        await outage.begin(runtime.engine)
        assert await deliver(start(700_503, 3)) == 503
        status, reason = await scrape(runtime, "/readyz")
        assert status == 503 and reason.startswith("not ready: database unreachable ("), reason
        status, body = await scrape(runtime)  # /metrics still answers, from memory
        assert status == 200 and value(body, "stadtstimme_database_up") == 0
        await outage.end()
        assert await deliver(start(700_503, 3)) == 200
    assert [welcomes(h, chat) for chat in (700_501, 700_502, 700_503)] == [1, 1, 1]
    status, body = await scrape(runtime)
    assert status == 200
    handled = value(body, "stadtstimme_updates_total", type="message", outcome="handled")
    assert handled == 3
    assert value(body, "stadtstimme_updates_total", type="message", outcome="outage") == 1
    assert value(body, "stadtstimme_update_seconds_count") == 4
    assert value(body, "stadtstimme_database_up") == 1
    assert value(body, "stadtstimme_sender_leader") == 0  # no sender ran in this process
    # Residents never appear: no Telegram id, no name, no text.
    assert "700501" not in body and "700_501" not in body and "/start" not in body
    runtime.health.stopping = True
    assert await scrape(runtime, "/readyz") == (503, "not ready: shutting down\n")


async def test_a_schema_behind_the_code_is_not_ready(harness: Harness) -> None:
    from sqlalchemy import text

    harness.runtime.health.ready = True
    async with harness.runtime.engine.begin() as connection:
        await connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    status, reason = await scrape(harness.runtime, "/readyz")
    assert status == 503
    assert reason.startswith("not ready: schema at 0001, this version needs "), reason
    assert reason.endswith("run `stadtstimme db upgrade`\n")


async def test_webhook_answers_503_once_shutting_down_and_handles_nothing(harness: Harness) -> None:
    from aiohttp.test_utils import TestClient, TestServer

    from bot.webhook import HANDLER, build_webhook_app
    from tests.flow.test_outage import SECRET

    health = harness.runtime.health
    app = build_webhook_app(harness.dispatcher, harness.bot, SECRET, "/hook", health)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with TestClient(TestServer(app)) as client:
        assert (await client.post("/hook", json=start(700_601, 11), headers=headers)).status == 200
        health.stopping = True  # SIGTERM
        response = await client.post("/hook", json=start(700_602, 12), headers=headers)
        assert (response.status, await response.text()) == (
            503,
            "Service Unavailable: shutting down",
        )
        assert await app[HANDLER].drained(0.1) == 0
    assert [welcomes(harness, chat) for chat in (700_601, 700_602)] == [1, 0]

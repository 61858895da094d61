"""With REDIS_URL the conversation state lives in Redis and survives a restart too."""

from __future__ import annotations

import socket
import uuid

import pytest

from bot.sandbox.server import FakeBotAPI
from tests.flow.harness import Harness


def redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")
async def test_profile_flow_survives_restart_with_redis(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    api, base_url = fake_api
    # A database number of its own keeps test keys apart; flushed before use.
    url = "redis://127.0.0.1:6379/15"
    harness = Harness(api, base_url, database_url, redis_url=url)
    await harness.start()
    await harness.dispatcher.storage.redis.flushdb()  # type: ignore[attr-defined]
    try:
        chat = harness.chat(800_000 + uuid.uuid4().int % 1000, "en")
        await chat.send("/start")
        await chat.press("Continue")
        await chat.press("Yes, set up my profile")
        await harness.restart()
        assert type(harness.dispatcher.storage).__name__ == "RedisStorage"
        await chat.send("Hamborn please")
        assert "Which district do you live in?" in chat.last_text()
    finally:
        await harness.stop()

"""With REDIS_URL the conversation state lives in Redis, survives a restart, and goes with
the person when they or an operator delete their data."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.sandbox.server import FakeBotAPI
from bot.scheduler import retention_tick
from db.models import User
from tests.e2e.test_cli import cli_in_process
from tests.flow.announce_support import resident
from tests.flow.conftest import checked
from tests.flow.harness import POLL_SECRET, TOKEN, Harness
from tests.flow.ideas_support import STAFF_CHAT, moderator, stored_ideas
from tests.flow.test_ideas_hand_in import hand_in

REDIS_URL = "redis://127.0.0.1:6379/15"
# Tests on other xdist workers use Redis database 15 at the same time (xdist_group marks are
# ignored with pytest 9.2: pytest-xdist issue 1386), so none flushes it: each test's person has
# an id of its own (`random_person`) and every assertion looks at that person's keys only.


def redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.fixture
async def redis_harness(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> AsyncIterator[Harness]:
    """The bot with its conversations in Redis (a database number of its own for tests)."""
    if not redis_answers():
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail("REQUIRE_REDIS is set but no Redis answers on 127.0.0.1:6379")
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings = {"redis_url": REDIS_URL, "staff_chat_id": STAFF_CHAT}
    async with checked(*fake_api, database_url, **settings) as harness:
        yield harness


async def keys_of(harness: Harness, telegram_id: int) -> list[str]:
    """Conversation keys in Redis naming the person (as chat or as user)."""
    redis = harness.dispatcher.storage.redis  # type: ignore[attr-defined]
    found = [key.decode() async for key in redis.scan_iter(match=f"fsm:*{telegram_id}*")]
    return sorted(key for key in found if str(telegram_id) in key.split(":"))


async def mid_conversation(harness: Harness, telegram_id: int) -> None:
    """A new resident halfway through setting up the profile: state and data in Redis."""
    chat = harness.chat(telegram_id, "en")
    await chat.send("/start")
    await chat.press("Continue")
    await chat.press("Yes, set up my profile")
    assert "Which district do you live in?" in chat.last_text(), chat.last_text()


async def stored(harness: Harness, telegram_id: int) -> User | None:
    """The resident's row, if any."""
    async with harness.runtime.session_factory() as session:
        query = select(User).where(User.telegram_id == telegram_id)
        return (await session.execute(query)).scalar_one_or_none()


def random_person() -> int:
    """An id of its own: other tests may use the same Redis database at the same time."""
    return 810_000_000 + uuid.uuid4().int % 10_000_000


async def test_profile_flow_survives_restart_with_redis(redis_harness: Harness) -> None:
    harness = redis_harness
    person = random_person()
    await mid_conversation(harness, person)
    await harness.restart()
    assert type(harness.dispatcher.storage).__name__ == "RedisStorage"
    chat = harness.chat(person, "en")
    await chat.send("Hamborn please")
    assert "Which district do you live in?" in chat.last_text()


async def test_users_delete_from_the_shell_removes_the_conversation_in_redis(
    redis_harness: Harness, database_url: str
) -> None:
    harness = redis_harness
    person = random_person()
    await mid_conversation(harness, person)
    assert await keys_of(harness, person) == [
        f"fsm:{person}:{person}:data",
        f"fsm:{person}:{person}:state",
    ]
    env = {"DATABASE_URL": database_url, "BOT_TOKEN": TOKEN, "POLL_SECRET": POLL_SECRET}
    # In this process on a thread (tests/e2e/test_cli_users.py runs the real command).
    result = await asyncio.to_thread(
        cli_in_process, ["users", "delete", str(person)], env | {"REDIS_URL": REDIS_URL}
    )
    assert result.stdout.strip() == f"deleted all data of {person}", result.stderr
    assert await stored(harness, person) is None
    assert await keys_of(harness, person) == []


async def test_delete_removes_the_persons_conversations_in_every_chat_from_redis(
    redis_harness: Harness,
) -> None:
    harness = redis_harness
    person = random_person()
    await hand_in(harness, await resident(harness, person + 1, "de"), "de")
    [idea] = await stored_ideas(harness)
    # A moderator who also uses the bot as a resident, halfway through a decision.
    chat = await resident(harness, person, "de")
    staff = await moderator(harness, person)
    await staff.press(idea.reference, harness.t("Publish", "de"))
    assert await keys_of(harness, person) == [f"fsm:{STAFF_CHAT}:{person}:data",
                                              f"fsm:{STAFF_CHAT}:{person}:state"]  # fmt: skip
    await chat.send("/delete")
    await chat.press(harness.t("Yes, continue", "de"))
    await chat.press(harness.t("Delete everything", "de"))
    assert await keys_of(harness, person) == []


async def test_retention_deletes_the_conversation_in_redis_too(redis_harness: Harness) -> None:
    harness = redis_harness
    person = random_person()
    await mid_conversation(harness, person)
    row = await stored(harness, person)
    assert row is not None
    async with harness.runtime.session_factory() as session:
        user = await session.merge(row)
        now = datetime.now(UTC)  # inactive for 25 months, warned 31 days ago
        user.last_seen_at = now - timedelta(days=760)
        user.retention_warned_at = now - timedelta(days=31)
        await session.commit()
    assert len(await keys_of(harness, person)) == 2
    await retention_tick(harness.runtime)
    assert await stored(harness, person) is None
    assert await keys_of(harness, person) == []


async def test_mydata_shows_the_open_conversation_kept_in_redis(redis_harness: Harness) -> None:
    harness = redis_harness
    person = random_person()
    await hand_in(harness, await resident(harness, person + 1, "de"), "de")
    [idea] = await stored_ideas(harness)
    chat = await resident(harness, person, "de")
    staff = await moderator(harness, person)
    await staff.press(idea.reference, harness.t("Publish", "de"))  # halfway: not confirmed yet
    await chat.send("/mydata")
    document = json.loads(harness.api.state(TOKEN).files[chat.last()["document"]["file_id"]].data)
    [draft] = document["open_drafts"]
    assert draft["step"] and draft["entered"]
    assert str(person + 1) not in json.dumps(document["open_drafts"])

"""Erasure with conversations kept in the database (the default storage): `/delete`,
`stadtstimme users delete` and retention leave no conversation row of the person behind."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from bot.cli import command_tree
from bot.scheduler import retention_tick
from bot.services.personal_data.account import persons_key
from db.models import FsmRecord, User
from tests.flow.announce_support import resident
from tests.flow.harness import POLL_SECRET, TOKEN, Harness
from tests.flow.ideas_support import moderator, stored_ideas
from tests.flow.test_ideas_hand_in import hand_in

PERSON = 7_301


async def conversation_rows(h: Harness, telegram_id: int) -> list[str]:
    """Keys of stored conversations naming the person as chat or as user."""
    async with h.runtime.session_factory() as session:
        keys = await session.scalars(select(FsmRecord.key))
    return sorted(key for key in keys if persons_key(key, telegram_id))


async def stored(h: Harness, telegram_id: int) -> User | None:
    async with h.runtime.session_factory() as session:
        return await session.scalar(select(User).where(User.telegram_id == telegram_id))


async def mid_conversations(h: Harness, *, in_profile: bool = True) -> None:
    """The person as a moderator halfway through a decision, and halfway through the profile."""
    await hand_in(h, await resident(h, PERSON + 1, "de"), "de")
    [idea] = await stored_ideas(h)
    chat = h.chat(PERSON, "en")
    await chat.send("/start")
    if in_profile:
        await chat.press("Continue")
        await chat.press("Yes, set up my profile")
    staff = await moderator(h, PERSON)
    await staff.press(idea.reference, h.t("Publish", "de"))
    rows = await conversation_rows(h, PERSON)
    assert len(rows) == 1 + in_profile, rows  # the staff chat (and the private chat)


async def test_delete_leaves_no_conversation_row(ideas_harness: Harness) -> None:
    h = ideas_harness
    await mid_conversations(h, in_profile=False)  # inside the profile steps /delete waits
    chat = h.chat(PERSON, "en")
    await chat.send("/delete")
    await chat.press("Yes, continue")
    await chat.press("Delete everything")
    assert chat.last_text().startswith("All your data has been deleted.")
    assert await stored(h, PERSON) is None
    assert await conversation_rows(h, PERSON) == []


async def test_users_delete_leaves_no_conversation_row(
    ideas_harness: Harness, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = ideas_harness
    await mid_conversations(h)
    monkeypatch.chdir(tmp_path)  # no developer's .env is read
    env = {"DATABASE_URL": database_url, "BOT_TOKEN": TOKEN, "POLL_SECRET": POLL_SECRET}
    arguments = ["users", "delete", str(PERSON)]
    result = await asyncio.to_thread(CliRunner().invoke, command_tree(), arguments, env=env)
    assert result.output.strip() == f"deleted all data of {PERSON}", result.output
    assert await stored(h, PERSON) is None
    assert await conversation_rows(h, PERSON) == []


async def test_retention_leaves_no_conversation_row(ideas_harness: Harness) -> None:
    h = ideas_harness
    await mid_conversations(h)
    async with h.runtime.session_factory() as session:
        user = await session.scalar(select(User).where(User.telegram_id == PERSON))
        assert user is not None
        now = datetime.now(UTC)  # inactive for 25 months, warned 31 days ago
        user.last_seen_at = now - timedelta(days=760)
        user.retention_warned_at = now - timedelta(days=31)
        await session.commit()
    await retention_tick(h.runtime)
    assert await stored(h, PERSON) is None
    assert await conversation_rows(h, PERSON) == []

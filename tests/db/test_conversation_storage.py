"""Conversation state and data in the database: each write changes only what it names."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage import DatabaseStorage, SessionStorage, storage_key
from db.models import FsmRecord
from db.session import create_engine, create_session_factory

KEY = StorageKey(bot_id=1, chat_id=42, user_id=42)
OTHER = StorageKey(bot_id=1, chat_id=43, user_id=43)


@pytest.fixture
async def factory(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(database_url)
    yield create_session_factory(engine)
    await engine.dispose()


async def rows(factory: async_sessionmaker[AsyncSession]) -> int:
    async with factory() as session:
        return int(await session.scalar(select(func.count()).select_from(FsmRecord)) or 0)


async def test_state_and_data_are_kept_apart(factory: async_sessionmaker[AsyncSession]) -> None:
    storage = DatabaseStorage(factory)
    await storage.set_data(KEY, {"idea": "Mehr Bänke am Rhein"})
    await storage.set_state(KEY, "IdeaFlow:photo")
    # Another process (a new storage on the same database) sees both.
    other_process = DatabaseStorage(factory)
    assert await other_process.get_state(KEY) == "IdeaFlow:photo"
    assert await other_process.get_data(KEY) == {"idea": "Mehr Bänke am Rhein"}
    await storage.set_data(KEY, {"idea": "Ein Park"})
    assert await other_process.get_state(KEY) == "IdeaFlow:photo"
    await storage.set_state(KEY, None)
    assert await other_process.get_data(KEY) == {"idea": "Ein Park"}
    assert await other_process.get_state(KEY) is None
    assert await other_process.get_data(OTHER) == {}
    assert await rows(factory) == 1


async def test_the_updates_own_conversation_is_written_with_its_commit(
    factory: async_sessionmaker[AsyncSession],
) -> None:
    async with factory() as session:
        storage = SessionStorage(session, storage_key(KEY), None)
        await storage.set_state(KEY, "MeetingWizard:title")
        await storage.update_data(KEY, {"title": "Bürgerforum Marxloh"})
        await storage.set_state(OTHER, "IdeaFlow:text")  # someone else's: written at once
        assert await rows(factory) == 1
        await storage.flush()
        await session.commit()
    reader = DatabaseStorage(factory)
    assert await reader.get_state(KEY) == "MeetingWizard:title"
    assert await reader.get_data(KEY) == {"title": "Bürgerforum Marxloh"}
    assert await reader.get_state(OTHER) == "IdeaFlow:text"
    assert await rows(factory) == 2


async def test_a_finished_conversation_leaves_no_row(
    factory: async_sessionmaker[AsyncSession],
) -> None:
    await DatabaseStorage(factory).set_state(KEY, "IdeaFlow:text")
    async with factory() as session:
        storage = SessionStorage(session, storage_key(KEY), "IdeaFlow:text", "{}")
        await storage.set_state(KEY, None)  # what FSMContext.clear does
        await storage.set_data(KEY, {})
        await storage.flush()
        await session.commit()
    assert await rows(factory) == 0

"""Fixtures for flow tests: fake Telegram, bot harness, and checks after every test."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest

from bot.sandbox.server import FakeBotAPI
from tests.flow.harness import Harness
from tests.loaded_once import api_spec


@pytest.fixture
async def fake_api() -> AsyncIterator[tuple[FakeBotAPI, str]]:
    """The strict fake Bot API on a free port."""
    api = FakeBotAPI(spec=api_spec())
    base_url = await api.start()
    yield api, base_url
    await api.stop()


@asynccontextmanager
async def checked(
    api: FakeBotAPI, base_url: str, database_url: str, **settings: Any
) -> AsyncIterator[Harness]:
    """A started harness; afterwards: no failed API call and no logged error."""
    bot_harness = Harness(api, base_url, database_url, **settings)
    errors = bot_harness.errors
    logging.getLogger().addHandler(errors)
    await bot_harness.start()
    try:
        yield bot_harness
    finally:
        await bot_harness.stop()
        logging.getLogger().removeHandler(errors)
    rejected = [(c.method, c.description) for c in api.calls(ok=False)]
    assert rejected == [], f"the fake Bot API rejected calls: {rejected}"
    assert [r.getMessage() for r in errors.records] == []


@pytest.fixture
async def harness(fake_api: tuple[FakeBotAPI, str], database_url: str) -> AsyncIterator[Harness]:
    """The bot against the fake API, checked afterwards."""
    async with checked(*fake_api, database_url) as bot_harness:
        yield bot_harness


@pytest.fixture
async def ideas_harness(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> AsyncIterator[Harness]:
    """The bot with a staff chat and a limit of 2 ideas a day, checked afterwards."""
    from tests.flow.ideas_support import STAFF_CHAT

    async with checked(
        *fake_api, database_url, staff_chat_id=STAFF_CHAT, ideas_per_day=2, idea_hide_reports=3
    ) as bot_harness:
        yield bot_harness

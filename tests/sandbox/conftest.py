"""Fixtures: a running FakeBotAPI, an aiogram Bot pointed at it and a raw HTTP client."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiogram import Bot

from bot.sandbox import FakeBotAPI
from tests.loaded_once import api_spec
from tests.sandbox.fakeapi_support import make_bot
from tests.sandbox.webchat_support import Sandbox, start_sandbox


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotAPI]:
    """A started fake server on a free port."""
    server = FakeBotAPI(webhook_retry_delay=0.05, spec=api_spec())
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def bot(fake: FakeBotAPI) -> AsyncIterator[Bot]:
    """An aiogram Bot for TOKEN, talking to the fake."""
    instance = make_bot(fake.base_url)
    yield instance
    await instance.session.close()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    """A plain HTTP client for raw requests."""
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
async def sandbox(tmp_path: Path) -> AsyncIterator[Sandbox]:
    """The fake with the web chat mounted (see webchat_support)."""
    async for started in start_sandbox(tmp_path):
        yield started

"""Fixtures for the delivery engine: fake Telegram with its limits, a runtime, residents."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiogram import Bot

from bot.config import Settings
from bot.delivery.sender import Sender
from bot.runtime import Runtime, build_bot, create_runtime
from bot.sandbox.server import FakeBotAPI
from db.models import User
from tests.loaded_once import api_spec, catalogs

TOKEN = "555555555:AAH-fake-token-for-delivery-tests-abcdef"
POLL_SECRET = "delivery-tests-poll-secret-0123456789abcdef"


class ShiftableClock:
    """Real time plus an offset tests can move forward (backoffs without sleeping)."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += timedelta(seconds=seconds)


@dataclass
class Delivery:
    """The pieces a delivery test drives."""

    api: FakeBotAPI
    runtime: Runtime
    bot: Bot
    clock: ShiftableClock

    async def add_users(self, count: int, first_id: int = 10_000, **fields: Any) -> list[User]:
        """Residents with consecutive Telegram ids."""
        users = [User(telegram_id=first_id + i, **fields) for i in range(count)]
        async with self.runtime.session_factory() as session:
            session.add_all(users)
            await session.commit()
        return users

    async def send_until(
        self, done: Callable[[], Awaitable[bool] | bool], within: float = 60.0
    ) -> None:
        """Run a sender until `done()` holds (or fail after `within` seconds)."""
        deadline = time.monotonic() + within

        async def finished() -> bool:
            result = done()
            value = await result if not isinstance(result, bool) else result
            assert time.monotonic() < deadline, "sender did not finish in time"
            return value

        await Sender(self.runtime, self.bot).run_until(finished)

    def sends(self, method: str = "sendMessage") -> list[Any]:
        """Successful calls of a method, oldest first."""
        return self.api.calls(method, ok=True, token=TOKEN)


@pytest.fixture
async def delivery(database_url: str) -> AsyncIterator[Delivery]:
    """Fake Telegram enforcing its limits, and a runtime on a fresh database."""
    api = FakeBotAPI(limits=True, spec=api_spec())
    base_url = await api.start()
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN, poll_secret=POLL_SECRET, telegram_api_url=base_url,
        database_url=database_url,
    )  # fmt: skip
    clock = ShiftableClock()
    runtime = create_runtime(settings, clock, catalogs(settings.default_language))
    bot = build_bot(settings, TOKEN)
    try:
        yield Delivery(api, runtime, bot, clock)
    finally:
        await bot.session.close()
        await runtime.engine.dispose()
        await api.stop()
        await asyncio.sleep(0)

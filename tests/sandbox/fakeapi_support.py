"""Helpers shared by the fake Bot API tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from aiogram import Bot
from aiogram.client.telegram import TelegramAPIServer

from bot.api_session import PromptCloseSession

TOKEN = "123456:AAH-fake-token-for-tests-xxxxxxxxxxxxxx"


def make_bot(base_url: str, token: str = TOKEN, **kwargs: Any) -> Bot:
    """A real aiogram Bot whose session talks to the fake (in aiogram's multipart forms)."""
    session = PromptCloseSession(api=TelegramAPIServer.from_base(base_url))
    return Bot(token, session=session, **kwargs)


async def eventually(check: Callable[[], object], within: float = 3.0) -> None:
    """Wait until check() is truthy (the bot under test works concurrently)."""
    deadline = asyncio.get_running_loop().time() + within
    while not check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.01)

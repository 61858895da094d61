"""Injected failures and the optional flood limits reach aiogram as Telegram's errors."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramForbiddenError, TelegramRetryAfter, TelegramServerError

from bot.sandbox import FakeBotAPI
from tests.sandbox.fakeapi_support import TOKEN, make_bot


async def test_retry_after(bot: Bot, fake: FakeBotAPI) -> None:
    fake.fail(method="sendMessage", error_code=429, retry_after=7, times=1)
    with pytest.raises(TelegramRetryAfter) as info:
        await bot.send_message(1, "x")
    assert info.value.retry_after == 7
    assert "retry after 7" in info.value.message
    await bot.send_message(1, "again")  # times=1 is used up
    failed = fake.calls("sendMessage", ok=False)
    assert len(failed) == 1 and failed[0].error_code == 429


async def test_blocked_user_only_for_that_chat(bot: Bot, fake: FakeBotAPI) -> None:
    fake.fail(
        TOKEN, chat_id=666, error_code=403, description="Forbidden: bot was blocked by the user"
    )
    with pytest.raises(TelegramForbiddenError, match="blocked by the user"):
        await bot.send_message(666, "x")
    with pytest.raises(TelegramForbiddenError):
        await bot.send_photo(666, "https://example.org/a.png")
    await bot.send_message(667, "fine")
    fake.clear_failures()
    await bot.send_message(666, "unblocked")


async def test_bad_gateway(bot: Bot, fake: FakeBotAPI) -> None:
    fake.fail(method="getMe", error_code=502, times=2)
    for _ in range(2):
        with pytest.raises(TelegramServerError, match="Bad Gateway"):
            await bot.get_me()
    assert (await bot.get_me()).is_bot


async def test_validation_comes_before_injected_failures(bot: Bot, fake: FakeBotAPI) -> None:
    fake.fail(error_code=500)
    with pytest.raises(Exception, match="message text is empty"):
        await bot.send_message(1, " ")


async def test_flood_limits_are_off_by_default(bot: Bot) -> None:
    for i in range(40):
        await bot.send_message(1, f"{i}")


async def test_flood_limits_per_private_chat_group_and_overall() -> None:
    fake = FakeBotAPI(limits=True)
    bot = make_bot(await fake.start())
    try:
        await bot.send_message(1, "eins")
        with pytest.raises(TelegramRetryAfter) as info:
            await bot.send_message(1, "zwei")
        assert info.value.retry_after == 1
        for i in range(20):
            await bot.send_message(-100200, f"{i}")
        with pytest.raises(TelegramRetryAfter) as info:
            await bot.send_message(-100200, "21st this minute")
        assert info.value.retry_after > 1
        for chat_id in range(100, 108):  # 1 + 20 + 8 = 29 this second (failures don't count)
            await bot.send_message(chat_id, "hi")
        await bot.send_message(200, "30th")
        with pytest.raises(TelegramRetryAfter):
            await bot.send_message(201, "31st")
        assert await bot.get_me()  # only messages are limited
    finally:
        await bot.session.close()
        await fake.stop()

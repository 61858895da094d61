"""Bot API calls sent as JSON reach Telegram with the same parameters as aiogram's forms."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup

from bot.api_session import JsonSession
from tests.flow.harness import TOKEN, Harness

CHAT = 4242
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)
Call = Callable[[Bot], Awaitable[Any]]
CALLS: dict[str, Call] = {
    "text with buttons and HTML": lambda bot: bot.send_message(
        CHAT,
        "<b>Hallo</b> &amp; willkommen",
        reply_markup=InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text="Weiter ▶️", callback_data="menu:go")]]
        ),
        disable_notification=False,
    ),
    "poll with a closing date": lambda bot: bot.send_poll(
        CHAT,
        "Welcher Park?",
        ["Rheinpark", "Landschaftspark"],
        is_anonymous=False,
        close_date=datetime.now(UTC) + timedelta(minutes=5),
    ),
    "location on the equator": lambda bot: bot.send_location(CHAT, latitude=0.0, longitude=6.76),
    "photo upload": lambda bot: bot.send_photo(
        CHAT, BufferedInputFile(PNG, "p.png"), caption="Foto"
    ),
}


@pytest.fixture
async def two_bots(harness: Harness) -> AsyncIterator[tuple[Harness, Bot, Bot]]:
    """Our bot (JSON calls) and the same bot with aiogram's own session (forms)."""
    await harness.chat(CHAT, "de").send("/start")
    api = TelegramAPIServer.from_base(harness.settings.telegram_api_url)
    forms = Bot(
        TOKEN, session=AiohttpSession(api=api), default=DefaultBotProperties(parse_mode="HTML")
    )
    yield harness, harness.bot, forms
    await forms.session.close()


@pytest.mark.parametrize("name", sorted(CALLS))
async def test_same_parameters_as_a_form(
    two_bots: tuple[Harness, Bot, Bot], name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    h, ours, forms = two_bots
    assert isinstance(ours.session, JsonSession)
    built_forms: list[str] = []
    original = AiohttpSession.build_form_data

    def counting(self: AiohttpSession, bot: Bot, method: Any) -> Any:
        built_forms.append(type(self).__name__)
        return original(self, bot, method)

    monkeypatch.setattr(AiohttpSession, "build_form_data", counting)
    before = len(h.api.calls())
    await CALLS[name](ours)
    await CALLS[name](forms)
    json_call, form_call = h.api.calls()[before:]
    assert json_call.ok and form_call.ok
    assert json_call.method == form_call.method
    drop = {"close_date"}  # "now + 5 min" differs by the time between the two calls
    assert {k: v for k, v in json_call.params.items() if k not in drop} == {
        k: v for k, v in form_call.params.items() if k not in drop
    }
    uploads = name == "photo upload"
    assert built_forms == (["JsonSession", "AiohttpSession"] if uploads else ["AiohttpSession"])


@pytest.mark.parametrize(
    ("base", "waits"), [("http://127.0.0.1:8081", []), ("https://api.telegram.org", [0.25])]
)
async def test_closing_waits_for_a_tls_shutdown_only_over_https(
    base: str, waits: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    session = JsonSession(api=TelegramAPIServer.from_base(base))
    client = await session.create_session()
    slept: list[float] = []
    sleep = asyncio.sleep

    async def recording(delay: float, *args: Any) -> Any:
        slept.append(delay)
        return await sleep(0, *args)

    monkeypatch.setattr(asyncio, "sleep", recording)
    await session.close()
    monkeypatch.undo()
    assert client.closed
    assert [delay for delay in slept if delay] == waits

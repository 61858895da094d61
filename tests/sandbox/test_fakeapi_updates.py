"""Update delivery: getUpdates long polling, webhooks, and a real Dispatcher on top."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiogram import Bot, Dispatcher, F
from aiogram.exceptions import TelegramBadRequest, TelegramConflictError
from aiogram.filters import CommandStart
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiohttp import web

from bot.sandbox import ChatEvent, FakeBotAPI
from bot.sandbox import updates as U
from tests.sandbox.fakeapi_support import TOKEN, eventually, make_bot

ANNA = U.user(501, first_name="Anna")


async def test_long_poll_returns_an_injected_update(bot: Bot, fake: FakeBotAPI) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await asyncio.sleep(0.1)
    injected = fake.add_update(TOKEN, U.message_update(ANNA, "Hallo"))
    updates = await poll
    assert loop.time() - started < 2
    assert [u.update_id for u in updates] == [injected["update_id"]]
    assert updates[0].message and updates[0].message.text == "Hallo"
    assert await bot.get_updates() != []  # not confirmed yet
    assert await bot.get_updates(offset=injected["update_id"] + 1) == []
    assert fake.state(TOKEN).pending == []


async def test_update_ids_limit_and_allowed_updates(bot: Bot, fake: FakeBotAPI) -> None:
    ids = [fake.add_update(TOKEN, U.message_update(ANNA, str(i)))["update_id"] for i in range(3)]
    assert ids == sorted(ids) and len(set(ids)) == 3
    assert len(await bot.get_updates(limit=2)) == 2
    sent = await bot.send_message(
        ANNA["id"],
        "Frage",
        reply_markup=InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text="ok", callback_data="ok")]]
        ),
    )
    assert sent.message_id == 4  # user messages and bot messages share the chat's counter
    fake.add_update(TOKEN, U.callback_update(ANNA, fake.sent_messages(ANNA["id"])[0], "ok"))
    got = await bot.get_updates(allowed_updates=["callback_query"])
    assert [u.callback_query.data for u in got if u.callback_query] == ["ok"] and len(got) == 1


async def test_a_newer_poll_ends_the_older_one(bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    assert await bot.get_updates(timeout=0) == []
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates"):
        await first


async def test_webhook_delivery_with_secret_and_retries(bot: Bot, fake: FakeBotAPI) -> None:
    received: list[tuple[str | None, dict[str, Any]]] = []

    async def hook(request: web.Request) -> web.StreamResponse:
        received.append(
            (request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json())
        )
        if len(received) == 1:
            return web.Response(status=500)  # Telegram retries until it gets a 2xx
        chat_id = received[-1][1]["message"]["chat"]["id"]
        return web.json_response({"method": "sendMessage", "chat_id": chat_id, "text": "Echo"})

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
        await bot.set_webhook(url, secret_token="geheim-123")
        with pytest.raises(TelegramConflictError, match="webhook is active"):
            await bot.get_updates()
        fake.add_update(TOKEN, U.message_update(ANNA, "Hallo Webhook"))
        await eventually(lambda: fake.sent_messages(ANNA["id"]))
        assert [secret for secret, _ in received] == ["geheim-123", "geheim-123"]
        assert received[0][1] == received[1][1]
        assert fake.sent_messages(ANNA["id"])[0]["text"] == "Echo"
        info = await bot.get_webhook_info()
        assert info.pending_update_count == 0 and info.last_error_message
        with pytest.raises(TelegramBadRequest, match="bad webhook"):
            await bot.set_webhook("ftp://example.org/")
    finally:
        await bot.delete_webhook()
        await runner.cleanup()


async def test_dispatcher_flow_and_events(fake: FakeBotAPI) -> None:
    bot, dp = make_bot(fake.base_url), Dispatcher()
    events: list[ChatEvent] = []
    unsubscribe = fake.subscribe(events.append)

    @dp.message(CommandStart())
    async def start(message: Message) -> None:
        markup = InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text="Mitmachen", callback_data="join")]]
        )
        await message.answer(
            f"Hallo <b>{message.chat.first_name}</b>!", parse_mode="HTML", reply_markup=markup
        )

    @dp.callback_query(F.data == "join")
    async def join(query: CallbackQuery) -> None:
        await query.answer("Danke!")
        assert isinstance(query.message, Message)
        await query.message.edit_text("Du bist dabei.")

    @dp.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(f"Du schriebst: {message.text}", parse_mode="HTML")

    polling = asyncio.create_task(dp.start_polling(bot, polling_timeout=1, handle_signals=False))
    try:
        fake.add_update(TOKEN, U.command_update(ANNA, "start"))
        await eventually(lambda: fake.sent_messages(ANNA["id"]))
        greeting = fake.sent_messages(ANNA["id"])[0]
        assert greeting["text"] == "Hallo Anna!"
        fake.add_update(TOKEN, U.callback_update(ANNA, greeting, "join"))
        await eventually(lambda: fake.sent_messages(ANNA["id"])[0]["text"] == "Du bist dabei.")
        assert fake.calls("answerCallbackQuery", ok=True)
        fake.add_update(TOKEN, U.message_update(ANNA, "a <b> & c"))  # unescaped user text
        await eventually(lambda: fake.calls("sendMessage", ok=False))
        assert "can't parse entities" in (fake.calls("sendMessage", ok=False)[0].description or "")
    finally:
        await dp.stop_polling()
        await polling
        unsubscribe()
    kinds = [e.kind for e in events]
    assert kinds[:2] == ["incoming", "sent"] and "edited" in kinds and "callback_answer" in kinds


async def test_aiogram_webhook_handler_replies_in_the_response(fake: FakeBotAPI) -> None:
    """aiogram answers webhooks with a multipart method call; the fake executes it."""
    from aiogram.methods import SendMessage
    from aiogram.webhook.aiohttp_server import SimpleRequestHandler

    bot, dp = make_bot(fake.base_url), Dispatcher()

    @dp.message(F.text)
    async def echo(message: Message) -> SendMessage:
        return message.answer(f"Echo: {message.text}")

    app = web.Application()
    SimpleRequestHandler(dp, bot, secret_token="geheim", handle_in_background=False).register(
        app, path="/tg"
    )
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        await bot.set_webhook(
            f"http://127.0.0.1:{runner.addresses[0][1]}/tg", secret_token="geheim"
        )
        fake.add_update(TOKEN, U.message_update(ANNA, "über Webhook"))
        await eventually(lambda: fake.sent_messages(ANNA["id"]))
        assert fake.sent_messages(ANNA["id"])[0]["text"] == "Echo: über Webhook"
        assert [c.method for c in fake.calls(ok=True)][-1] == "sendMessage"
        await bot.set_webhook(
            f"http://127.0.0.1:{runner.addresses[0][1]}/tg", secret_token="falsch"
        )
        fake.add_update(TOKEN, U.message_update(ANNA, "abgewiesen"))
        await eventually(
            lambda: (fake.state(TOKEN).webhook.last_error_message or "").find("401") > 0
        )
    finally:
        await bot.delete_webhook()
        await bot.session.close()
        await runner.cleanup()


async def test_reply_keyboards_validate_and_are_not_echoed(bot: Bot, fake: FakeBotAPI) -> None:
    from aiogram.types import KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove

    markup = ReplyKeyboardMarkup(
        keyboard=[[KeyboardButton(text="Standort", request_location=True)]], resize_keyboard=True
    )
    sent = await bot.send_message(ANNA["id"], "Wo?", reply_markup=markup)
    assert sent.reply_markup is None  # Message.reply_markup is only ever an inline keyboard
    assert fake.calls("sendMessage")[0].params["reply_markup"]["resize_keyboard"] is True
    await bot.send_message(ANNA["id"], "Danke", reply_markup=ReplyKeyboardRemove())
    both = ReplyKeyboardMarkup(
        keyboard=[[KeyboardButton(text="x", request_location=True, request_contact=True)]]
    )
    with pytest.raises(TelegramBadRequest, match="at most one of"):
        await bot.send_message(ANNA["id"], "x", reply_markup=both)

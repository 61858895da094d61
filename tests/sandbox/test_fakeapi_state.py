"""Bot settings, chat information, generic methods and what the fake remembers."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BotCommand, BotCommandScopeChat, ForumTopic

from bot.sandbox import ChatEvent, FakeBotAPI
from bot.sandbox import updates as U
from tests.sandbox.fakeapi_support import TOKEN, make_bot


def same(a: list[BotCommand], b: list[BotCommand]) -> bool:
    """aiogram models compare with their bot context; compare the data."""
    return [x.model_dump() for x in a] == [x.model_dump() for x in b]


async def test_commands_per_scope_and_language(bot: Bot) -> None:
    commands = [BotCommand(command="start", description="Los geht's")]
    scope = BotCommandScopeChat(chat_id=42)
    assert await bot.set_my_commands(commands, scope=scope, language_code="de") is True
    assert same(await bot.get_my_commands(scope=scope, language_code="de"), commands)
    assert await bot.get_my_commands() == []


async def test_descriptions_round_trip(bot: Bot) -> None:
    assert await bot.set_my_description("Beteiligung in Duisburg", language_code="de")
    assert await bot.set_my_short_description("Stadtstimme")
    assert (await bot.get_my_description(language_code="de")).description.startswith("Beteil")
    assert (await bot.get_my_short_description()).short_description == "Stadtstimme"


async def test_chat_information(bot: Bot, fake: FakeBotAPI) -> None:
    fake.add_update(TOKEN, U.message_update(U.user(42, first_name="Ayşe"), "hallo"))
    chat = await bot.get_chat(42)
    assert chat.type == "private" and chat.first_name == "Ayşe"
    member = await bot.get_chat_member(42, 42)
    assert member.status == "member" and member.user.first_name == "Ayşe"
    group = -1001234567890
    fake.set_member(TOKEN, group, 42, "creator")
    admins = await bot.get_chat_administrators(group)
    assert {a.status for a in admins} == {"creator", "administrator"}
    with pytest.raises(TelegramBadRequest, match="no administrators in the private chat"):
        await bot.get_chat_administrators(42)
    assert await bot.send_chat_action(42, "typing") is True


async def test_forum_topic_and_generic_methods(bot: Bot) -> None:
    topic = await bot.create_forum_topic(-1001234567890, "Verkehr")
    assert isinstance(topic, ForumTopic) and topic.name == "Verkehr"
    assert await bot.pin_chat_message(42, (await bot.send_message(42, "x")).message_id)
    photos = await bot.get_user_profile_photos(42)
    assert photos.total_count == 0 and photos.photos == []
    assert await bot.close() is True and await bot.log_out() is True


async def test_webhook_settings_round_trip(bot: Bot) -> None:
    assert (await bot.get_webhook_info()).url == ""
    await bot.set_webhook("https://example.org/hook", secret_token="s3cr3t")
    info = await bot.get_webhook_info()
    assert info.url == "https://example.org/hook" and info.pending_update_count == 0
    assert await bot.delete_webhook() is True
    assert (await bot.get_webhook_info()).url == ""


async def test_async_subscribers_and_conversation(bot: Bot, fake: FakeBotAPI) -> None:
    seen: list[tuple[str, int | None]] = []

    async def on_event(event: ChatEvent) -> None:
        seen.append((event.kind, event.chat_id))

    unsubscribe = fake.subscribe(on_event)
    fake.add_update(TOKEN, U.message_update(U.user(42), "Hallo Bot"))
    sent = await bot.send_message(42, "Hallo Mensch")
    await bot.delete_message(42, sent.message_id)
    unsubscribe()
    await bot.send_message(42, "unbemerkt")
    assert seen == [("incoming", 42), ("sent", 42), ("deleted", 42)]
    talk = fake.conversation(TOKEN, 42)
    assert [(m.outgoing, m.deleted, m.data["text"]) for m in talk] == [
        (False, False, "Hallo Bot"),
        (True, True, "Hallo Mensch"),
        (True, False, "unbemerkt"),
    ]


async def test_strict_chats_require_a_known_chat() -> None:
    fake = FakeBotAPI(strict_chats=True)
    bot = make_bot(await fake.start())
    try:
        with pytest.raises(TelegramBadRequest, match="chat not found"):
            await bot.send_message(42, "niemand da")
        fake.add_update(TOKEN, U.message_update(U.user(42), "/start"))
        await bot.send_message(42, "jetzt schon")
        with pytest.raises(TelegramBadRequest, match="chat not found"):
            await bot.send_message("@unbekannt", "x")
    finally:
        await bot.session.close()
        await fake.stop()

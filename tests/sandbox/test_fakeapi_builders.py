"""Every update builder produces something aiogram accepts, also after a round trip."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from aiogram import Bot
from aiogram.types import Update

from bot.sandbox import FakeBotAPI
from bot.sandbox import updates as U
from tests.sandbox.fakeapi_support import TOKEN

ANNA = U.user(7, first_name="Anna", username="anna_du")
GROUP = U.group_chat()
BOT = U.bot_user(TOKEN)
SENT = U.message(BOT, U.private_chat(ANNA), text="Frage?")

BUILDERS: dict[str, Callable[[], dict[str, Any]]] = {
    "message": lambda: U.message_update(ANNA, "Hallo"),
    "group message": lambda: U.message_update(ANNA, "Hallo alle", GROUP),
    "command": lambda: U.command_update(ANNA, "melden", "Schlagloch"),
    "command@bot in group": lambda: U.command_update(
        ANNA, "hilfe", chat=GROUP, bot_username=BOT["username"]
    ),
    "start payload": lambda: U.start_update(ANNA, "ref_42"),
    "callback": lambda: U.callback_update(ANNA, SENT, "vote:1"),
    "sticker": lambda: U.sticker_update(ANNA),
    "voice": lambda: U.voice_update(ANNA),
    "document": lambda: U.document_update(ANNA, caption="Antrag"),
    "photo": lambda: U.photo_update(ANNA, caption="Schlagloch"),
    "location": lambda: U.location_update(ANNA),
    "blocked": lambda: U.my_chat_member_update(ANNA, BOT),
    "added to group": lambda: U.my_chat_member_update(ANNA, BOT, "member", "left", GROUP),
    "poll answer": lambda: U.poll_answer_update(ANNA, "123", [0, 2]),
}


@pytest.mark.parametrize("name", list(BUILDERS))
def test_builder_output_is_an_aiogram_update(name: str) -> None:
    update = Update.model_validate(BUILDERS[name]())
    assert update.event_type != "unknown"


def test_command_entity_covers_the_command() -> None:
    update = Update.model_validate(U.command_update(ANNA, "melden", "jetzt"))
    assert update.message and update.message.text == "/melden jetzt"
    entity = (update.message.entities or [])[0]
    assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, 7)


async def test_all_builders_survive_get_updates(bot: Bot, fake: FakeBotAPI) -> None:
    injected = [fake.add_update(TOKEN, build()) for build in BUILDERS.values()]
    got = await bot.get_updates(
        allowed_updates=["message", "callback_query", "my_chat_member", "poll_answer"]
    )
    assert [u.update_id for u in got] == [u["update_id"] for u in injected]


async def test_files_sent_by_users_can_be_fetched(bot: Bot, fake: FakeBotAPI) -> None:
    update = fake.add_update(TOKEN, U.document_update(ANNA, file_name="plan.csv"))
    file = await bot.get_file(update["message"]["document"]["file_id"])
    assert file.file_path and file.file_path.endswith(".csv")
    stored = fake.put_file(TOKEN, b"a;b\n1;2\n", filename="daten.csv")
    assert (await bot.get_file(stored.file_id)).file_size == 8

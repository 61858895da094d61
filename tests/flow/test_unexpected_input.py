"""Stickers, voice, unknown commands, free text and forged buttons get a helpful answer."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.sandbox import updates
from db.models import User
from tests.flow.harness import Harness

MENU = "Main menu"


async def test_sticker_voice_document_and_unknown_command(harness: Harness) -> None:
    chat = harness.chat(501, "en")
    await chat.send("/start")
    for update in (
        updates.sticker_update(chat.user),
        updates.voice_update(chat.user),
        updates.document_update(chat.user, file_name="plan.pdf"),
    ):
        before = len(chat.messages())
        await chat.send_update(update)
        assert len(chat.messages()) == before + 1
        assert chat.last_text().startswith("Sorry, I can only understand text messages")
        assert any(MENU in b["text"] or "Information" in b["text"] for b in chat.buttons())
    await chat.send("/frobnicate")
    assert chat.last_text().startswith("I don't know this command.")


async def test_german_user_writing_turkish_is_offered_turkish_once(harness: Harness) -> None:
    chat = harness.chat(502, "de")
    await chat.send("/start")
    await chat.send("Merhaba, Hamborn'da gençler için daha fazla spor alanı istiyorum")
    offer = harness.t("Shall I talk to you in this language from now on?", "tr")
    assert chat.last_text() == offer
    assert [b["text"] for b in chat.buttons()] == [harness.t("Yes", "tr"), harness.t("No", "tr")]
    await chat.press(harness.t("No", "tr"))
    await chat.send("Bir fikrim var: Duisburg-Hamborn'da daha fazla bank olsun")
    assert chat.last_text() != offer  # asked once per language, then remembered
    assert harness.t("Sorry, I didn't understand that. Please use the buttons.", "de") in (
        chat.last_text()
    )


async def test_accepting_the_offer_switches_language(harness: Harness) -> None:
    chat = harness.chat(503, "de")
    await chat.send("/start")
    await chat.send("Добрый день! Когда будет следующая встреча в Марксло?")
    await chat.press(harness.t("Yes", "ru"))
    async with harness.runtime.session_factory() as session:
        user = (await session.execute(select(User).where(User.telegram_id == 503))).scalar_one()
    assert user.language == "ru"


async def test_german_text_from_german_user_gets_no_offer(harness: Harness) -> None:
    chat = harness.chat(504, "de")
    await chat.send("/start")
    await chat.send("Hallo, wann ist das nächste Bürgerforum in Hamborn?")
    assert chat.last_text().startswith(
        harness.t("Sorry, I didn't understand that. Please use the buttons.", "de")
    )


@pytest.mark.parametrize(
    "data",
    [
        "zz:whatever",  # unknown prefix
        "pf:district:atlantis:o",  # value outside the vocabulary
        "pf:district:mitte:x",  # unknown mode
        "lg:xx",  # unsupported language
        "if:" + "a" * 61,  # a page that does not exist
        "m:nowhere",  # unknown menu target
        "pv:format-disk",  # unknown privacy action
        "x" * 64,  # garbage of the maximum size
    ],
)
async def test_forged_callback_data_is_harmless(harness: Harness, data: str) -> None:
    chat = harness.chat(505, "en")
    await chat.send("/start")
    async with harness.runtime.session_factory() as session:
        before = (await session.execute(select(User).where(User.telegram_id == 505))).scalar_one()
    await chat.press_data(data)
    answers = harness.api.calls("answerCallbackQuery")
    assert answers, "every press is answered"
    async with harness.runtime.session_factory() as session:
        after = (await session.execute(select(User).where(User.telegram_id == 505))).scalar_one()
    assert (after.language, after.district, after.profile_consent_at) == (
        before.language, before.district, before.profile_consent_at,
    )  # fmt: skip


async def test_district_without_consent_asks_for_consent_and_stores_nothing(
    harness: Harness,
) -> None:
    chat = harness.chat(506, "en")
    await chat.send("/start")
    await chat.press_data("pf:district:mitte:o")
    async with harness.runtime.session_factory() as session:
        user = (await session.execute(select(User).where(User.telegram_id == 506))).scalar_one()
    assert user.district is None
    assert "optional" in chat.last_text()


async def test_same_update_twice_is_handled_once(harness: Harness) -> None:
    chat = harness.chat(507, "en")
    update = updates.command_update(chat.user, "start")
    await harness.feed(update)
    await harness.feed(dict(update))
    assert len(harness.api.calls("sendMessage", chat_id=507)) == 1


async def test_groups_get_no_chatter_and_no_resident_row(harness: Harness) -> None:
    member = updates.user(508, "en")
    group = updates.group_chat()
    await harness.feed(updates.message_update(member, "hello everyone", group))
    await harness.feed(updates.command_update(member, "frobnicate", chat=group))
    assert harness.api.calls("sendMessage") == []
    async with harness.runtime.session_factory() as session:
        assert (await session.execute(select(User))).scalars().all() == []

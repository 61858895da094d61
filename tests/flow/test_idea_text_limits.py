"""An idea's text is measured as Telegram measures it and needs words, told in the resident's
language; the longest accepted text still reaches the preview and the staff chat."""

from __future__ import annotations

from tests.flow.announce_support import resident
from tests.flow.harness import TOKEN, Chat, Harness
from tests.flow.ideas_support import STAFF_CHAT, deliver, stored_ideas

TREE = "🌳"  # two UTF-16 units


async def at_text_step(h: Harness, telegram_id: int, language: str) -> Chat:
    chat = await resident(h, telegram_id, language)
    await chat.send("/menu")
    await chat.press("💡")
    await chat.press(h.t("Hand in an idea", language))
    await chat.press(h.t("Environment", language))
    await chat.press(h.t("Mitte", language))
    return chat


async def test_emoji_count_twice_and_an_idea_needs_ten_letters(ideas_harness: Harness) -> None:
    h = ideas_harness
    chat = await at_text_step(h, 811, "ar")
    too_long = h.tn(
        "Your text is {over} character too long (it has {length}, at most {limit} are "
        "allowed). Please shorten it and send it again.",
        "Your text is {over} characters too long (it has {length}, at most {limit} are "
        "allowed). Please shorten it and send it again.",
        2,
        "ar",
    )
    await chat.send("حديقة " + TREE * 998)  # 1004 code points, 2002 units
    assert chat.last_text() == too_long.format(length=2002, limit=2000, over=2)

    english = (
        "Please describe your idea in words: it needs at least {limit} letters. "
        "Emoji, numbers and punctuation alone are not enough."
    )
    singular = english.replace("letters", "letter")
    no_words = h.tn(singular, english, 10, "ar")
    assert no_words != english  # said in Arabic
    for text in (
        TREE * 12,
        "١٢٣٤٥ !!! ??? ... ٦٧٨٩٠ 🌳🌳",
        "ok" + "\u200b" * 18 + "ok",  # zero-width spaces
    ):
        await chat.send(text)
        assert chat.last_text() == no_words.format(limit=10), text

    longest = "حديقة جديدة " + TREE * 994  # exactly 2000 units
    await chat.send(longest)
    await chat.press(h.t("Skip", "ar"))  # photos
    await chat.press(h.t("Skip", "ar"))  # location
    assert longest.strip() in chat.last_text()  # the preview, within Telegram's 4096
    await chat.press(h.t("Send", "ar"))
    await deliver(h)
    [idea] = await stored_ideas(h)
    assert idea.text == longest.strip()
    staff = h.api.sent_messages(STAFF_CHAT, TOKEN)
    assert any(idea.text in message.get("text", "") for message in staff)

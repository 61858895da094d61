"""/newpoll, staff writing once: "🌐 Translate other languages" on the languages screen
fills every missing variant (question and answers) from the German; staff review and edit one;
a Turkish resident gets the Turkish poll with the machine-translated note as its description."""

from __future__ import annotations

from bot.sandbox.server import FakeBotAPI
from tests.flow.announce_support import editor, resident
from tests.flow.harness import Chat, Harness
from tests.flow.ideas_support import alerts
from tests.flow.polls_support import deliver, native_poll
from tests.flow.translate_support import (
    TRANSLATE,
    audit_after,
    note,
    translated_requests,
    translating,
)
from tests.translation_fakes import Failure

QUESTION = "Was wünschst du dir am Innenhafen?"
ANSWERS = ["Mehr Sitzplätze", "Sportflächen", "Mehr Grün"]
OTHERS = "English, Turkish, Arabic, Russian, Ukrainian, Polish, Bulgarian, Romanian, Greek"


async def draft(chat: Chat) -> None:
    """/newpoll with a German question and answers, at the languages screen."""
    await chat.send("/newpoll")
    await chat.send(QUESTION)
    await chat.send("\n".join(ANSWERS))
    await chat.press("In 1 week")
    await chat.press("🌐 Add a language")


async def test_translate_review_edit_send(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    async with translating(fake_api, database_url) as (h, fake):
        turkish, english = await resident(h, 871, "tr"), await resident(h, 872, "en")
        chat = await editor(h)
        await draft(chat)
        await chat.press(TRANSLATE)
        assert f"New machine-translated drafts: {OTHERS}." in chat.last_text()
        assert len(translated_requests(fake)) == 9 * 4  # each language: question, 3 answers

        await chat.press("🌐 Turkish")  # review: the variant with its note
        shown = chat.last_text()
        assert f"[tr] {QUESTION}\n1. [tr] Mehr Sitzplätze" in shown
        assert note(h, "tr") in shown and note(h, "tr") != note(h, "en")
        await chat.press("Back")
        await chat.press("🌐 English")
        await chat.send("What would you like at the Innenhafen?")
        await chat.send("More seats\nSports grounds\nMore green")
        preview = chat.last_text()
        assert "🌐 Machine-translated: Turkish, Arabic," in preview
        assert "English" not in preview.split("Machine-translated:")[1]
        await chat.press("Send poll")
        await deliver(h)

        poll = native_poll(turkish)
        assert poll["question"] == f"[tr] {QUESTION}"
        assert [o["text"] for o in poll["options"]] == [f"[tr] {a}" for a in ANSWERS]
        assert poll["description"] == note(h, "tr")
        english_poll = native_poll(english)
        assert english_poll["question"] == "What would you like at the Innenhafen?"
        assert "description" not in english_poll  # staff wrote it: no note
        [created] = await audit_after(h, "poll.create")
        assert "tr" in created["machine"] and "en" not in created["machine"]


async def test_provider_down_names_the_missing_languages(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    async with translating(fake_api, database_url) as (h, fake):
        chat = await editor(h)
        await draft(chat)
        fake.fail_next = [Failure(503, {"error": "busy"}) for _ in range(3)]
        await chat.press(TRANSLATE)
        assert f"Not translated: {OTHERS}." in chat.last_text()
        await chat.press("Back to the preview")
        assert "Other languages: —" in chat.last_text()


async def test_without_a_provider_the_button_says_so(harness: Harness) -> None:
    chat = await editor(harness)
    await draft(chat)
    await chat.press(TRANSLATE)
    assert alerts(harness)[-1].startswith("Machine translation is not set up for this bot")

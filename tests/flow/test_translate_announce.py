"""/announce, staff writing once: "🌐 Translate other languages" fills every missing
version from the German as a draft; staff review and edit them; a Turkish resident gets the
Turkish text with the machine-translated note, an English one the version staff rewrote."""

from __future__ import annotations

from bot.sandbox.server import FakeBotAPI
from bot.services.campaigns import lifecycle as campaigns
from bot.services.clock import SystemClock
from tests.flow.announce_support import editor, resident, start_draft
from tests.flow.harness import Harness
from tests.flow.ideas_support import alerts, deliver
from tests.flow.translate_support import (
    TRANSLATE,
    audit_after,
    note,
    translated_requests,
    translating,
)
from tests.translation_fakes import Failure

GERMAN = "Stadtfest am Samstag im Landschaftspark"
ENGLISH = "City festival on Saturday in the Landschaftspark"
OTHERS = "English, Turkish, Arabic, Russian, Ukrainian, Polish, Bulgarian, Romanian, Greek"


async def send_now(h: Harness) -> None:
    async with h.runtime.session_factory() as session:
        await campaigns.queue_due(session, SystemClock(), "de")
    await deliver(h)


async def test_translate_review_edit_send(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    async with translating(fake_api, database_url) as (h, fake):
        turkish, english = await resident(h, 741, "tr"), await resident(h, 742, "en")
        chat = await editor(h)
        await start_draft(chat, GERMAN)
        await chat.press(TRANSLATE)
        screen = chat.last_text()
        assert f"New machine-translated drafts: {OTHERS}. Please check each one" in screen
        assert "Not translated" not in screen
        labels = [b["text"] for b in chat.buttons()]
        assert "🌐 Turkish" in labels and TRANSLATE not in labels  # nothing left to translate
        assert translated_requests(fake) == [
            ("de", code) for code in ("en", "tr", "ar", "ru", "uk", "pl", "bg", "ro", "el")
        ]

        await chat.press("🌐 Turkish")  # review: the draft exactly as its readers get it
        shown, question = chat.messages()[-2:]
        assert note(h, "tr") != note(h, "en")  # the Turkish catalog has the note
        assert shown["text"] == f"[tr] {GERMAN}\n\n{note(h, 'tr')}"
        assert "Above is the current text of this version." in question["text"]
        await chat.press("Back")
        await chat.press("🌐 English")
        await chat.send(ENGLISH)  # staff rewrite the English draft: their own text now
        labels = [b["text"] for b in chat.buttons()]
        assert "✅ English" in labels and "🌐 Turkish" in labels
        await chat.press("Continue")
        await chat.press("Continue")
        summary = chat.last_text()
        assert "🌐 Machine-translated: Turkish, Arabic," in summary
        await chat.press("Send now")
        await send_now(h)

        assert turkish.last_text() == f"[tr] {GERMAN}\n\n{note(h, 'tr')}"
        assert {
            "type": "italic",
            "offset": len(f"[tr] {GERMAN}\n\n"),
            "length": len(note(h, "tr")) + 1,
        } in turkish.last()["entities"]  # 🌐: 2 units
        assert english.last_text() == ENGLISH  # no note below a text staff wrote
        [created] = await audit_after(h, "announcement.create")
        assert "tr" in created["machine"] and "en" not in created["machine"]
        assert len(translated_requests(fake)) == 9  # nothing translated twice


async def test_provider_down_keeps_the_german_and_names_the_missing(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    async with translating(fake_api, database_url) as (h, fake):
        turkish = await resident(h, 743, "tr")
        chat = await editor(h)
        await start_draft(chat, GERMAN)
        fake.fail_next = [Failure(503, {"error": "busy"}) for _ in range(3)]
        await chat.press(TRANSLATE)
        screen = chat.last_text()
        assert f"Not translated: {OTHERS}." in screen
        assert "New machine-translated drafts" not in screen
        assert not any(
            b["text"].startswith("🌐 ") and b["text"] != TRANSLATE for b in chat.buttons()
        )
        assert len(translated_requests(fake)) == 3  # one language tried, the rest not waited for
        await chat.press("Continue")
        await chat.press("Continue")
        assert "Only in German: everyone gets the German text." in chat.last_text()
        await chat.press("Send now")
        await send_now(h)
        assert turkish.last_text() == GERMAN


async def test_without_a_provider_the_button_says_so(harness: Harness) -> None:
    chat = await editor(harness)
    await start_draft(chat, GERMAN)
    before = chat.last_text()
    await chat.press(TRANSLATE)
    assert alerts(harness)[-1] == (
        "Machine translation is not set up for this bot, so please add the language versions "
        "yourself if you need them."
    )
    assert chat.last_text() == before

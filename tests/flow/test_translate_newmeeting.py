"""/newmeeting, staff writing once: at the summary "🌐 Translate other languages" fills every
missing title and description from the German; staff review one and rewrite another; the Turkish
subscriber's notice and card are in Turkish with the machine-translated note."""

from __future__ import annotations

from sqlalchemy import select

from bot.sandbox.server import FakeBotAPI
from db.models import Meeting
from tests.flow.announce_support import editor, resident
from tests.flow.harness import Chat, Harness
from tests.flow.ideas_support import alerts
from tests.flow.meetings_support import FixedClock, queued, with_clock
from tests.flow.translate_support import TRANSLATE, audit_after, note, translating
from tests.translation_fakes import Failure

TITLE = "Bürgerforum Walsum"
ABOUT = "Wir sprechen über den Marktplatz."
OTHERS = "English, Turkish, Arabic, Russian, Ukrainian, Polish, Bulgarian, Romanian, Greek"


async def to_summary(chat: Chat) -> None:
    """/newmeeting with a German title and description, up to the summary."""
    await chat.send("/newmeeting")
    await chat.send(TITLE)
    await chat.send(ABOUT)
    await chat.press("Walsum")
    await chat.send("Rathaus Walsum")
    await chat.send("Friedrich-Ebert-Str. 152, 47179 Duisburg")
    await chat.press("Skip")  # no location
    await chat.send("2026-12-10 18:00")
    await chat.send("20:30")
    await chat.send("25")


async def subscribed(h: Harness, telegram_id: int, language: str) -> Chat:
    chat = await resident(h, telegram_id, language)
    await chat.send("/settings")
    await chat.press(h.t("New meetings", language))
    await chat.press(h.t("Walsum", language))
    return chat


async def card_of(h: Harness, chat: Chat, language: str, meeting_id: int) -> str:
    """The meeting's card through its poster link (after onboarding without a profile)."""
    await chat.send(f"/start m{meeting_id}")
    await chat.press(h.t("Continue", language))
    await chat.press(h.t("Skip", language))
    return chat.last_text()


async def test_translate_review_edit_publish(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    async with translating(fake_api, database_url) as (h, _fake):
        await with_clock(h, FixedClock())
        turkish, english = await subscribed(h, 781, "tr"), await subscribed(h, 782, "en")
        chat = await editor(h)
        await to_summary(chat)
        await chat.press(TRANSLATE)
        assert f"New machine-translated drafts: {OTHERS}." in chat.last_text()

        await chat.press("🌐 Turkish")
        review = chat.last_text()
        assert f"[tr] {TITLE}\n[tr] {ABOUT}\n\n{note(h, 'tr')}" in review
        assert note(h, "tr") != note(h, "en")
        await chat.press("Back")
        await chat.press("🌐 English")
        await chat.send("Citizens' forum Walsum\nWe talk about the market square.")
        labels = [b["text"] for b in chat.buttons()]
        assert "✅ English" in labels and "🌐 Turkish" in labels
        assert "🌐 Machine-translated: Turkish," in chat.last_text()
        await chat.press("Publish now")

        async with h.runtime.session_factory() as session:
            meeting = (await session.execute(select(Meeting))).scalar_one()
        (notice,) = await queued(h, 781)
        assert f"[tr] {TITLE}" in notice["text"] and note(h, "tr") in notice["text"]
        (english_notice,) = await queued(h, 782)
        assert "Citizens&#x27; forum Walsum" in english_notice["text"]
        assert "Machine-translated" not in english_notice["text"]

        card = await card_of(h, turkish, "tr", meeting.id)
        assert f"[tr] {ABOUT}" in card and card.endswith(note(h, "tr"))
        card = await card_of(h, english, "en", meeting.id)
        assert "We talk about the market square." in card and "Machine-translated" not in card
        [created] = await audit_after(h, "meeting.create")
        assert "tr" in created["machine"] and "en" not in created["machine"]


async def test_provider_down_names_the_missing_languages(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    async with translating(fake_api, database_url) as (h, fake):
        await with_clock(h, FixedClock())
        chat = await editor(h)
        await to_summary(chat)
        fake.fail_next = [Failure(503, {"error": "busy"}) for _ in range(3)]
        await chat.press(TRANSLATE)
        assert f"Not translated: {OTHERS}." in chat.last_text()
        assert TRANSLATE in [b["text"] for b in chat.buttons()]  # can be tried again
        await chat.press("Save as draft")
        async with h.runtime.session_factory() as session:
            meeting = (await session.execute(select(Meeting))).scalar_one()
        assert meeting.machine_languages == "[]" and TITLE in meeting.title


async def test_without_a_provider_the_button_says_so(harness: Harness) -> None:
    await with_clock(harness, FixedClock())
    chat = await editor(harness)
    await to_summary(chat)
    await chat.press(TRANSLATE)
    assert alerts(harness)[-1].startswith("Machine translation is not set up for this bot")

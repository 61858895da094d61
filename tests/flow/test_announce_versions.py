"""The announcement preview: a button per language version, each shown exactly as its
recipients get it (same text, same formatting, same photo), with the choices kept below."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.sandbox import updates
from bot.services.campaigns import lifecycle as campaigns
from bot.services.clock import SystemClock
from tests.flow.announce_support import editor, resident
from tests.flow.harness import Chat, Harness
from tests.flow.ideas_support import alerts
from tests.flow.polls_support import deliver

GERMAN = "Stadtfest am Samstag im Landschaftspark"
TURKISH = "Cumartesi Landschaftspark'ta şehir festivali"
ARABIC = "مهرجان المدينة يوم السبت في لاندشافتسبارك Duisburg 2027"


def bold(length: int) -> list[dict[str, Any]]:
    return [{"type": "bold", "offset": 0, "length": length}]


def shown(message: dict[str, Any]) -> tuple[Any, ...]:
    """What a reader sees of a message: text or caption, their formatting, the photo."""
    photo = message.get("photo", [{}])[-1].get("file_id")
    text = message.get("text", message.get("caption"))
    entities = message.get("entities", message.get("caption_entities", []))
    return text, entities, photo


async def three_versions(chat: Chat) -> None:
    """/announce with German, Turkish and Arabic texts, each with a bold start; to the preview."""
    await chat.send("/announce")
    await chat.send_update(updates.message_update(chat.user, GERMAN, entities=bold(9)))
    for name, text, length in (("Turkish", TURKISH, 9), ("Arabic", ARABIC, 6)):
        await chat.press(name)
        await chat.send_update(updates.message_update(chat.user, text, entities=bold(length)))
    await chat.press("Continue")
    await chat.press("Continue")


async def test_each_version_is_shown_as_its_recipients_get_it(harness: Harness) -> None:
    h = harness
    turkish, arabic = await resident(h, 731, "tr"), await resident(h, 732, "ar")
    chat = await editor(h)
    await three_versions(chat)
    sample, summary = chat.messages()[-2:]
    assert shown(sample) == (GERMAN, bold(9), None)
    assert "Version: German\nAbove is this version" in summary["text"]
    assert "Also in: Turkish, Arabic." in summary["text"]
    assert "Tap a language below to see its version." in summary["text"]
    assert [b["text"] for b in chat.buttons()] == [
        "👁 German", "👁 Turkish", "👁 Arabic", "🚀 Send now", "🕒 Schedule", "✖️ Cancel",
    ]  # fmt: skip

    await chat.press("👁 Arabic")
    old_summary, arabic_sample, new_summary = chat.messages()[-3:]
    assert "reply_markup" not in old_summary  # the buttons moved down, nothing pressed twice
    assert shown(arabic_sample) == (ARABIC, bold(6), None)
    assert "Version: Arabic\nAbove is this version" in new_summary["text"]
    await chat.press("👁 Turkish")
    turkish_sample = chat.messages()[-2]
    assert shown(turkish_sample) == (TURKISH, bold(9), None)

    await chat.press("Send now")
    async with h.runtime.session_factory() as session:
        await campaigns.queue_due(session, SystemClock(), "de")
    await deliver(h)
    # Exactly as recipients see it: the residents got the same text and formatting.
    assert shown(arabic.last()) == shown(arabic_sample)
    assert shown(turkish.last()) == shown(turkish_sample)


async def test_a_photo_version_and_a_scheduled_preview_keep_their_choices(
    harness: Harness,
) -> None:
    chat = await editor(harness)
    await chat.send("/announce")
    photo = updates.photo_update(chat.user, caption="Neue Spielplätze in Walsum")
    await chat.send_update(photo)
    await chat.press("Romanian")
    await chat.send("Locuri de joacă noi în Walsum")
    await chat.press("Continue")
    await chat.press("Continue")
    await chat.press("Schedule")
    tomorrow = datetime.now(UTC).astimezone(ZoneInfo("Europe/Berlin")) + timedelta(days=1)
    await chat.send(tomorrow.strftime("%d.%m.%Y") + " 18:00")
    assert "✅ Confirm" in [b["text"] for b in chat.buttons()]

    await chat.press("👁 Romanian")
    sample, summary = chat.messages()[-2:]
    largest = photo["message"]["photo"][-1]["file_id"]
    assert shown(sample) == ("Locuri de joacă noi în Walsum", [], largest)
    assert "Version: Romanian" in summary["text"] and "Sending time:" in summary["text"]
    assert [b["text"] for b in chat.buttons()] == [
        "👁 German", "👁 Romanian", "✅ Confirm", "🕒 Change the time", "✖️ Cancel",
    ]  # fmt: skip


async def test_a_version_button_from_an_old_draft_changes_nothing(harness: Harness) -> None:
    chat = await editor(harness)
    await three_versions(chat)
    before = len(chat.messages())
    await chat.press_data("an:show:ro", chat.last())  # no Romanian version in this draft
    assert len(chat.messages()) == before
    assert alerts(harness)[-1] == "This button is no longer valid."

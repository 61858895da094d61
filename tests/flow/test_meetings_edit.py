"""Editors change a meeting's title and description under /meetings: shown at once, nobody
spammed, reminders already in the outbox carry the new text, every change audited."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select

from bot.sandbox import updates
from bot.services.bidi import isolate
from bot.services.meetings.reminders import due_time
from db.models import Meeting, OutboxMessage, StaffAudit
from tests.flow.announce_support import EDITOR_ID, make_staff, remove_staff, resident
from tests.flow.harness import Chat, Harness
from tests.flow.ideas_support import alerts
from tests.flow.meetings_support import START, FixedClock, publish, queued, tick, with_clock


async def german_editor(h: Harness) -> Chat:
    """An editor whose Telegram speaks German."""
    await make_staff(h)
    chat = h.chat(EDITOR_ID, "de")
    await chat.send("/start")
    return chat


async def open_text(chat: Chat, field: str, language: str) -> None:
    """/meetings → the meeting → Edit → Title/Description → a language."""
    t = chat.harness.t
    await chat.send("/meetings")
    await chat.press("Bürgerforum Hamborn")
    await chat.press(t("Edit title, text, places", "de"))
    await chat.press(t(field, "de"))
    await chat.press(language)


async def audit_entries(h: Harness) -> list[tuple[int, str, str, dict, dict]]:
    async with h.runtime.session_factory() as session:
        rows = (await session.execute(select(StaffAudit).order_by(StaffAudit.id))).scalars()
        # The seeded meeting's creation and publication are logged too; these tests are on edits.
        return [
            (e.actor, e.action, e.target, json.loads(e.before or "{}"), json.loads(e.after or "{}"))
            for e in rows
            if e.action not in ("meeting.create", "meeting.publish")
        ]


async def test_title_and_description_per_language_without_notices(harness: Harness) -> None:
    h = harness
    await with_clock(h, FixedClock())
    meeting_id = await publish(h)
    turkish, arabic = await resident(h, 781, "tr"), await resident(h, 782, "ar")
    for person in (turkish, arabic):
        await person.press_data(f"mt:reg:{meeting_id}:")
    chat = await german_editor(h)
    t = h.t

    await open_text(chat, "Title", "Deutsch")
    assert t("Send /cancel to stop.", "de") in chat.last_text()
    await chat.send("   ")
    assert chat.last_text().startswith(t("The text is empty. Please send the text.", "de"))
    await chat.send("x" * 121)
    too_long = h.tn(
        "That is too long ({length} character); at most {limit}, please.",
        "That is too long ({length} characters); at most {limit}, please.",
        121,
        "de",
    )
    assert chat.last_text().startswith(too_long.format(length=121, limit=120))
    await chat.send_update(updates.sticker_update(chat.user))
    assert chat.last_text().startswith(t("Please send the text as a plain message.", "de"))
    assert [b["text"] for b in chat.buttons(chat.last())] == ["◀️ " + t("Back", "de")]
    await chat.send("-")
    assert chat.last_text().startswith(
        t("The German title is required; it can be changed but not removed.", "de")
    )
    await chat.send("Bürgerforum  Hamborn <Nord>")
    saved = [m["text"] for m in chat.messages()][-2]
    assert saved.startswith(t("Saved. Registered people are not notified of text changes.", "de"))
    assert "\nBürgerforum Hamborn <Nord>\n🗓" in saved  # the card: escaped, one space
    assert "Donnerstag, 3. Dezember 2026, 18:00" in saved

    await open_text(chat, "Description", "Arabisch")
    await chat.send("منتدى المواطنين حول الطرق")
    assert "منتدى المواطنين حول الطرق" in [m["text"] for m in chat.messages()][-2]
    await open_text(chat, "Description", "Deutsch")
    await chat.send("Radwege im Norden")
    await open_text(chat, "Title", "Türkisch")
    question = chat.last_text()  # the language named in German, the current text isolated
    assert question.startswith(t("Language: {language}", "de").format(language="Türkisch") + "\n")
    assert t("Now: {text}", "de").format(text=isolate("Bürgerforum Hamborn (TR)")) in question
    await chat.send("-")  # the Turkish title goes; Turkish readers see the German one

    await turkish.press_data(f"mt:card:{meeting_id}:")
    card = turkish.last_text()
    assert "Bürgerforum Hamborn <Nord>" in card and "Radwege im Norden" in card
    assert "3 Aralık 2026 Perşembe" in card
    await arabic.press_data(f"mt:card:{meeting_id}:")
    card = arabic.last_text()
    assert "Bürgerforum Hamborn <Nord>" in card and "منتدى المواطنين" in card
    assert "Radwege" not in card
    assert await queued(h, 781) == [] and await queued(h, 782) == []  # nobody was messaged

    entries = await audit_entries(h)
    assert [(e[0], e[1], e[2]) for e in entries] == [
        (EDITOR_ID, "meeting.title", f"meeting:{meeting_id}"),
        (EDITOR_ID, "meeting.description", f"meeting:{meeting_id}"),
        (EDITOR_ID, "meeting.description", f"meeting:{meeting_id}"),
        (EDITOR_ID, "meeting.title", f"meeting:{meeting_id}"),
    ]
    assert entries[0][3:] == ({"de": "Bürgerforum Hamborn"}, {"de": "Bürgerforum Hamborn <Nord>"})
    assert entries[3][3:] == ({"tr": "Bürgerforum Hamborn (TR)"}, {"tr": None})


async def test_reminder_already_in_the_outbox_gets_the_new_title(harness: Harness) -> None:
    h = harness
    clock = FixedClock()
    await with_clock(h, clock)
    meeting_id = await publish(h)
    person = await resident(h, 783, "tr")
    await person.press_data(f"mt:reg:{meeting_id}:")
    clock.moment = due_time(START, "1d") - timedelta(seconds=30)
    await tick(h)  # the 1-day reminder waits in the outbox for its second
    (waiting,) = await queued(h, 783)
    assert "Bürgerforum Hamborn (TR)" in waiting["text"]

    chat = await german_editor(h)
    await open_text(chat, "Title", "Türkisch")
    await chat.send("Hamborn Vatandaş Forumu")
    (waiting,) = await queued(h, 783)
    assert h.t("Reminder: you are registered for this meeting.", "tr") in waiting["text"]
    assert "Hamborn Vatandaş Forumu" in waiting["text"] and "(TR)" not in waiting["text"]

    clock.moment = due_time(START, "2h") - timedelta(seconds=30)
    await tick(h)  # a reminder queued later renders the current text too
    texts = [q["text"] for q in await queued(h, 783)]
    assert len(texts) == 2 and all("Hamborn Vatandaş Forumu" in text for text in texts)


async def test_forged_presses_and_a_lost_role_change_nothing(harness: Harness) -> None:
    h = harness
    await with_clock(h, FixedClock())
    meeting_id = await publish(h)
    outsider = await resident(h, 784, "de")
    await outsider.press_data(f"mf:etitle:{meeting_id}:de")
    await outsider.send("Gekapert")
    await outsider.press_data(f"mf:nolimit:{meeting_id}:")
    assert alerts(h)[-1] == h.t("This button is no longer valid.", "de")

    chat = await german_editor(h)
    await chat.press_data(f"mf:etitle:{meeting_id}:xx")  # no such language
    assert alerts(h)[-1] == h.t("This button is no longer valid.", "de")
    await chat.press_data(f"mf:nolimit:{meeting_id}:")  # not asked for places
    assert alerts(h)[-1] == h.t("This button is no longer valid.", "de")

    await open_text(chat, "Title", "Deutsch")
    await remove_staff(h)  # the role is taken away while the editor is typing
    await chat.send("Gekapert")
    assert chat.last_text().startswith(
        h.t("Please use the buttons in the message above, or send /cancel to stop.", "de")
    )
    await chat.send("/cancel")
    assert chat.last_text() == h.t("Okay, cancelled.", "de")
    async with h.runtime.session_factory() as session:
        meeting = await session.get(Meeting, meeting_id)
        assert meeting is not None
        assert json.loads(meeting.title)["de"] == "Bürgerforum Hamborn"
        assert meeting.capacity is None
        assert (await session.execute(select(OutboxMessage))).first() is None
    assert await audit_entries(h) == []

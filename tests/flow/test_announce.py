"""The /announce wizard for editors: texts, languages, audience, preview, send now or later."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.sandbox import updates
from bot.services.campaigns import lifecycle as campaigns
from bot.services.clock import SystemClock
from tests.flow.announce_support import (
    EDITOR_ID,
    editor,
    outbox,
    resident,
    start_draft,
    stored_campaigns,
    stored_texts,
)
from tests.flow.harness import TOKEN, Harness

BERLIN = ZoneInfo("Europe/Berlin")


async def test_german_and_turkish_to_one_district(harness: Harness) -> None:
    await resident(harness, 701, "de", district="hamborn")
    await resident(harness, 702, "tr", district="hamborn")
    await resident(harness, 703, "de", district="mitte")  # another district
    await resident(harness, 706, "uk", district="hamborn")  # no Ukrainian version: German
    opted_out = await resident(harness, 704, "tr", district="hamborn")
    await opted_out.send("/stop")
    blocked = await resident(harness, 705, "en", district="hamborn")
    me = updates.bot_user(TOKEN)
    await blocked.send_update(updates.my_chat_member_update(blocked.user, me, new_status="kicked"))
    chat = await editor(harness)

    await chat.send("/announce")
    assert chat.last_text().startswith("Send the German text of the announcement")
    german = "Stadtfest am Samstag im Landschaftspark"
    bold = [{"type": "bold", "offset": 0, "length": 9}]
    await chat.send_update(updates.message_update(chat.user, german, entities=bold))
    assert "The German text is saved" in chat.last_text()
    # nine languages, 🌐 Translate other languages, Continue, Cancel
    assert len(chat.buttons()) == 12
    await chat.press("Turkish")  # language names in the editor's language, not "Türkçe"
    assert chat.last_text() == (
        "Version: Turkish\nSend the text of this version (formatting allowed)."
    )
    await chat.send("Cumartesi Landschaftspark'ta şehir festivali")
    assert "Added: Turkish" in chat.last_text()
    assert "✅ Turkish" in [b["text"] for b in chat.buttons()]

    await chat.press("Continue")
    assert "Audience: everyone who gets announcements" in chat.last_text()
    assert "Recipients right now: 5" in chat.last_text()  # 701, 702, 703, 706 and the editor
    await chat.press("Districts")
    await chat.press("Hamborn")
    assert "Recipients right now: 3" in chat.last_text()
    await chat.press("Back")
    assert "• Districts: Hamborn" in chat.last_text()
    await chat.press("Continue")

    sample, summary = chat.messages()[-2:]
    assert sample["text"] == german
    assert sample["entities"] == bold  # formatting survives as the recipients will see it
    assert "Version: German\nAbove is this version, exactly as its recipients" in summary["text"]
    assert "Also in: Turkish." in summary["text"]
    assert "Recipients right now: 3" in summary["text"]
    assert "Paid broadcast" not in summary["text"]
    await chat.press("Send now")

    assert chat.last_text().startswith("📣 Announcement #1 is queued and will be sent now.")
    assert "Recipients right now: 3" in chat.last_text()
    assert [b["text"] for b in chat.buttons()] == ["⛔ Cancel sending"]
    [campaign] = await stored_campaigns(harness)
    assert (campaign.status, campaign.created_by, campaign.photo) == ("scheduled", EDITOR_ID, None)
    assert (campaign.progress_chat_id, campaign.progress_language) == (EDITOR_ID, "en")
    assert campaign.progress_message_id == chat.last()["message_id"]
    texts = await stored_texts(harness, campaign.id)
    assert texts == {"de": "<b>Stadtfest</b> am Samstag im Landschaftspark", "tr": texts["tr"]}
    assert texts["tr"].startswith("Cumartesi")

    async with harness.runtime.session_factory() as session:
        assert await campaigns.queue_due(session, SystemClock(), "de") == [campaign.id]
    rows = {(row.chat_id, row.language) for row in await outbox(harness)}
    assert rows == {(701, "de"), (702, "tr"), (706, "uk")}


async def test_scheduled_for_a_local_time_is_stored_in_utc(harness: Harness) -> None:
    chat = await editor(harness)
    await start_draft(chat)
    await chat.press("Continue")
    await chat.press("Continue")
    await chat.press("Schedule")
    assert chat.last_text().startswith("Send date and time (Europe/Berlin), e.g. ")
    await chat.send("01.12.2020 18:00")
    assert chat.last_text().startswith("This time is in the past.")
    await chat.send("next Friday")
    assert chat.last_text().startswith("I can't read this as a date and time.")
    assert await stored_campaigns(harness) == []

    year = datetime.now(BERLIN).year + 1
    await chat.send(f"15.07.{year} 18:00")  # summer time: UTC+2
    assert "Sending time: " in chat.last_text()
    await chat.press("Change the time")
    await chat.send(f"{year}-12-01 18:00")  # winter time: UTC+1
    await chat.press("Confirm")

    [campaign] = await stored_campaigns(harness)
    assert campaign.status == "scheduled"
    assert campaign.send_at == datetime(year, 12, 1, 17, 0, tzinfo=UTC)
    assert chat.last_text().startswith(
        f"📣 Announcement #{campaign.id} is queued for Dec 1, {year}"
    )
    async with harness.runtime.session_factory() as session:
        assert await campaigns.queue_due(session, SystemClock(), "de") == []  # not yet due


async def test_photo_with_caption_and_a_translated_caption(harness: Harness) -> None:
    chat = await editor(harness)
    await chat.send("/announce")
    photo = updates.photo_update(chat.user, caption="Neue Spielplätze in Walsum")
    await chat.send_update(photo)
    await chat.press("English")
    assert chat.last_text() == (
        "Version: English\nSend the caption of this version (formatting allowed)."
    )
    await chat.send("New playgrounds in Walsum")
    await chat.press("Continue")
    await chat.press("Continue")
    sample = chat.messages()[-2]
    largest = photo["message"]["photo"][-1]["file_id"]
    assert sample["caption"] == "Neue Spielplätze in Walsum"
    assert sample["photo"][-1]["file_id"] == largest
    await chat.press("Send now")
    [campaign] = await stored_campaigns(harness)
    assert campaign.photo == largest
    assert await stored_texts(harness, campaign.id) == {
        "de": "Neue Spielplätze in Walsum",
        "en": "New playgrounds in Walsum",
    }


async def test_paid_broadcast_is_announced_with_its_cost(harness: Harness) -> None:
    harness.settings.paid_broadcast_rate = 500
    await resident(harness, 711, "de")
    chat = await editor(harness)
    await start_draft(chat)
    await chat.press("Continue")
    await chat.press("Continue")
    assert "⚠️ Paid broadcast is on" in chat.last_text()
    assert "For 2 recipients that is at most 0.2 Stars." in chat.last_text()
    await chat.press("Send now")
    [campaign] = await stored_campaigns(harness)
    assert campaign.paid


async def test_cancel_and_main_menu_leave_the_wizard_at_any_step(harness: Harness) -> None:
    chat = await editor(harness)
    await start_draft(chat)
    await chat.send("/cancel")
    assert chat.last_text() == "Okay, cancelled."
    await chat.send("Noch ein Text")  # no longer a draft step
    assert "The German text is saved" not in chat.last_text()

    for leave in ("/menu", "m:main"):
        await start_draft(chat)
        await chat.press("Continue")
        if leave.startswith("/"):
            await chat.send(leave)
        else:
            await chat.press_data(leave)  # the main menu button
        await chat.press_data("an:preview")  # the old audience screen's Continue
        answer = harness.api.calls("answerCallbackQuery")[-1].params["text"]
        assert answer == "This button is no longer valid."

    await start_draft(chat)
    await chat.press("Continue")
    await chat.press("Continue")
    await chat.press("Cancel")
    assert chat.last_text().startswith("The announcement was discarded. Nothing was sent.")
    assert await stored_campaigns(harness) == []


async def test_restart_mid_wizard_continues_at_the_same_step(harness: Harness) -> None:
    chat = await editor(harness)
    await start_draft(chat)
    await chat.press("Polish")
    await harness.restart()
    await chat.send("Festyn miejski w sobotę")
    await chat.press("Continue")
    await chat.press("Continue")
    await chat.press("Send now")
    [campaign] = await stored_campaigns(harness)
    assert set(await stored_texts(harness, campaign.id)) == {"de", "pl"}


async def test_cancel_from_the_progress_message_and_from_the_list(harness: Harness) -> None:
    chat = await editor(harness)
    for text in ("Erste Ankündigung", "Zweite Ankündigung"):
        await start_draft(chat, text)
        await chat.press("Continue")
        await chat.press("Continue")
        await chat.press("Send now")
    first_progress = next(
        m for m in chat.messages() if m.get("text", "").startswith("📣 Announcement #1")
    )
    stale_cancel = first_progress["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    await chat.press("Cancel sending")  # the second one's progress message
    assert chat.last_text() == (
        "⛔ Announcement #2 cancelled.\nIt was cancelled before it went out: nothing was sent."
    )
    assert chat.buttons(chat.last()) == []

    await chat.send("/campaigns")
    listing = chat.last_text()
    assert listing.startswith("Recent announcements")
    assert listing.index("#2 · ⛔ cancelled") < listing.index("#1 · ⏰ scheduled for")
    assert "Zweite Ankündigung" in listing
    assert [b["text"] for b in chat.buttons()] == ["⛔ Cancel #1"]
    await chat.press("Cancel #1")
    assert "#1 · ⛔ cancelled" in chat.last_text()
    assert chat.buttons(chat.last()) == []
    assert [c.status for c in await stored_campaigns(harness)] == ["cancelled", "cancelled"]
    [first_now] = [m for m in chat.messages() if m["message_id"] == first_progress["message_id"]]
    assert first_now["text"].startswith("⛔ Announcement #1 cancelled.")  # its report, too
    assert "reply_markup" not in first_now

    await chat.press_data(stale_cancel)
    answer = harness.api.calls("answerCallbackQuery")[-1].params["text"]
    assert answer.startswith("Announcement #1 can't be cancelled")


async def test_staff_group_points_to_the_private_chat(harness: Harness) -> None:
    group = updates.group_chat(-1009876543210, "Stadtstimme Redaktion")
    harness.settings.staff_chat_id = group["id"]
    member = updates.user(EDITOR_ID, "en")
    await harness.feed(updates.command_update(member, "announce", chat=group))
    [reply] = harness.api.sent_messages(group["id"])
    assert reply["text"] == "Please use /announce in your private chat with me."
    other = updates.group_chat(-1001111111111, "Bürgerforum")
    await harness.feed(updates.command_update(member, "announce", chat=other))
    assert harness.api.sent_messages(other["id"]) == []
    assert await stored_campaigns(harness) == []


async def test_a_link_with_query_parameters_is_kept_as_the_editor_made_it(
    harness: Harness,
) -> None:
    chat = await editor(harness)
    await chat.send("/announce")
    url = "https://www.duisburg.de/termine?id=1&lang=de"
    link = [{"type": "text_link", "offset": 0, "length": 8, "url": url}]
    await chat.send_update(updates.message_update(chat.user, "Termine ansehen", entities=link))
    assert "The German text is saved" in chat.last_text()
    await chat.press("Continue")
    await chat.press("Continue")
    sample = chat.messages()[-2]  # the preview, exactly as recipients will see it
    assert sample["text"] == "Termine ansehen"
    assert sample["entities"] == link
    assert await stored_campaigns(harness) == []  # nothing is stored before "Send now"

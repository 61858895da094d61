"""Bad input and people without the role: a clear message, the same step, nothing queued."""

from __future__ import annotations

import pytest

from bot.sandbox import updates
from tests.flow.announce_support import (
    EDITOR_ID,
    editor,
    outbox,
    remove_staff,
    start_draft,
    stored_campaigns,
)
from tests.flow.harness import Harness

STALE = "This button is no longer valid."
STAFF_ONLY = "Announcements are sent by city staff only."


def last_answer(harness: Harness) -> str:
    """The text of the newest callback answer."""
    return str(harness.api.calls("answerCallbackQuery")[-1].params.get("text", ""))


async def test_text_step_says_exactly_what_is_wrong(harness: Harness) -> None:
    chat = await editor(harness)
    await chat.send("/announce")
    await chat.send("x" * 4100)
    assert chat.last_text().startswith(
        "The text is 4 characters too long: it has 4100, at most 4096 are allowed."
    )
    link = [{"type": "text_link", "offset": 0, "length": 4, "url": "ftp://stadt-duisburg.de/p"}]
    await chat.send_update(updates.message_update(chat.user, "Plan ansehen", entities=link))
    assert chat.last_text().startswith("Telegram can't show this formatting (<a> needs")
    await chat.send_update(updates.photo_update(chat.user, caption="y" * 1030))
    assert chat.last_text().startswith("The caption is 6 characters too long: it has 1030")
    await chat.send_update(updates.photo_update(chat.user))
    assert chat.last_text().startswith("The photo needs a caption")
    for update in (updates.sticker_update(chat.user), updates.voice_update(chat.user)):
        await chat.send_update(update)
        assert chat.last_text().startswith("I can only use a text message or a photo")
    await chat.send("Jetzt aber richtig")  # still the same step
    assert "The German text is saved" in chat.last_text()
    assert await stored_campaigns(harness) == []


async def test_translation_step_checks_the_caption_limit_of_a_photo(harness: Harness) -> None:
    chat = await editor(harness)
    await chat.send("/announce")
    await chat.send_update(updates.photo_update(chat.user, caption="Neuer Radweg"))
    await chat.press("English")
    await chat.send("z" * 1025)
    assert chat.last_text().startswith("The caption is 1 character too long")
    await chat.send_update(updates.photo_update(chat.user, caption="New cycle path"))
    assert chat.last_text().startswith("Please send the text as a normal message")
    await chat.send("New cycle path")
    assert "Added: English" in chat.last_text()


async def test_non_staff_announce_is_told_it_is_for_staff(harness: Harness) -> None:
    chat = harness.chat(720, "en")
    await chat.send("/start")
    await chat.send("/announce")
    assert chat.last_text().startswith(STAFF_ONLY)
    await chat.send("/campaigns")
    assert chat.last_text().startswith(STAFF_ONLY)
    await chat.send("Stadtfest am Samstag")  # no draft step was started
    assert "The German text is saved" not in chat.last_text()
    assert await stored_campaigns(harness) == []


@pytest.mark.parametrize(
    "data",
    [
        "an:now:00000000",
        "an:confirm:00000000",
        "an:lang:tr",
        "an:audience",
        "au:districts:mitte",
        "cp:cancel:1",
        "cp:stop:1",
    ],
)
async def test_forged_wizard_presses_without_role_or_draft_change_nothing(
    harness: Harness, data: str
) -> None:
    staff = await editor(harness)
    await start_draft(staff)
    await staff.press("Continue")
    await staff.press("Continue")
    await staff.press("Schedule")
    await staff.send("01.12.2099 18:00")
    await staff.press("Confirm")  # campaign #1, scheduled
    resident = harness.chat(721, "en")
    await resident.send("/start")
    await resident.press_data(data)
    assert last_answer(harness) == STALE
    assert "Main menu" in resident.last_text()
    await staff.press_data(data if data.startswith("an:") else "an:now:00000000")  # no draft
    assert last_answer(harness) == STALE
    assert [c.status for c in await stored_campaigns(harness)] == ["scheduled"]
    assert await outbox(harness) == []


async def test_a_press_from_an_older_preview_does_not_send_the_new_draft(harness: Harness) -> None:
    chat = await editor(harness)
    await start_draft(chat, "Alter Entwurf")
    await chat.press("Continue")
    await chat.press("Continue")
    old_preview = chat.last()
    await start_draft(chat, "Neuer Entwurf")
    await chat.press("Continue")
    await chat.press("Continue")
    old_send = old_preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    await chat.press_data(old_send, old_preview)
    assert last_answer(harness) == STALE
    assert await stored_campaigns(harness) == []
    await chat.press("Send now")
    assert len(await stored_campaigns(harness)) == 1


async def test_losing_the_role_mid_wizard_stops_at_the_next_press(harness: Harness) -> None:
    chat = await editor(harness)
    await start_draft(chat)
    await chat.press("Continue")
    await chat.press("Continue")
    await remove_staff(harness, EDITOR_ID)
    await chat.press("Send now")
    assert last_answer(harness) == STALE
    assert await stored_campaigns(harness) == []
    await chat.send("/announce")
    assert chat.last_text().startswith(STAFF_ONLY)
    await chat.send("/cancel")
    await chat.send("/announce")
    assert chat.last_text().startswith(STAFF_ONLY)
    assert await stored_campaigns(harness) == []


async def test_admin_ids_are_editors_too(harness: Harness) -> None:
    harness.settings.admin_ids = [730]
    chat = harness.chat(730, "en")
    await chat.send("/announce")
    assert chat.last_text().startswith("Send the German text of the announcement")

"""Erasing a person's data reaches the staff chat: the photos, the place pin and the card of
their ideas are deleted (or, past Telegram's 48 hours, blanked), whichever way they were erased;
an idea kept anonymously keeps its card, which moderation still updates."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from bot.delivery import placeholder
from bot.delivery.sender import Sender
from bot.sandbox import updates
from bot.sandbox.server import FakeBotAPI
from bot.scheduler import retention_tick
from db.models import OutboxMessage, StaffAudit, User
from db.repositories import outbox as outbox_rows
from tests.e2e.test_cli import cli
from tests.flow.announce_support import resident
from tests.flow.harness import TOKEN, Chat, Harness
from tests.flow.ideas_support import (
    STAFF_CHAT,
    StaffMember,
    deliver,
    moderator,
    reference,
    stored_ideas,
)
from tests.flow.test_ideas_hand_in import hand_in

AUTHOR = 884
TEXT = "Bitte eine Bank und einen Mülleimer an der Haltestelle Kantpark aufstellen."


def kinds(messages: list[dict[str, Any]]) -> list[str]:
    return [next(k for k in ("photo", "venue", "text") if k in m) for m in messages]


async def hand_in_with_photo_and_place(h: Harness, chat: Chat) -> None:
    """An idea with one photo and a location, posted in the staff chat by the sender."""
    await chat.send("/menu")
    await chat.press("💡")
    await chat.press(h.t("Hand in an idea", "de"))
    await chat.press(h.t("Culture", "de"))
    await chat.press(h.t("Süd", "de"))
    await chat.send(TEXT)
    await chat.send_update(updates.photo_update(chat.user))
    await chat.press(h.t("Done", "de"))
    await chat.send_update(updates.location_update(chat.user, 51.4321, 6.7654))
    await chat.press(h.t("Send", "de"))
    await deliver(h)
    assert kinds(StaffMember(h, 950).messages()) == ["photo", "venue", "text"]


async def erase_by_delete_command(h: Harness, chat: Chat) -> None:
    await chat.send("/delete")
    await chat.press(h.t("Yes, continue", "de"))
    await chat.press(h.t("Delete everything", "de"))


async def erase_in_privacy_settings(h: Harness, chat: Chat) -> None:
    await chat.send("/privacy")
    await chat.press(h.t("Delete all my data", "de"))
    await chat.press(h.t("Yes, delete everything", "de"))


async def erase_from_the_shell(h: Harness, chat: Chat) -> None:
    url = h.settings.database_url
    done = await asyncio.to_thread(cli, url, "users", "delete", str(chat.id))
    assert done.returncode == 0, done.stderr


async def erase_after_inactivity(h: Harness, chat: Chat) -> None:
    """Inactive for longer than RETENTION_MONTHS and warned more than 30 days ago."""
    now = datetime.now(UTC)
    async with h.runtime.session_factory() as session:
        await session.execute(
            update(User)
            .where(User.telegram_id == chat.id)
            .values(
                last_seen_at=now - timedelta(days=2000),
                retention_warned_at=now - timedelta(days=40),
            )
        )
        await session.commit()
    await retention_tick(h.runtime)


ERASE_PATHS = {
    "delete_command": erase_by_delete_command,
    "privacy_settings": erase_in_privacy_settings,
    "cli": erase_from_the_shell,
    "retention": erase_after_inactivity,
}


async def users(h: Harness, telegram_id: int) -> int:
    async with h.runtime.session_factory() as session:
        return len(
            (await session.execute(select(User.id).where(User.telegram_id == telegram_id))).all()
        )


@pytest.mark.parametrize("path", list(ERASE_PATHS))
async def test_every_erasure_removes_the_ideas_post_from_the_staff_chat(
    ideas_harness: Harness, path: str
) -> None:
    h = ideas_harness
    chat = await resident(h, AUTHOR, "de")
    await hand_in_with_photo_and_place(h, chat)
    await ERASE_PATHS[path](h, chat)
    assert await users(h, AUTHOR) == 0 and await stored_ideas(h) == []
    await deliver(h)
    assert StaffMember(h, 950).messages() == []  # card, photo and pin are gone
    await deliver(h)  # and nothing else is pending: each delete went out once
    deletes = [c for c in h.api.calls("deleteMessage") if c.params["chat_id"] == STAFF_CHAT]
    assert len(deletes) == 3


async def erase_after_48_hours(
    api: FakeBotAPI, h: Harness, chat: Chat
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Hand in, let 49 hours pass, erase: the photo as it was, and the staff chat afterwards."""
    await hand_in_with_photo_and_place(h, chat)
    original = StaffMember(h, 950).messages()[0]["photo"][-1]
    api.backdate(TOKEN, STAFF_CHAT, 49 * 3600)  # Telegram lets bots delete for 48 hours
    await erase_by_delete_command(h, chat)
    await deliver(h)
    return original, StaffMember(h, 950).messages()


async def test_past_48_hours_photo_is_replaced_card_says_deleted_the_pin_is_reported(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    api, base_url = fake_api
    h = Harness(api, base_url, database_url, staff_chat_id=STAFF_CHAT, throttle_burst=1000)
    await h.start()
    try:
        chat = await resident(h, AUTHOR, "de")
        original, (photo, pin, card) = await erase_after_48_hours(api, h, chat)
        removed = h.t("💡 Idea {reference} was deleted together with its author's data.", "de")
        assert photo["caption"] == removed.format(reference=reference(h))
        shown = photo["photo"][-1]  # the image is a new, neutral one: the original is gone
        assert shown["file_unique_id"] != original["file_unique_id"]
        assert shown["file_id"] != original["file_id"]
        assert (shown["width"], shown["height"]) == placeholder.SIZE
        assert card["text"] == removed.format(reference=reference(h)) and "reply_markup" not in card
        assert TEXT not in card["text"]
        assert pin["venue"]["title"] == f"📍 {reference(h)}"  # a pin can only be deleted: reported
        async with h.runtime.session_factory() as session:
            audited = (await session.execute(select(StaffAudit))).scalars().all()
        await deliver(h)  # nothing is pending any more: each edit went out once
    finally:
        await h.stop()
    refused = [(c.method, c.description) for c in api.calls(ok=False)]
    assert refused == [("deleteMessage", "Bad Request: message can't be deleted")] * 3
    assert len(api.calls("editMessageMedia", ok=True)) == 1
    assert api.calls("editMessageCaption") == []
    assert [(a.action, a.target) for a in audited] == [
        ("erasure.delete_refused", f"message:{STAFF_CHAT}:{m['message_id']}")
        for m in (photo, pin, card)
    ]


async def test_past_48_hours_a_photo_telegram_wont_replace_still_loses_its_caption(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    api, base_url = fake_api
    h = Harness(api, base_url, database_url, staff_chat_id=STAFF_CHAT, throttle_burst=1000)
    await h.start()
    try:
        chat = await resident(h, AUTHOR, "de")
        refusal = "Bad Request: message can't be edited"
        api.fail(TOKEN, method="editMessageMedia", error_code=400, description=refusal)
        original, (photo, _pin, _card) = await erase_after_48_hours(api, h, chat)
        await deliver(h)
    finally:
        await h.stop()
    removed = h.t("💡 Idea {reference} was deleted together with its author's data.", "de")
    assert photo["caption"] == removed.format(reference=reference(h))
    assert photo["photo"][-1]["file_unique_id"] == original["file_unique_id"]
    assert len(api.calls("editMessageMedia")) == 1 and len(api.calls("editMessageCaption")) == 1


async def test_a_kept_idea_keeps_its_card_without_author_and_moderation_updates_it(
    ideas_harness: Harness,
) -> None:
    h = ideas_harness
    chat = await resident(h, AUTHOR, "de")
    await hand_in_with_photo_and_place(h, chat)
    mod = await moderator(h)
    await mod.decide(reference(h), h.t("Publish", "de"))
    await chat.send("/delete")
    await chat.press(h.t("Yes, continue", "de"))
    await chat.press(h.t("Keep my ideas anonymous", "de"))
    await deliver(h)
    [idea] = await stored_ideas(h)
    assert (idea.user_id, idea.status) == (None, "published")
    photo, pin = mod.messages()[:2]  # the public idea stays whole
    assert (photo["caption"], pin["venue"]["title"]) == (
        f"📷 {reference(h)} · 1/1",
        f"📍 {reference(h)}",
    )
    await mod.press(reference(h), h.t("Forward", "de"))
    await mod.say("Amt für Stadtgrün\nDas Amt meldet sich.")
    card = mod.card(reference(h))["text"]  # found and updated although its author is gone
    status = h.t("Status: {status}", "de").format(status=h.t("Forwarded to a department", "de"))
    assert status in card
    anonymous = h.t("Author: {tag}", "de").format(tag=h.t("anonymous (data deleted)", "de"))
    assert anonymous in card and "#A" not in card  # no link to the author's other ideas


async def test_a_post_under_way_while_its_idea_is_erased_is_deleted_once_it_arrives(
    ideas_harness: Harness,
) -> None:
    h = ideas_harness
    chat = await resident(h, AUTHOR, "de")
    await hand_in(h, chat, "de", TEXT, post=False)
    now = datetime.now(UTC)
    async with h.runtime.session_factory() as session:  # the sender claims the card …
        claimed = await outbox_rows.claim_due(session, now, now + timedelta(minutes=1), 50)
        await session.commit()
    [card] = [row for row in claimed if row.chat_id == STAFF_CHAT]
    await erase_by_delete_command(h, chat)  # … the author erases their data meanwhile …
    sender = Sender(h.runtime, h.bot)
    await sender._send_one(card)  # … and the card arrives in the staff chat after that
    await asyncio.gather(*sender.in_flight)
    assert TEXT in StaffMember(h, 950).messages()[0]["text"]
    await sender._flush()
    await deliver(h)
    assert StaffMember(h, 950).messages() == []
    async with h.runtime.session_factory() as session:
        rows = (await session.execute(select(OutboxMessage))).scalars().all()
    assert [row for row in rows if TEXT in (row.payload or "")] == []

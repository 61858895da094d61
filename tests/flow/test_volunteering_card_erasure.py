"""Erasing a resident removes the interest cards already posted for them: in the organisation's
group (or the staff chat, for an organisation without one) the card is deleted, or, past
Telegram's 48 hours, its text becomes a neutral line; whichever way the erasure came."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from bot.sandbox import updates
from bot.sandbox.server import FakeBotAPI
from db.models import StaffAudit
from tests.flow.announce_support import make_staff, resident
from tests.flow.conftest import checked
from tests.flow.harness import TOKEN, Chat, Harness
from tests.flow.ideas_support import STAFF_CHAT, StaffMember, deliver
from tests.flow.test_erasure_staff_chat import ERASE_PATHS, erase_by_delete_command
from tests.flow.volunteering_support import opportunity, organisation, stored_interests

GROUP = updates.group_chat(-1005550091, "Tafel Team Meiderich")
REMOVED = "[removed at the resident's request]"


@pytest.fixture
async def h(fake_api: tuple[FakeBotAPI, str], database_url: str) -> AsyncIterator[Harness]:
    async with checked(*fake_api, database_url, staff_chat_id=STAFF_CHAT) as bot_harness:
        yield bot_harness


async def org_with_group(h: Harness) -> int:
    """An organisation whose team connected its group (/register_org, approved by staff)."""
    org = await organisation(h, "Tafel Duisburg")
    admin = updates.user(997, "de", "Petra")
    h.api.set_member(TOKEN, GROUP["id"], admin["id"], "administrator")
    await h.feed(updates.command_update(admin, "register_org", chat=GROUP))
    await make_staff(h, 998, "editor")
    await StaffMember(h, 998).press("Tafel Team Meiderich", "Tafel Duisburg")
    await deliver(h)
    return org


async def interested(h: Harness, chat: Chat, opportunity_id: int, text: str) -> str:
    """The resident says "I'm interested" with a message; the card is delivered."""
    await chat.send(f"/start v{opportunity_id}")
    await chat.press("✋")
    await chat.press("💬")
    await chat.send(text)
    await deliver(h)
    return (await stored_interests(h))[-1].tag


def cards(h: Harness, chat_id: int, tag: str) -> list[str]:
    """The texts of the bot's messages in a chat (as they are now) that show this tag."""
    return [
        m["text"] for m in h.api.sent_messages(chat_id, TOKEN) if f"#{tag}" in m.get("text", "")
    ]


@pytest.mark.parametrize("path", ["delete_command", "cli", "retention"])
async def test_every_erasure_deletes_the_card_in_the_organisations_group(
    h: Harness, path: str
) -> None:
    wanted = await opportunity(h, await org_with_group(h), "Lebensmittel ausgeben")
    chat = await resident(h, 871, "de", onboarded=True)
    tag = await interested(h, chat, wanted, "Samstags kann ich gern helfen.")
    assert len(cards(h, GROUP["id"], tag)) == 1  # the organisation got the card
    await ERASE_PATHS[path](h, chat)
    await deliver(h)
    assert cards(h, GROUP["id"], tag) == []
    deleted = [m for m in h.api.sent_messages(GROUP["id"], TOKEN, include_deleted=True)
               if f"#{tag}" in m.get("text", "")]  # fmt: skip
    assert len(deleted) == 1
    await deliver(h)  # nothing left pending: the delete went out once
    deletes = [c for c in h.api.calls("deleteMessage") if c.params["chat_id"] == GROUP["id"]]
    assert [c.params["message_id"] for c in deletes] == [deleted[0]["message_id"]]


async def blank_an_old_card_delete_a_new_one(h: Harness) -> None:
    wanted = await opportunity(h, await org_with_group(h), "Lebensmittel ausgeben")
    chat = await resident(h, 872, "de", onboarded=True)
    old_tag = await interested(h, chat, wanted, "Ich habe dienstags Zeit.")
    h.api.backdate(TOKEN, GROUP["id"], 49 * 3600)  # Telegram lets bots delete for 48 hours
    other = await opportunity(h, await organisation(h, "Caritas Duisburg"), "Lesepatin")
    new_tag = await interested(h, chat, other, "Gern vormittags.")
    assert len(cards(h, STAFF_CHAT, new_tag)) == 1  # no group: the staff chat has the card
    await erase_by_delete_command(h, chat)
    await deliver(h)
    await deliver(h)  # the refused delete's fallback, the edit
    removed = h.t(REMOVED, "de")
    assert removed != REMOVED  # the group reads it in German
    old = [m for m in h.api.sent_messages(GROUP["id"], TOKEN) if m.get("text") == removed]
    assert len(old) == 1 and cards(h, GROUP["id"], old_tag) == []
    assert "reply_markup" not in old[0]
    assert cards(h, STAFF_CHAT, new_tag) == []  # the newer card is deleted
    assert not any(m.get("text") == removed for m in h.api.sent_messages(STAFF_CHAT, TOKEN))
    async with h.runtime.session_factory() as session:
        audited = (await session.execute(select(StaffAudit))).scalars().all()
    target = f"message:{GROUP['id']}:{old[0]['message_id']}"
    assert [(a.action, a.target) for a in audited if a.action.startswith("erasure")] == [
        ("erasure.delete_refused", target)
    ]


async def test_a_card_older_than_48_hours_is_blanked_a_newer_one_deleted(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    api, base_url = fake_api
    h = Harness(api, base_url, database_url, staff_chat_id=STAFF_CHAT, throttle_burst=1000)
    await h.start()
    try:
        await blank_an_old_card_delete_a_new_one(h)
        await deliver(h)  # nothing is pending any more: the edit went out once
    finally:
        await h.stop()
    refused = [(c.method, c.description) for c in api.calls(ok=False)]
    assert refused == [("deleteMessage", "Bad Request: message can't be deleted")]
    edits = [c for c in api.calls("editMessageText", ok=True) if c.chat_id == GROUP["id"]]
    assert len(edits) == 1


async def test_the_interest_remembers_where_its_card_was_posted(h: Harness) -> None:
    wanted = await opportunity(h, await org_with_group(h), "Lebensmittel ausgeben")
    chat = await resident(h, 873, "de", onboarded=True)
    tag = await interested(h, chat, wanted, "Samstags kann ich gern helfen.")
    [posted] = [m for m in h.api.sent_messages(GROUP["id"], TOKEN) if f"#{tag}" in m["text"]]
    [interest] = await stored_interests(h)
    assert (interest.card_chat_id, interest.card_message_id) == (
        GROUP["id"], posted["message_id"],
    )  # fmt: skip

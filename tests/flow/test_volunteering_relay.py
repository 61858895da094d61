"""The relay: a Turkish resident and a German organisation write through the bot, both ways.

Covers: the card in the staff chat, a team reply passed on, the resident's answer passed back,
texts not kept after delivery, ending, a reply from a chat that is not the inbox, the flood
limit, and a group that becomes the organisation's inbox through /register_org.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.sandbox import updates
from bot.sandbox.server import FakeBotAPI
from bot.services.volunteering import conversations
from db.models import OutboxMessage, VolunteerOrg
from tests.flow.announce_support import make_staff, resident
from tests.flow.conftest import checked
from tests.flow.harness import TOKEN, Chat, Harness
from tests.flow.ideas_support import STAFF_CHAT, StaffMember, deliver
from tests.flow.volunteering_support import opportunity, organisation, stored_interests

GROUP = updates.group_chat(-1005550077, "Caritas Team Hamborn")


@pytest.fixture
async def h(fake_api: tuple[FakeBotAPI, str], database_url: str) -> AsyncIterator[Harness]:
    async with checked(*fake_api, database_url, staff_chat_id=STAFF_CHAT) as bot_harness:
        yield bot_harness


def texts_in(h: Harness, chat_id: int) -> list[str]:
    return [m.get("text", "") for m in h.api.sent_messages(chat_id, TOKEN)]


async def reply_in(h: Harness, chat: dict[str, Any], who: dict[str, Any], to: dict[str, Any],
                   text: str) -> None:  # fmt: skip
    """A team member replies to one of the bot's messages in a group."""
    content: dict[str, Any] = {"text": text, "reply_to_message": to}
    if text.startswith("/"):
        content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    await h.feed(updates.update(0, message=updates.message(who, chat, **content)))


async def interested(h: Harness, chat: Chat, opportunity_id: int, text: str) -> str:
    await chat.send(f"/start v{opportunity_id}")
    await chat.press("✋")
    await chat.press("💬")
    await chat.send(text)
    await deliver(h)
    return (await stored_interests(h))[-1].tag


async def relayed_rows(h: Harness) -> int:
    async with h.runtime.session_factory() as session:
        query = select(func.count()).where(OutboxMessage.dedupe_key.like("volunteer:relay:%"))
        return int(await session.scalar(query) or 0)


async def test_a_turkish_resident_and_a_german_organisation_talk_both_ways(h: Harness) -> None:
    org = await organisation(h)
    wanted = await opportunity(h, org, "Lesepatin", languages=("de", "tr"))
    ayse = await resident(h, 810, "tr", onboarded=True)
    tag = await interested(h, ayse, wanted, "Merhaba, salı günleri yardım edebilirim.")
    team = StaffMember(h, 990, "Jana")
    card = team.card(f"#{tag}")
    assert "Merhaba, salı günleri" in card["text"] and "810" not in card["text"]

    await reply_in(h, team.chat, team.user, card, "Hallo! Passt Dienstag um 15 Uhr?")
    assert texts_in(h, STAFF_CHAT)[-1] == h.t("Passed on to #{tag}.", "de").format(tag=tag)
    await deliver(h)
    relayed = ayse.last_text()
    assert "Hallo! Passt Dienstag um 15 Uhr?" in relayed and "Caritas Duisburg" in relayed
    assert "Lesepatin (TR)" in relayed  # the heading in Turkish, the opportunity's Turkish title
    assert await relayed_rows(h) == 0  # delivered texts are not kept

    await ayse.press("↩️")
    await ayse.send("Evet, salı 15:00 uygun.")
    assert ayse.last_text() == h.t("Sent to the organisation.", "tr")
    await deliver(h)
    answer = team.messages()[-1]
    assert "Evet, salı 15:00 uygun." in answer["text"] and f"#{tag}" in answer["text"]
    assert await relayed_rows(h) == 0

    await reply_in(h, team.chat, team.user, answer, "Super, bis Dienstag!")
    await deliver(h)
    assert "Super, bis Dienstag!" in ayse.last_text()

    await ayse.press("✖️")
    await deliver(h)
    ended = h.t("#{tag} ended the conversation about “{title}”.", "de")
    assert texts_in(h, STAFF_CHAT)[-1] == ended.format(tag=tag, title="Lesepatin")
    await reply_in(h, team.chat, team.user, card, "Noch da?")
    assert texts_in(h, STAFF_CHAT)[-1] == h.t(
        "This conversation has ended: nothing was passed on.", "de"
    )


async def test_replies_from_another_chat_and_floods_are_refused(
    h: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = await organisation(h)
    wanted = await opportunity(h, org, "Parkputz")
    chat = await resident(h, 811, "de", onboarded=True)
    tag = await interested(h, chat, wanted, "Bin dabei.")
    team = StaffMember(h, 991)
    card = team.card(f"#{tag}")
    stranger = updates.user(992, "de", "Max")
    await reply_in(h, GROUP, stranger, card, "Hallo aus einer fremden Gruppe")
    assert texts_in(h, GROUP["id"])[-1] == h.t(
        "This card belongs to another inbox: nothing was passed on.", "de"
    )

    monkeypatch.setattr(conversations, "WINDOW_MAX", 2)
    for text in ("Eins", "Zwei", "Drei"):
        await reply_in(h, team.chat, team.user, card, text)
    assert texts_in(h, STAFF_CHAT)[-1] == h.t(
        "Too many messages in this conversation right now. Please wait a little.", "de"
    )
    await deliver(h)
    assert [m["text"].split("\n\n")[-1] for m in chat.messages()[-2:]] == ["Eins", "Zwei"]

    # A forged answer button for someone else's conversation passes nothing on.
    other = await resident(h, 812, "de", onboarded=True)
    interest_id = (await stored_interests(h))[-1].id
    await other.press_data(f"vr:{interest_id}:reply", other.last())
    await other.send("Ich bin gar nicht gemeint")
    assert other.last_text() == h.t("This conversation no longer exists.", "de")


async def test_a_group_becomes_the_organisations_inbox(h: Harness) -> None:
    org = await organisation(h, "Tafel Duisburg")
    admin = updates.user(995, "de", "Petra")
    h.api.set_member(TOKEN, GROUP["id"], admin["id"], "administrator")
    await h.feed(updates.command_update(admin, "register_org", chat=GROUP))
    await make_staff(h, 996, "editor")
    staff = StaffMember(h, 996)
    await staff.press("Caritas Team Hamborn", "Tafel Duisburg")
    await deliver(h)
    assert texts_in(h, GROUP["id"])[-1] == h.t(
        "This group now receives volunteering interest for {name}.", "de"
    ).format(name="Tafel Duisburg")
    async with h.runtime.session_factory() as session:
        assert (await session.get(VolunteerOrg, org)).inbox_chat_id == GROUP["id"]  # type: ignore[union-attr]

    wanted = await opportunity(h, org, "Lebensmittel ausgeben")
    chat = await resident(h, 813, "de", onboarded=True)
    tag = await interested(h, chat, wanted, "Samstags kann ich.")
    card = next(m for m in h.api.sent_messages(GROUP["id"], TOKEN) if f"#{tag}" in m["text"])
    assert h.t("For the organisation: {name}", "de").split(":")[0] not in card["text"]
    await reply_in(h, GROUP, admin, card, "Danke! Komm gern vorbei.")
    await deliver(h)
    assert "Danke! Komm gern vorbei." in chat.last_text()


async def test_removing_the_organisation_closes_and_ends_with_a_notice(h: Harness) -> None:
    from bot.presentation.volunteering import org_removed, org_removed_for_inbox
    from bot.services.volunteering import orgs

    org = await organisation(h)
    wanted = await opportunity(h, org, "Lesepatin")
    chat = await resident(h, 814, "tr", onboarded=True)
    tag = await interested(h, chat, wanted, "Yardım etmek isterim.")
    team = StaffMember(h, 993)
    card = team.card(f"#{tag}")
    await reply_in(h, team.chat, team.user, card, "Willkommen!")
    await deliver(h)
    async with h.runtime.session_factory() as session:
        closed = await orgs.remove(
            session, h.runtime.clock, org, actor=0, staff_chat_id=STAFF_CHAT,
            notice=org_removed(h.runtime.i18n, "de"),
            inbox_notice=org_removed_for_inbox(h.runtime.i18n, "de"),
        )  # fmt: skip
        assert closed == [wanted]
    await deliver(h)
    expected = h.t(
        "{organisation} no longer offers volunteering here. Your conversation about "
        "“{title}” has ended.", "tr",
    ).format(organisation="Caritas Duisburg", title="Lesepatin (TR)")  # fmt: skip
    assert chat.last_text() == expected
    assert texts_in(h, STAFF_CHAT)[-1] == h.t(  # the inbox (here the staff chat) is told too
        "{organisation} was removed from volunteering in the bot. The conversation with "
        "#{tag} about “{title}” has ended.", "de",
    ).format(organisation="Caritas Duisburg", tag=tag, title="Lesepatin")  # fmt: skip
    await reply_in(h, team.chat, team.user, card, "Noch da?")
    assert texts_in(h, STAFF_CHAT)[-1] == h.t(
        "This conversation has ended: nothing was passed on.", "de"
    )
    await chat.send(f"/start v{wanted}")
    assert chat.last_text().startswith(h.t("Sorry, this opportunity is no longer available.", "tr"))

"""The relay at its edges: two messages at the same moment, conversations that end by
themselves after an opportunity expired, and a forged inbox button."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from bot.keyboards.callbacks import VolunteerInboxCb
from bot.presentation import volunteering as texts
from bot.sandbox import updates
from bot.sandbox.server import FakeBotAPI
from bot.services.volunteering import interests, relay
from bot.services.volunteering.conversations import RelayOutcome
from bot.services.volunteering.relay_translation import RelayText
from db.models import OpportunityKind, VolunteerOrg
from tests.flow.announce_support import make_staff, resident
from tests.flow.conftest import checked
from tests.flow.harness import TOKEN, Harness
from tests.flow.ideas_support import STAFF_CHAT, StaffMember, alerts, deliver
from tests.flow.meetings_support import NOW, FixedClock, with_clock
from tests.flow.test_volunteering_relay import GROUP, interested, relayed_rows, reply_in, texts_in
from tests.flow.volunteering_support import opportunity, organisation


@pytest.fixture
async def h(fake_api: tuple[FakeBotAPI, str], database_url: str) -> AsyncIterator[Harness]:
    async with checked(*fake_api, database_url, staff_chat_id=STAFF_CHAT) as bot_harness:
        yield bot_harness


async def test_two_replies_at_the_same_moment_both_reach_the_resident(h: Harness) -> None:
    org = await organisation(h)
    wanted = await opportunity(h, org, "Lesepatin")
    chat = await resident(h, 820, "de", onboarded=True)
    tag = await interested(h, chat, wanted, "Ich lese gern vor.")
    team = StaffMember(h, 994)
    await reply_in(h, team.chat, team.user, team.card(f"#{tag}"), "Willkommen!")
    await deliver(h)

    async def reply(text: str) -> RelayOutcome:
        async with h.runtime.session_factory() as session:
            return await relay.to_resident(
                session, h.runtime.clock, tag=tag, chat_id=STAFF_CHAT, staff_chat_id=STAFF_CHAT,
                render=texts.to_resident(h.runtime.i18n, "de", RelayText(text)),
            )  # fmt: skip

    outcomes = await asyncio.gather(reply("Dienstag?"), reply("Oder Mittwoch?"))
    assert outcomes == [RelayOutcome.SENT, RelayOutcome.SENT]
    assert await relayed_rows(h) == 2
    await deliver(h)
    last_two = {m["text"].split("\n\n")[-1] for m in chat.messages()[-2:]}
    assert last_two == {"Dienstag?", "Oder Mittwoch?"}


@pytest.mark.parametrize("field", ["valid_until", "starts_at"])
async def test_a_conversation_ends_30_days_after_the_opportunity_expired(
    h: Harness, field: str
) -> None:
    clock = FixedClock()
    await with_clock(h, clock)
    org = await organisation(h)
    extra: dict[str, Any] = {field: NOW + timedelta(days=2)}
    if field == "starts_at":
        extra["kind"] = OpportunityKind.ONCE
    wanted = await opportunity(h, org, "Weihnachtsmarkt-Stand", **extra)
    chat = await resident(h, 821, "de", onboarded=True)
    tag = await interested(h, chat, wanted, "Ich helfe gern.")
    team = StaffMember(h, 995)
    card = team.card(f"#{tag}")
    passed_on = h.t("Passed on to #{tag}.", "de").format(tag=tag)

    clock.moment = NOW + timedelta(days=2 + 29)  # expired, but not a month ago
    await reply_in(h, team.chat, team.user, card, "Danke nochmal!")
    assert texts_in(h, STAFF_CHAT)[-1] == passed_on

    clock.moment = NOW + timedelta(days=2 + 31)
    await reply_in(h, team.chat, team.user, card, "Noch da?")
    assert texts_in(h, STAFF_CHAT)[-1] == h.t(
        "This conversation has ended: nothing was passed on.", "de"
    )


async def test_a_forged_inbox_button_connects_no_chat(h: Harness) -> None:
    org = await organisation(h, "Tafel Duisburg")
    admin = updates.user(997, "de", "Petra")
    h.api.set_member(TOKEN, GROUP["id"], admin["id"], "administrator")
    await h.feed(updates.command_update(admin, "register_org", chat=GROUP))
    await make_staff(h, 998, "editor")
    staff = StaffMember(h, 998)
    request = staff.card("Caritas Team Hamborn")
    resident_chat = await resident(h, 822, "de", onboarded=True)
    for chat_id in (resident_chat.id, -1007770001):  # a private chat; a group that never asked
        await staff.press_data(VolunteerInboxCb(chat=chat_id, org=org).pack(), request)
        assert alerts(h)[-1] == h.t("This button is no longer valid.", "de")
        assert await inbox_of(h, org) is None

    await staff.press("Caritas Team Hamborn", "Tafel Duisburg")  # the real request still works
    assert await inbox_of(h, org) == GROUP["id"]
    await staff.press_data(VolunteerInboxCb(chat=GROUP["id"], org=0).pack(), request)
    assert alerts(h)[-1] == h.t("This button is no longer valid.", "de")  # decided already
    assert await inbox_of(h, org) == GROUP["id"]


async def inbox_of(h: Harness, org_id: int) -> int | None:
    async with h.runtime.session_factory() as session:
        org = await session.get(VolunteerOrg, org_id)
        assert org is not None
        return org.inbox_chat_id


async def test_end_with_words_after_it_ends_the_conversation(h: Harness) -> None:
    org = await organisation(h)
    wanted = await opportunity(h, org, "Parkputz")
    chat = await resident(h, 823, "de", onboarded=True)
    tag = await interested(h, chat, wanted, "Bin dabei.")
    team = StaffMember(h, 999)
    await reply_in(h, team.chat, team.user, team.card(f"#{tag}"), "/end danke!")
    ended = h.t("The conversation with #{tag} has ended.", "de").format(tag=tag)
    assert texts_in(h, STAFF_CHAT)[-1] == ended
    await deliver(h)
    assert "/end danke!" not in chat.last_text()


async def test_a_tag_taken_already_is_drawn_again(
    h: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = await organisation(h)
    wanted = await opportunity(h, org, "Parkputz")
    first = await resident(h, 824, "de", onboarded=True)
    taken = await interested(h, first, wanted, "Ich komme.")
    drawn = iter([taken, "VXYZ23"])
    monkeypatch.setattr(interests, "new_tag", lambda: next(drawn))
    second = await resident(h, 825, "de", onboarded=True)
    assert await interested(h, second, wanted, "Ich auch.") == "VXYZ23"
    assert "Ich auch." in StaffMember(h, 999).card("#VXYZ23")["text"]

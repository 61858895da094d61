"""Volunteering rules: places full → waiting list; past their date → gone; stale cards and
buttons (the resident left, the conversation ended) are refused with a clear answer."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.sandbox.server import FakeBotAPI
from db.models import OpportunityKind
from tests.flow.announce_support import resident
from tests.flow.conftest import checked
from tests.flow.harness import TOKEN, Chat, Harness
from tests.flow.ideas_support import STAFF_CHAT, StaffMember, deliver
from tests.flow.meetings_support import NOW, FixedClock, with_clock
from tests.flow.test_volunteering_erasure import delete_everything
from tests.flow.test_volunteering_relay import interested, reply_in, texts_in
from tests.flow.volunteering_support import opportunity, organisation

GONE = "Sorry, this opportunity is no longer available."


@pytest.fixture
async def h(fake_api: tuple[FakeBotAPI, str], database_url: str) -> AsyncIterator[Harness]:
    async with checked(*fake_api, database_url, staff_chat_id=STAFF_CHAT) as bot_harness:
        yield bot_harness


def card(h: Harness, tag: str) -> str:
    """The interest card with this tag, as the inbox (here the staff chat) got it."""
    return next(m["text"] for m in h.api.sent_messages(STAFF_CHAT, TOKEN) if f"#{tag}" in m["text"])


def labels(chat: Chat) -> list[str]:
    return [b["text"] for b in chat.buttons()]


async def test_when_the_places_are_taken_interest_goes_on_the_waiting_list(h: Harness) -> None:
    org = await organisation(h)
    wanted = await opportunity(h, org, "Lesepatin", places=1)
    first = await resident(h, 850, "de", onboarded=True)
    await first.send(f"/start v{wanted}")
    assert h.tn("{count} place left", "{count} places left", 1, "de").format(count=1) in (
        first.last_text()
    )
    first_tag = await interested(h, first, wanted, "Ich bin dabei.")
    second = await resident(h, 851, "de", onboarded=True)
    await second.send(f"/start v{wanted}")
    full = h.t("All places are taken – your interest goes on the waiting list.", "de")
    assert full in second.last_text()
    second_tag = await interested(h, second, wanted, "Ich auch, gern auf die Warteliste.")
    first_card, second_card = (card(h, first_tag), card(h, second_tag))
    waiting = h.t("All places are taken: this person is on the waiting list.", "de")
    assert waiting not in first_card and waiting in second_card


async def test_opportunities_past_their_date_disappear(h: Harness) -> None:
    clock = FixedClock()
    await with_clock(h, clock)
    org = await organisation(h)
    once = await opportunity(
        h, org, "Weihnachtsmarkt-Stand", kind=OpportunityKind.ONCE,
        starts_at=NOW + timedelta(days=2),
    )  # fmt: skip
    await opportunity(h, org, "Sprachcafé", valid_until=NOW + timedelta(days=5))
    await opportunity(h, org, "Parkputz")
    chat = await resident(h, 852, "de", onboarded=True)
    await chat.send(f"/start v{once}")  # the card, opened before the day
    card = chat.last()

    clock.moment = NOW + timedelta(days=2, hours=1)  # the market took place
    await chat.send("/menu")
    await chat.press("🤝")
    assert "Weihnachtsmarkt-Stand" not in labels(chat) and "Sprachcafé" in labels(chat)
    await chat.send(f"/start v{once}")
    assert chat.last_text().startswith(h.t(GONE, "de"))
    await chat.press_data(next(b for b in chat.buttons(card) if "✋" in b["text"])["callback_data"],
                          card)  # fmt: skip  # the old card's button
    edited = next(m for m in chat.messages() if m["message_id"] == card["message_id"])
    assert edited["text"].startswith(h.t(GONE, "de"))  # the card now says so

    clock.moment = NOW + timedelta(days=5, hours=1)  # valid until has passed too
    await chat.send("/menu")
    await chat.press("🤝")
    assert "Sprachcafé" not in labels(chat) and "Parkputz" in labels(chat)


async def test_replies_to_the_card_of_a_resident_who_left_are_refused(h: Harness) -> None:
    org = await organisation(h)
    wanted = await opportunity(h, org, "Lesepatin")
    chat = await resident(h, 853, "en", onboarded=True)
    tag = await interested(h, chat, wanted, "Happy to help.")
    team = StaffMember(h, 997)
    card = team.card(f"#{tag}")
    await delete_everything(chat)
    sent = len(chat.messages())
    await reply_in(h, team.chat, team.user, card, "Hallo, noch Interesse?")
    assert texts_in(h, STAFF_CHAT)[-1] == h.t("This conversation no longer exists.", "de")
    await deliver(h)
    assert len(chat.messages()) == sent


async def test_an_old_answer_button_after_the_end_is_refused(h: Harness) -> None:
    org = await organisation(h)
    wanted = await opportunity(h, org, "Lesepatin")
    chat = await resident(h, 854, "de", onboarded=True)
    tag = await interested(h, chat, wanted, "Gern!")
    team = StaffMember(h, 998)
    card = team.card(f"#{tag}")
    await reply_in(h, team.chat, team.user, card, "Wann passt es?")
    await deliver(h)
    relayed = chat.last()
    await reply_in(h, team.chat, team.user, card, "/end")
    await deliver(h)
    await chat.press_data(chat.buttons(relayed)[0]["callback_data"], relayed)  # ↩️ Answer
    await chat.send("Dienstag?")
    assert chat.last_text() == h.t("This conversation has ended.", "de")
    assert not [t for t in texts_in(h, STAFF_CHAT) if "Dienstag?" in t]

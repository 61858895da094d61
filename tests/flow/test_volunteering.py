"""Volunteering: publish → browse with filters → card → I'm interested → inbox card → close."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest

from bot.sandbox.server import FakeBotAPI
from tests.flow.announce_support import resident
from tests.flow.conftest import checked
from tests.flow.harness import Chat, Harness
from tests.flow.volunteering_support import (
    close,
    opportunity,
    organisation,
    queued_texts,
    share_contact,
    stored_interests,
)

STAFF_CHAT = -1009876543210


@pytest.fixture
async def h(fake_api: tuple[FakeBotAPI, str], database_url: str) -> AsyncIterator[Harness]:
    async with checked(*fake_api, database_url, staff_chat_id=STAFF_CHAT) as bot_harness:
        yield bot_harness


async def open_volunteering(chat: Chat) -> None:
    await chat.send("/menu")
    await chat.press("🤝")


def labels(chat: Chat) -> list[str]:
    return [b["text"] for b in chat.buttons()]


async def test_browse_filter_and_interest_with_a_message_only_in_turkish(h: Harness) -> None:
    org = await organisation(h)
    await opportunity(h, org, "Sprachcafé Mitte", district="mitte", languages=("de",))
    await opportunity(h, org, "Hausaufgabenhilfe", district="hamborn", languages=("de",))
    wanted = await opportunity(
        h, org, "Lesepatin", district="hamborn", languages=("de", "tr", "ar"), places=3,
        topics=("education",),
    )  # fmt: skip
    chat = await resident(h, 800, "tr", district="hamborn", onboarded=True)
    await open_volunteering(chat)
    # Own district and own language first, then own district, then elsewhere.
    assert labels(chat)[:3] == ["Lesepatin (TR)", "Hausaufgabenhilfe (TR)", "Sprachcafé Mitte (TR)"]

    await chat.press(h.t("In my language", "tr"))
    assert "Lesepatin (TR)" in labels(chat) and "Hausaufgabenhilfe (TR)" not in labels(chat)
    await chat.press(h.t("In my language", "tr"))  # off again
    await chat.press("📍")
    await chat.press(h.t("Mitte", "tr"))
    assert "Sprachcafé Mitte (TR)" in labels(chat) and "Lesepatin (TR)" not in labels(chat)
    await chat.press("📍")
    await chat.press(h.t("All districts", "tr"))

    await chat.press("Lesepatin (TR)")
    card = chat.last_text()
    assert "Lesepatin (TR)" in card and "Caritas Duisburg" in card
    assert h.t("The team speaks: {languages}", "tr").split("{")[0] in card
    assert "Türkçe" in card or "Türkçe".casefold() in card.casefold()
    assert h.tn("{count} place left", "{count} places left", 3, "tr").format(count=3) in card

    await chat.press("✋")
    await chat.press("💬")
    prompt = "Write a short message to the organisation: who you are and when you could help. "
    assert chat.last_text() == h.t(prompt + "Send /cancel to stop.", "tr")
    await chat.send("Merhaba, salı günleri yardım edebilirim.")
    (interest,) = await stored_interests(h)
    assert h.t(
        "Sent! The organisation gets your message, your languages and your tag {tag}. "
        "Their answer comes here.", "tr",
    ).format(tag=interest.tag) == chat.last_text()  # fmt: skip
    assert interest.share_contact is False and interest.opportunity_id == wanted

    (inbox_card,) = await queued_texts(h, STAFF_CHAT)
    assert "Caritas Duisburg" in inbox_card and "Lesepatin" in inbox_card
    assert "Merhaba, salı günleri yardım edebilirim." in inbox_card
    assert f"#{interest.tag}" in inbox_card and "Türkisch" in inbox_card
    assert "800" not in inbox_card  # never the Telegram id

    # The card now says so, and offers no second interest; a forged press changes nothing.
    await chat.send("/start v" + str(wanted))
    assert interest.tag in chat.last_text()
    assert not any("✋" in label for label in labels(chat))
    await chat.press_data(f"vo:{wanted}:msg")
    assert chat.last_text() == h.t("You already told the organisation you are interested.", "tr")
    assert len(await stored_interests(h)) == 1


async def test_contact_is_shared_only_by_the_button_and_only_ones_own(h: Harness) -> None:
    org = await organisation(h)
    wanted = await opportunity(h, org, "Tafel: Lebensmittel ausgeben")
    chat = await resident(h, 801, "de", onboarded=True)
    await chat.send(f"/start v{wanted}")
    await chat.press("✋")
    await chat.press("📇")
    markup = h.api.calls("sendMessage")[-1].params["reply_markup"]
    markup = json.loads(markup) if isinstance(markup, str) else markup
    assert markup["keyboard"][0][0]["request_contact"] is True

    await share_contact(chat, of=999)  # someone else's contact
    assert chat.last_text() == h.t("Please share your own contact with the button below.", "de")
    await share_contact(chat)
    await chat.send("Ich kann samstags.")
    (card,) = await queued_texts(h, STAFF_CHAT)
    assert "+49 170 1234567" in card and "Ich kann samstags." in card
    assert (await stored_interests(h))[0].share_contact is True


async def test_cancel_at_the_contact_step_shares_nothing(h: Harness) -> None:
    org = await organisation(h)
    wanted = await opportunity(h, org, "Parkputz")
    chat = await resident(h, 802, "de", onboarded=True)
    await chat.send(f"/start v{wanted}")
    await chat.press("✋")
    await chat.press("📇")
    await chat.send("✖️ " + h.t("Cancel", "de"))
    assert h.t("Okay, nothing was shared.", "de") in [m.get("text") for m in chat.messages()]
    assert "Parkputz" in chat.last_text()
    assert await stored_interests(h) == [] and await queued_texts(h, STAFF_CHAT) == []


async def test_a_closed_opportunity_disappears_and_takes_no_interest(h: Harness) -> None:
    org = await organisation(h)
    wanted = await opportunity(h, org, "Weihnachtsmarkt-Stand", kind="once", when={"de": "13.12."})
    chat = await resident(h, 803, "de", onboarded=True)
    await chat.send(f"/start v{wanted}")
    await chat.press("✋")
    await chat.press("💬")
    await close(h, wanted)
    await chat.send("Ich bin dabei!")
    assert chat.last_text() == h.t("Sorry, this opportunity is no longer available.", "de")
    await open_volunteering(chat)
    assert "Weihnachtsmarkt-Stand" not in labels(chat)
    await chat.send(f"/start v{wanted}")
    assert chat.last_text().startswith(h.t("Sorry, this opportunity is no longer available.", "de"))
    assert await stored_interests(h) == []

"""Volunteering and /delete: the resident's message and shared phone number leave no trace.

The interest card and relayed texts sit in the outbox only until delivered; a card still
waiting when the resident leaves goes with them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.sandbox.server import FakeBotAPI
from tests.flow.announce_support import resident
from tests.flow.conftest import checked
from tests.flow.harness import Chat, Harness
from tests.flow.ideas_support import STAFF_CHAT, deliver
from tests.flow.mydata_support import traces
from tests.flow.volunteering_support import opportunity, organisation, share_contact

PHONE = "+49 170 9876543"
MESSAGE = "Ich kann donnerstags ab 17 Uhr."


@pytest.fixture
async def h(fake_api: tuple[FakeBotAPI, str], database_url: str) -> AsyncIterator[Harness]:
    async with checked(*fake_api, database_url, staff_chat_id=STAFF_CHAT) as bot_harness:
        yield bot_harness


async def shares_contact_and_message(h: Harness) -> Chat:
    org = await organisation(h)
    wanted = await opportunity(h, org, "Tafel: Lebensmittel ausgeben")
    chat = await resident(h, 861, "en", onboarded=True)
    await chat.send(f"/start v{wanted}")
    await chat.press("✋")
    await chat.press("📇")
    await share_contact(chat, phone=PHONE)
    await chat.send(MESSAGE)
    return chat


async def delete_everything(chat: Chat) -> None:
    await chat.send("/delete")
    await chat.press("Yes, continue")
    await chat.press("Delete everything")
    assert chat.last_text().startswith("All your data has been deleted.")


async def test_a_delivered_card_keeps_no_phone_number_or_message(h: Harness) -> None:
    chat = await shares_contact_and_message(h)
    await deliver(h)
    card = h.api.sent_messages(STAFF_CHAT)[-1]["text"]
    assert PHONE in card and MESSAGE in card  # the organisation got them
    await delete_everything(chat)
    assert await traces(h.runtime.engine, PHONE) == []
    assert await traces(h.runtime.engine, MESSAGE) == []


async def test_a_card_still_waiting_goes_with_the_resident(h: Harness) -> None:
    chat = await shares_contact_and_message(h)
    assert await traces(h.runtime.engine, PHONE) == ["outbox.payload"]  # queued, not yet sent
    await delete_everything(chat)
    await deliver(h)
    assert await traces(h.runtime.engine, PHONE) == []
    assert await traces(h.runtime.engine, MESSAGE) == []
    assert not any(PHONE in m.get("text", "") for m in h.api.sent_messages(STAFF_CHAT))

"""Twenty residents tap "I'll come" for the last place at the same moment, through the real
Dispatcher fed as polling feeds it and as the webhook does: one gets the place, nineteen wait
in the order they tapped, and every one of them gets an answer."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.polling import poll
from bot.sandbox import updates
from bot.webhook import build_webhook_app
from db.models import MeetingRegistration, User
from tests.db.race_support import pause_before
from tests.flow.announce_support import resident
from tests.flow.harness import TOKEN, Chat, Harness
from tests.flow.meetings_support import FixedClock, publish, with_clock

PEOPLE = 20
LANGUAGES = ("de", "tr", "ar", "uk")
SECRET = "hook-secret-for-the-rush-test-0123456789"  # 32–256 characters
Deliver = Callable[[list[dict[str, Any]]], Awaitable[None]]


async def taps_on_the_card(h: Harness, meeting_id: int) -> tuple[list[dict[str, Any]], dict]:
    """Each resident opens the card; their "I'll come" taps, not sent yet, and who tapped."""
    taps, tapper = [], {}
    for n in range(PEOPLE):
        chat = await resident(h, 820_000 + n, LANGUAGES[n % len(LANGUAGES)])
        await chat.send("/menu")
        await chat.press("🗓")
        await chat.press("Bürgerforum Hamborn")
        tap = tap_on(chat, h.t("I'll come", chat.user["language_code"]))
        taps.append(tap)
        tapper[tap["callback_query"]["id"]] = chat
    return taps, tapper


def tap_on(chat: Chat, label: str) -> dict[str, Any]:
    """The update a tap on the card's button sends (the card is the newest message)."""
    (button,) = [b for b in chat.buttons(chat.last()) if label in b["text"]]
    return updates.callback_update(chat.user, chat.last(), button["callback_data"])


async def seats(h: Harness, meeting_id: int) -> list[tuple[int, str]]:
    """(telegram id, status) in the order the registrations were stored."""
    async with h.runtime.session_factory() as session:
        query = (
            select(User.telegram_id, MeetingRegistration.status)
            .join(User, User.id == MeetingRegistration.user_id)
            .where(MeetingRegistration.meeting_id == meeting_id)
            .order_by(MeetingRegistration.since, MeetingRegistration.id)
        )
        return [(telegram_id, status) for telegram_id, status in (await session.execute(query))]


async def wait_until(predicate: Callable[[], bool], seconds: float = 60.0) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def by_polling(h: Harness, taps: list[dict[str, Any]]) -> None:
    """Telegram holds all twenty taps; one getUpdates hands them over in one batch."""
    for tap in taps:
        h.api.add_update(TOKEN, tap)
    stop = asyncio.Event()
    task = asyncio.create_task(poll(h.dispatcher, h.bot, stop, poll_seconds=0))
    try:
        await wait_until(lambda: not h.api.state(TOKEN).pending and answered(h) >= len(taps))
    finally:
        stop.set()
        await task


async def by_webhook(h: Harness, taps: list[dict[str, Any]]) -> None:
    """Telegram posts all twenty taps to the webhook at once."""
    app = build_webhook_app(h.dispatcher, h.bot, SECRET, "/hook")
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with TestClient(TestServer(app)) as client:

        async def post(tap: dict[str, Any]) -> int:
            tap["update_id"] = next(h.update_ids)
            h.api.note_update(TOKEN, tap)
            return (await client.post("/hook", json=tap, headers=headers)).status

        statuses = await asyncio.gather(*(post(tap) for tap in taps))
    assert statuses == [200] * len(taps)


def answered(h: Harness) -> int:
    return len(h.api.calls("answerCallbackQuery"))


@pytest.mark.parametrize("deliver", [by_polling, by_webhook], ids=["polling", "webhook"])
async def test_twenty_taps_on_the_last_place_register_one(harness: Harness, deliver: Any) -> None:
    h = harness
    await with_clock(h, FixedClock())
    meeting_id = await publish(h, capacity=1)
    taps, tapper = await taps_on_the_card(h, meeting_id)
    before = answered(h)
    # Between counting the places and storing the decision a process may always be
    # descheduled; here it is, every time, for 10 ms.
    pause_before(h.runtime.engine, "INSERT INTO meeting_registrations", 0.01)

    await asyncio.wait_for(deliver(h, taps), 60)

    stored = await seats(h, meeting_id)
    assert [status for _id, status in stored] == ["registered"] + ["waiting"] * (PEOPLE - 1)
    answers = {c.params["callback_query_id"]: c.params.get("text", "")
               for c in h.api.calls("answerCallbackQuery")[before:]}  # fmt: skip
    assert sorted(answers) == sorted(tapper)  # every tap answered, once
    place, wait = (
        "See you there! You are registered.",
        (
            "The meeting is full. You are on the waiting list; I will tell you as soon as a place "
            "becomes free."
        ),
    )
    for query_id, chat in tapper.items():
        status = dict(stored)[chat.id]
        language = chat.user["language_code"]
        expected = h.t(place if status == "registered" else wait, language)
        assert answers[query_id] == expected, (chat.id, status)
        # The card each resident sees now says where they stand.
        label = "I can't come after all"
        assert any(h.t(label, language) in b["text"] for b in chat.buttons(chat.last()))

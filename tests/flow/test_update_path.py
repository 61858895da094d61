"""The path every update takes: many at once all answered, few queries for the common case."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from bot.sandbox import updates
from bot.sandbox.server import FakeBotAPI
from tests.flow.conftest import checked
from tests.flow.harness import Harness


async def test_forty_new_residents_at_once_are_all_greeted(harness: Harness) -> None:
    # Each /start reads the resident (holding the update's connection) and then writes the
    # conversation state. With a second connection per FSM call, 40 updates at once held every
    # pool slot while each waited for one more, until the pool's 30 s timeout.
    chats = [harness.chat(900_000 + n, "tr") for n in range(40)]
    await asyncio.wait_for(asyncio.gather(*(chat.send("/start") for chat in chats)), 20)
    welcome = re.sub("<[^>]+>", "", harness.t("<b>Welcome to Stadtstimme!</b>", "tr"))
    assert all(chat.last_text().startswith(welcome) for chat in chats)


@contextmanager
def statements(harness: Harness) -> Iterator[list[str]]:
    """The SQL statements the bot sends while the block runs."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    engine = harness.runtime.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def test_a_returning_resident_costs_two_queries(harness: Harness) -> None:
    chat = harness.chat(900_200, "tr")
    await chat.send("/start")
    await chat.press_data("m:continue")
    await chat.send("/start")  # back to the menu: no conversation under way
    before = len(chat.messages())
    with statements(harness) as sent:
        await chat.send("Merhaba, bir sorum var")
    assert len(chat.messages()) == before + 1  # answered
    # One read (seen before? the resident, the conversation state), one write (update id).
    assert len(sent) <= 2, [s.split(chr(10))[0] for s in sent]


async def test_a_redelivered_update_is_answered_once(harness: Harness) -> None:
    chat = harness.chat(900_300, "de")
    await chat.send("/start")
    before = len(chat.messages())
    update = updates.message_update(chat.user, "Hallo")
    await harness.feed(update)
    await harness.feed(update)  # Telegram redelivers after a timeout
    assert len(chat.messages()) == before + 1


async def test_start_clears_nothing_it_does_not_have_to(harness: Harness) -> None:
    """A returning resident's /start with no conversation under way writes no state."""
    chat = harness.chat(900_400, "de")
    await chat.send("/start")
    await chat.press_data("m:continue")
    await chat.send("/start")
    with statements(harness) as sent:
        await chat.send("/start")
    writes = [s for s in sent if s.startswith(("INSERT", "UPDATE")) and "fsm_states" in s]
    assert writes == [], sent  # neither state nor data written
    assert len(sent) <= 2, sent  # the first look, and the update recorded as processed


async def test_a_conversation_step_is_saved_in_one_write(harness: Harness) -> None:
    """A step that stores an answer and moves on writes the conversation once, with the update."""
    chat = harness.chat(900_500, "de")
    await chat.send("/start")
    await chat.press_data("m:continue")
    await chat.press(harness.t("Skip", "de"))
    await chat.send("/menu")
    await chat.press("💡")
    await chat.press(harness.t("Hand in an idea", "de"))
    await chat.press(harness.t("Transport", "de"))
    with statements(harness) as sent:
        await chat.press("Walsum")  # the district is stored and the next question asked
    question = harness.tn(
        "Describe your idea in your own words, in any language ({minimum}–{maximum} character).",
        "Describe your idea in your own words, in any language ({minimum}–{maximum} characters).",
        2000,
        "de",
    )
    assert chat.last_text().startswith(question.split("(")[0])
    writes = [s for s in sent if s.startswith(("INSERT", "UPDATE")) and "fsm_states" in s]
    assert len(writes) == 1, sent


async def test_a_new_residents_start_costs_four_statements(harness: Harness) -> None:
    chat = harness.chat(900_400, "uk")
    with statements(harness) as sent:
        await chat.send("/start")
    assert chat.messages()  # greeted
    # First look, the resident (with Telegram's language), the update id, the notice seen.
    assert len(sent) <= 4, [s.split(chr(10))[0] for s in sent]


async def test_a_burst_bigger_than_the_pool_queues_before_it(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    # A pool of 2 + 2 connections: two are for updates, two stay free for the scheduler and
    # the outbox sender. The others wait their turn in arrival order instead of at the pool,
    # where a newcomer could take the connection a waiting update was woken for.
    async with checked(*fake_api, database_url, db_pool_size=2) as harness:
        in_use, most = 0, 0

        def checkout(*_: Any) -> None:
            nonlocal in_use, most
            in_use += 1
            most = max(most, in_use)

        def checkin(*_: Any) -> None:
            nonlocal in_use
            in_use -= 1

        pool = harness.runtime.engine.sync_engine.pool
        event.listen(pool, "checkout", checkout)
        event.listen(pool, "checkin", checkin)
        chats = [harness.chat(900_400 + n, "de") for n in range(30)]
        await asyncio.wait_for(asyncio.gather(*(chat.send("/start") for chat in chats)), 20)
        assert all(chat.messages() for chat in chats)  # everybody answered
        assert most == 2

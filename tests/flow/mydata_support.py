"""The person whose data /mydata exports and /delete erases, and the scan for their traces.

The scan looks at every table and every column of the live schema, so tables that later
features add are covered without changing the tests.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, Integer, String, Text, inspect, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.presentation.ideas import hidden_notice
from bot.services.clock import SystemClock
from bot.services.ideas import engagement as idea_engagement
from bot.services.meetings import feedback as meeting_feedback
from bot.services.polls.votes import voter_key
from db.models import Idea, Poll, User
from tests.flow.announce_support import resident
from tests.flow.harness import TOKEN, Chat, Harness
from tests.flow.meetings_support import BERLIN, FixedClock, publish
from tests.flow.polls_support import create_poll, deliver, vote
from tests.flow.test_ideas_browse import publish_ideas
from tests.flow.test_ideas_hand_in import hand_in

# Distinctive: found by a scan only where it really is (not inside STAFF_CHAT, -1009876543210,
# whose id the erasure's own staff chat deletes carry).
PERSON = 864_209_753
WAITING = 872  # on the waiting list for a place the person holds


async def traces(engine: AsyncEngine, value: int | str) -> list[str]:
    """Every table.column holding the value (a number also as such, anything inside a text)."""
    async with engine.connect() as connection:
        tables = await connection.run_sync(
            lambda sync: {
                name: inspect(sync).get_columns(name) for name in inspect(sync).get_table_names()
            }
        )
        found = []
        for table, columns in tables.items():
            for column in columns:
                quoted = f'"{column["name"]}"'
                kind = column["type"]
                if isinstance(kind, Integer | BigInteger) and isinstance(value, int):
                    condition = f"{quoted} = {value}"
                elif isinstance(kind, String | Text):
                    condition = f"{quoted} LIKE '%{value}%'"
                else:
                    continue
                query = f'SELECT count(*) FROM "{table}" WHERE {condition}'
                if (await connection.execute(text(query))).scalar():
                    found.append(f"{table}.{column['name']}")
        return found


async def meetings_and_polls(h: Harness, chat: Chat) -> None:
    """Registered (reminders changed), on a waiting list, subscribed, feedback given, voted."""
    soon = datetime.now(BERLIN).replace(second=0, microsecond=0) + timedelta(days=10)
    hamborn = await publish(h, starts=soon, capacity=1)
    await chat.send("/menu")
    await chat.press("🗓")
    await chat.press("Bürgerforum Hamborn")
    await chat.press(h.t("I'll come", "de"))
    await chat.press(h.t("Remind me", "de"))
    await chat.press(h.t("1 week before", "de"))
    await (await resident(h, WAITING, "de")).press_data(f"mt:reg:{hamborn}:")  # waits for it
    full = await publish(h, title="Forum Walsum", district="walsum", starts=soon, capacity=1)
    other = await resident(h, 871, "de")
    await other.press_data(f"mt:reg:{full}:")
    await chat.press_data(f"mt:reg:{full}:")
    assert h.t("You are on the waiting list.", "de") in chat.last_text()
    await chat.send("/settings")
    await chat.press(h.t("New meetings", "de"))
    await chat.press(h.t("Walsum", "de"))
    past = await publish(h, title="Forum Mitte", district="mitte", starts=soon - timedelta(days=9))
    await chat.press_data(f"mt:reg:{past}:")
    # Feedback is asked after the meeting: given through the service at a later time.
    later = FixedClock(soon - timedelta(days=8))
    async with h.runtime.session_factory() as session:
        user = (await session.execute(select(User).where(User.telegram_id == PERSON))).scalar_one()
        await meeting_feedback.rate(session, later, user, past, 4)
        await meeting_feedback.comment(session, user, past, "Zu wenig Stühle.")
    await create_poll(h)
    await deliver(h)
    await vote(h, chat, [1])


async def involved_person(h: Harness) -> Chat:
    """Someone with a profile, ideas, a support, a report, meetings, a poll vote and a draft."""
    chat = await resident(h, PERSON, "de", district="walsum", age_group="30-44")
    await meetings_and_polls(h, chat)
    [other_idea] = await publish_ideas(h, 870, ["transport"])
    await hand_in(h, chat, "de")
    await hand_in(h, chat, "de", text="Eine zweite Idee: Trinkbrunnen im Kantpark, bitte.")
    async with h.runtime.session_factory() as session:
        ideas = (await session.execute(select(Idea).order_by(Idea.id))).scalars().all()
        mine = [idea for idea in ideas if idea.id != other_idea]
        mine[0].status = "published"
        user = (await session.execute(select(User).where(User.telegram_id == PERSON))).scalar_one()
        await idea_engagement.toggle_support(session, SystemClock(), user, other_idea)
        await idea_engagement.report(
            session, SystemClock(), user, other_idea, "spam", per_day=10, hide_after=3,
            hidden_notice=hidden_notice, default_language="de",
        )  # fmt: skip
    await chat.send("/menu")
    await chat.press("💡")
    await chat.press(h.t("Hand in an idea", "de"))  # a draft, if today's idea limit allows one
    return chat


def downloaded_document(h: Harness, chat: Chat) -> tuple[dict[str, Any], dict[str, Any]]:
    message = chat.last()
    stored = h.api.state(TOKEN).files[message["document"]["file_id"]]
    return message, json.loads(stored.data)


async def vote_hash(h: Harness) -> str:
    """What stands for the person in poll_votes."""
    async with h.runtime.session_factory() as session:
        poll_id = (await session.execute(select(Poll.id))).scalar_one()
    return voter_key(h.settings.poll_key, poll_id, PERSON)

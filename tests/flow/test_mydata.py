"""/mydata gives the person everything stored; /delete (asked twice) leaves no trace of them.

The trace check scans every table and every column of the live schema, so tables that later
features add are covered without changing this test.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, Integer, String, Text, func, inspect, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.services import idea_engagement, meeting_feedback
from bot.services.clock import SystemClock
from bot.services.poll_votes import voter_key
from db.models import Idea, Poll, User
from handlers.idea_decide import hidden_notice
from tests.flow.announce_support import resident
from tests.flow.harness import TOKEN, Chat, Harness
from tests.flow.ideas_support import stored_ideas
from tests.flow.meetings_support import BERLIN, FixedClock, publish
from tests.flow.polls_support import create_poll, deliver, vote
from tests.flow.test_ideas_browse import publish_ideas
from tests.flow.test_ideas_hand_in import hand_in

PERSON = 987_654_321  # distinctive: found by a scan only where it really is


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
    hamborn = await publish(h, starts=soon)
    await chat.send("/menu")
    await chat.press("🗓")
    await chat.press("Bürgerforum Hamborn")
    await chat.press(h.t("I'll come", "de"))
    await chat.press(h.t("Remind me", "de"))
    await chat.press(h.t("1 week before", "de"))
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
    assert hamborn != full
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
    await chat.press(h.t("Hand in an idea", "de"))  # an unfinished draft in the FSM storage
    return chat


def downloaded_document(h: Harness, chat: Chat) -> tuple[dict[str, Any], dict[str, Any]]:
    message = chat.last()
    stored = h.api.state(TOKEN).files[message["document"]["file_id"]]
    return message, json.loads(stored.data)


async def test_mydata_sends_everything_stored(ideas_harness: Harness) -> None:
    h = ideas_harness
    chat = await involved_person(h)
    await chat.send("/mydata")
    message, document = downloaded_document(h, chat)
    assert message["document"]["file_name"] == "stadtstimme-my-data.json"
    assert message["caption"] == h.t(
        "Everything we store about you. Send /delete to erase it.", "de"
    )
    profile = document["profile"]
    assert (profile["telegram_id"], profile["district"], profile["age_group"]) == (
        PERSON, "walsum", "30-44",
    )  # fmt: skip
    assert document["consents"]["profile_consent_given_at"] is not None
    assert [idea["status"] for idea in document["ideas"]] == ["published", "submitted"]
    assert document["ideas"][1]["text"] == "Eine zweite Idee: Trinkbrunnen im Kantpark, bitte."
    assert len(document["supports"]) == 1 and document["reports"][0]["reason"] == "spam"
    assert document["announcement_settings"]["announcements"] is True
    registrations = {
        r["meeting"]["title"]: (r["status"], r["reminders_wanted"], r.get("waiting_position"))
        for r in document["meeting_registrations"]
    }
    assert registrations == {
        "Bürgerforum Hamborn": ("registered", ["1w", "1d", "2h"], None),
        "Forum Walsum": ("waiting", ["1d", "2h"], 1),
        "Forum Mitte": ("registered", ["1d", "2h"], None),
    }
    first = document["meeting_registrations"][0]["meeting"]
    assert first["title"] == "Forum Mitte" and first["starts"].startswith("20")
    planned = {(r["title"], r["kind"]) for r in document["meeting_reminders"]}
    assert {("Bürgerforum Hamborn", "1w"), ("Forum Walsum", "3d")} <= planned
    assert document["meeting_subscription"]["district"] == "walsum"
    [feedback] = document["meeting_feedback"]
    assert (feedback["meeting"]["title"], feedback["rating"], feedback["comment"]) == (
        "Forum Mitte", 4, "Zu wenig Stühle.",
    )  # fmt: skip
    assert document["poll_votes"] == h.t(
        "Your poll votes are stored under a keyed hash (HMAC) instead of your Telegram ID, so "
        "they are not linked to you and are not part of this file; deleting your data deletes "
        "them too.",
        "de",
    )


async def test_delete_asks_twice_and_can_keep_published_ideas_anonymously(
    ideas_harness: Harness,
) -> None:
    h = ideas_harness
    chat = await involved_person(h)
    await chat.send("/delete")
    await chat.press(h.t("No, keep my data", "de"))
    assert chat.last_text() == h.t("Okay, nothing was deleted.", "de")
    await chat.send("/delete")
    await chat.press(h.t("Yes, continue", "de"))
    await chat.press(h.t("Keep my published ideas anonymously", "de"))
    kept = h.t("{count} published ideas stay visible without your name.", "de").format(count=1)
    assert kept in chat.last_text()
    remaining = await stored_ideas(h)
    assert [(i.user_id is None, i.status) for i in remaining] == [
        (False, "published"),
        (True, "published"),
    ]
    assert await traces(h.runtime.engine, PERSON) == []


async def vote_hash(h: Harness) -> str:
    """What stands for the person in poll_votes."""
    async with h.runtime.session_factory() as session:
        poll_id = (await session.execute(select(Poll.id))).scalar_one()
    return voter_key(h.settings.poll_key, poll_id, PERSON)


async def test_delete_everything_leaves_no_trace_in_any_table(ideas_harness: Harness) -> None:
    h = ideas_harness
    chat = await involved_person(h)
    found = await traces(h.runtime.engine, PERSON)  # the scan does find them
    assert {"users.telegram_id", "poll_messages.chat_id", "fsm_states.key"} <= set(found)
    assert await traces(h.runtime.engine, await vote_hash(h)) == ["poll_votes.voter"]
    await chat.send("/delete")
    await chat.press(h.t("Yes, continue", "de"))
    await chat.press(h.t("Delete everything", "de"))
    assert chat.last_text() == h.t(
        "All your data has been deleted. Send /start to begin again.", "de"
    )
    assert len(await stored_ideas(h)) == 1  # only the other author's idea
    assert await traces(h.runtime.engine, PERSON) == []
    assert await traces(h.runtime.engine, await vote_hash(h)) == []
    async with h.runtime.session_factory() as session:
        assert await session.scalar(select(func.count()).select_from(User)) == 2

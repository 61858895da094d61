"""Demo meetings and the demo poll: made by the services, marked, seeded once, sent right."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta

import icalendar
import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.i18n import build_i18n
from bot.i18n_informal import formal_words
from bot.sandbox.demo import DEMO_STAFF, YOUTH_GROUP, sandbox_settings, seed_demo
from bot.sandbox.demo_base import DEMO_LABEL, DemoContext
from bot.sandbox.demo_meetings import seed_meetings
from bot.sandbox.demo_polls import DRAFT_KEY, seed_polls
from bot.services.clock import SystemClock
from bot.services.meetings import files as meeting_files
from bot.services.meetings import lifecycle as meetings
from bot.services.meetings.feedback import subscribe
from bot.services.users import UserService
from db.models import Meeting, OutboxMessage, Poll
from db.repositories import polls as poll_repo
from db.session import create_engine, create_session_factory

I18N = build_i18n("de")


def t(msgid: str, language: str) -> str:
    """The bot's text in a language."""
    return str(I18N.gettext(msgid, locale=language))


@pytest.fixture
async def context(database_url: str) -> AsyncIterator[DemoContext]:
    """A sandbox's seeding context on a fresh database."""
    engine = create_engine(database_url)
    plain = Settings(_env_file=None, database_url=database_url)  # type: ignore[call-arg]
    factory = create_session_factory(engine)
    yield DemoContext(factory, SystemClock(), sandbox_settings(plain), DEMO_STAFF.id, I18N)
    await engine.dispose()


async def outbox(context: DemoContext) -> list[OutboxMessage]:
    """Every queued message, oldest first."""
    async with context.session_factory() as session:
        return list(await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


async def resident(context: DemoContext, telegram_id: int, language: str) -> int:
    """A reachable resident who gets announcements (the bot's user id)."""
    async with context.session_factory() as session:
        user = await UserService(session, context.clock).load_or_create(telegram_id, language)
        await session.commit()
        return user.id


async def test_two_upcoming_meetings_are_published_once(context: DemoContext) -> None:
    async with context.session_factory() as session:
        ayse = await UserService(session, context.clock).load_or_create(700_001, "tr")
        await subscribe(session, context.clock, ayse, "mitte")  # told about new meetings
    assert await seed_meetings(context) == 2
    assert await seed_meetings(context) == 0  # the next start adds nothing
    async with context.session_factory() as session:
        found = list(await session.scalars(select(Meeting).order_by(Meeting.starts_at)))
        listed = await meetings.upcoming_for(session, context.clock, ayse, None)
    now = context.clock.now()
    assert len(found) == 2 and {m.id for m in listed} == {m.id for m in found}
    assert all(m.status == "published" and m.created_by == DEMO_STAFF.id for m in found)
    assert all(now + timedelta(days=7) < m.starts_at < m.ends_at for m in found)
    for meeting in found:
        for language in ("de", "tr"):
            assert meetings.text_of(meeting.title, language).startswith(DEMO_LABEL + " ")
    town_hall = found[0]
    assert town_hall.capacity == 40 and town_hall.latitude and town_hall.longitude
    assert "Rathaus" in town_hall.venue and found[1].capacity is None
    [notice] = await outbox(context)  # the subscriber of Mitte, in Turkish
    assert notice.chat_id == 700_001 and notice.method == "sendMessage"
    text = json.loads(notice.payload)["text"]
    assert t("New meeting in your district:", "tr") in text
    assert meetings.text_of(town_hall.title, "tr") in text
    event = icalendar.Calendar.from_ical(meeting_files.to_ics(town_hall, "tr")).walk("VEVENT")[0]
    assert str(event["summary"]).startswith(DEMO_LABEL)


async def test_the_open_poll_reaches_residents_and_the_approved_demo_group(
    context: DemoContext,
) -> None:
    await resident(context, 700_002, "tr")
    assert await seed_polls(context) == 1
    assert await seed_polls(context) == 0
    async with context.session_factory() as session:
        group = await poll_repo.group(session, YOUTH_GROUP.id)
        poll = await poll_repo.by_draft_key(session, DRAFT_KEY)
        assert poll is not None
        texts = await poll_repo.variants(session, poll.id)
        open_ones = await poll_repo.open_polls(session, context.clock.now())
    assert group is not None and group.status == "approved"
    assert group.decided_by == DEMO_STAFF.id and group.title == YOUTH_GROUP.title
    assert poll.status == "open" and [p.id for p in open_ones] == [poll.id]
    assert poll.created_by == DEMO_STAFF.id
    assert poll.closes_at - context.clock.now() > timedelta(days=7)
    assert all(question.startswith(DEMO_LABEL + " ") for question, _ in texts.values())
    assert {"de", "tr"} <= set(texts)
    sent = {(row.chat_id, row.method): row for row in await outbox(context)}
    assert set(sent) == {
        (YOUTH_GROUP.id, "sendMessage"), (YOUTH_GROUP.id, "sendPoll"), (700_002, "sendPoll"),
    }  # fmt: skip
    told = json.loads(sent[(YOUTH_GROUP.id, "sendMessage")].payload)["text"]
    assert told == t("This group is now registered: city polls will arrive here.", "de@du")
    in_group = json.loads(sent[(YOUTH_GROUP.id, "sendPoll")].payload)
    assert in_group["is_anonymous"] is True and in_group["question"] == texts["de"][0]
    # The demo group is a youth group: its German texts say "du".
    assert formal_words(in_group["question"]) == [] and " du " in in_group["question"]
    private = json.loads(sent[(700_002, "sendPoll")].payload)
    assert private["is_anonymous"] is False and private["question"] == texts["tr"][0]
    assert private["options"] == texts["tr"][1] and "close_date" in private


async def test_an_existing_youth_group_is_left_alone(context: DemoContext) -> None:
    """A sandbox where the group was registered (or removed) keeps that decision."""
    from bot.services import youth_groups

    async with context.session_factory() as session:
        await youth_groups.request(session, context.clock, YOUTH_GROUP.id, "Mein Treff", "tr")
    assert await seed_polls(context) == 1
    async with context.session_factory() as session:
        group = await poll_repo.group(session, YOUTH_GROUP.id)
        poll = await session.scalar(select(Poll))
    assert group is not None and group.status == "pending" and group.title == "Mein Treff"
    assert poll is not None and poll.status == "open"
    assert [row.chat_id for row in await outbox(context)] == []  # nobody approved: nobody gets it


async def test_every_seeder_runs_once_per_database(context: DemoContext) -> None:
    first = await seed_demo(context)
    assert first == {
        "published ideas": 4,
        "upcoming meetings": 2,
        "open poll": 1,
        "volunteering opportunities": 4,
        "participatory budget": 1,
    }
    rows = len(await outbox(context))
    assert await seed_demo(context) == dict.fromkeys(first, 0)
    assert len(await outbox(context)) == rows  # nothing queued twice


async def test_the_demo_youth_forum_says_du(context: DemoContext) -> None:
    """The youth forum (14 to 27) addresses young people with "du", like youth groups."""
    await seed_meetings(context)
    async with context.session_factory() as session:
        found = list(await session.scalars(select(Meeting)))
    youth = next(m for m in found if "Jugendforum" in meetings.text_of(m.title, "de"))
    german = meetings.text_of(youth.description, "de")
    assert formal_words(german) == [] and "du" in german.split()


async def test_the_demo_budget_is_open_for_voting_with_eight_projects(context: DemoContext) -> None:
    from bot.sandbox.demo_budget import seed_budget
    from bot.services.budget import voting

    assert await seed_budget(context) == 1
    assert await seed_budget(context) == 0  # the next start adds nothing
    async with context.session_factory() as session:
        [process] = await voting.open_processes(session, context.clock)
        found = await voting.projects_of(session, process.id)
    titles = json.loads(process.title)
    assert set(titles) == {"de", "tr", "en", "ar"}
    assert all(title.startswith(DEMO_LABEL + " ") for title in titles.values())
    assert len(found) == 8 and sum(p.cost or 0 for p in found.values()) > process.budget
    assert all(set(json.loads(p.title)) == {"de", "tr", "en", "ar"} for p in found.values())
    assert all(set(json.loads(p.description)) == set(titles) for p in found.values())

"""Sandbox demo data on both databases: seeded once, marked as demo, nobody is messaged."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.config import Settings
from bot.i18n import build_i18n
from bot.sandbox.demo import (
    DEMO_STAFF,
    STAFF_CHAT_ID,
    YOUTH_GROUP,
    demo_chats,
    sandbox_settings,
    seed_demo,
)
from bot.sandbox.demo_base import DEMO_LABEL, DemoContext
from bot.sandbox.demo_ideas import DEMO_AUTHOR_IDS, DEMO_IDEAS
from bot.sandbox.demo_volunteering import seed_volunteering
from bot.sandbox.demo_volunteering_data import DEMO_TEAM, ORG_GROUP
from bot.sandbox.webchat_directory import Directory
from bot.services.clock import SystemClock
from bot.services.volunteering import opportunities
from db.models import Idea, IdeaEvent, OutboxMessage, User, VolunteerOrg
from db.session import create_engine, create_session_factory


def settings_with(**values: object) -> Settings:
    """Settings without .env or environment surprises."""
    return Settings(_env_file=None, **values)  # type: ignore[call-arg, arg-type]


async def test_demo_content_is_seeded_once_and_marked(database_url: str) -> None:
    engine = create_engine(database_url)
    factory = create_session_factory(engine)
    settings = sandbox_settings(settings_with(database_url=database_url))
    context = DemoContext(factory, SystemClock(), settings, DEMO_STAFF.id, build_i18n("de"))
    try:
        assert (await seed_demo(context))["published ideas"] == len(DEMO_IDEAS)
        assert (await seed_demo(context))["published ideas"] == 0  # second start: nothing new
        async with factory() as session:
            ideas = list((await session.scalars(select(Idea).order_by(Idea.id))).all())
            events = list((await session.scalars(select(IdeaEvent))).all())
            authors = list(
                await session.scalars(select(User).where(User.telegram_id.in_(DEMO_AUTHOR_IDS)))
            )
            outbox = set(await session.scalars(select(OutboxMessage.chat_id)))
    finally:
        await engine.dispose()
    assert len(ideas) == len(DEMO_IDEAS)
    assert all(i.text.startswith(DEMO_LABEL + " ") and i.status == "published" for i in ideas)
    assert {i.language for i in ideas} >= {"de", "tr", "ar"}
    publishes = [e for e in events if e.action == "publish"]
    assert len(publishes) == len(DEMO_IDEAS)
    assert {e.staff_id for e in publishes} == {DEMO_STAFF.id}
    assert authors and not any(a.reachable for a in authors)  # demo authors get no messages
    # Only the demo groups: the poll and its registration; the organisation group's connection.
    assert outbox == {YOUTH_GROUP.id, ORG_GROUP.id}


def test_sandbox_staff_works_out_of_the_box() -> None:
    settings = sandbox_settings(settings_with(admin_ids=[700001]))
    assert settings.admin_ids == [700001, DEMO_STAFF.id]
    assert settings.staff_chat_id == STAFF_CHAT_ID
    configured = sandbox_settings(settings_with(staff_chat_id=-100777))
    assert configured.staff_chat_id == -100777  # a configured staff chat is kept
    directory = Directory()
    demo_chats(directory, settings)
    staff = directory.groups[STAFF_CHAT_ID]
    assert staff.kind == "staff" and DEMO_STAFF.id in staff.members
    assert directory.residents[DEMO_STAFF.id].demo
    kinds = [g.kind for g in directory.groups.values()]
    assert kinds == ["staff", "group", "group"]
    assert directory.groups[ORG_GROUP.id].members == [DEMO_TEAM.id]


async def test_demo_volunteering_two_organisations_four_opportunities(database_url: str) -> None:
    engine = create_engine(database_url)
    factory = create_session_factory(engine)
    settings = sandbox_settings(settings_with(database_url=database_url))
    context = DemoContext(factory, SystemClock(), settings, DEMO_STAFF.id, build_i18n("de"))
    try:
        assert await seed_volunteering(context) == 4
        assert await seed_volunteering(context) == 0  # second start: nothing new
        async with factory() as session:
            orgs = list(
                (await session.scalars(select(VolunteerOrg).order_by(VolunteerOrg.id))).all()
            )
            found = await opportunities.for_resident(
                session, context.clock, district=None, languages={"de"},
                filters=opportunities.Filters(),
            )  # fmt: skip
    finally:
        await engine.dispose()
    assert [org.inbox_chat_id for org in orgs] == [ORG_GROUP.id, None]  # the 2nd: staff chat
    assert len(found) == 4  # all current, all listed
    assert all(json.loads(o.title)["de"].startswith(DEMO_LABEL + " ") for o, _org in found)
    assert any({"tr", "ar"} <= set(opportunities.languages_of(o)) for o, _org in found)

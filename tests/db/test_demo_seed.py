"""Sandbox demo data on both databases: seeded once, marked as demo, nobody is messaged."""

from __future__ import annotations

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
from bot.sandbox.webchat_directory import Directory
from bot.services.clock import SystemClock
from db.models import Idea, IdeaEvent, OutboxMessage, User
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
    assert outbox == {YOUTH_GROUP.id}  # only the demo group (the poll, its registration)


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
    assert [kind for kind in (g.kind for g in directory.groups.values())] == ["staff", "group"]

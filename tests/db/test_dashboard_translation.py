"""A decision in the web dashboard tells the author what a decision in the staff chat does: the
staff comment in the author's language (LibreTranslate fake), with the German original below —
and a decision the dashboard refuses sends nothing to the provider."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from html import escape

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.dashboard.serve import dashboard_app
from bot.i18n import build_i18n
from bot.services.bidi import isolate
from bot.services.ideas import lifecycle as ideas
from bot.services.ideas.lifecycle import IdeaDraft
from bot.services.ideas.moderation import MAX_COMMENT
from bot.services.staff import StaffService
from db.models import Idea, OutboxMessage, User
from tests.db import dashboard_support as support
from tests.db.dashboard_support import ADMIN, MODERATOR, NOW, sign_in
from tests.db.support import FixedClock
from tests.db.test_translations import client as translator_for
from tests.translation_fakes import FakeProvider, libretranslate_app, serving

factory = support.factory  # the fixture, used by name
TURKISH = "Walsum'a daha fazla otobüs, akşamları da."
COMMENT = "Danke! Die Buslinie 910 fährt ab März auch abends."


@pytest.fixture
async def provider() -> AsyncIterator[FakeProvider]:
    fake = FakeProvider()
    async with serving(libretranslate_app(fake), fake):
        yield fake


@pytest.fixture
async def client(
    factory: async_sessionmaker[AsyncSession], database_url: str, provider: FakeProvider
) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    clock = FixedClock(NOW)
    settings = Settings(  # type: ignore[call-arg]
        database_url=database_url, admin_ids=[ADMIN],
        translate_provider="libretranslate", translate_url=provider.url,
    )  # fmt: skip
    async with factory() as session:
        await StaffService(session, [ADMIN], clock).set_role(MODERATOR, "moderator", actor=ADMIN)
    app = dashboard_app(settings, clock, factory, build_i18n("de"), translator_for(provider))
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


async def turkish_idea(factory: async_sessionmaker[AsyncSession]) -> str:
    async with factory() as session:
        author = User(telegram_id=4242, language="tr", telegram_language="tr")
        session.add(author)
        await session.commit()
        draft = IdeaDraft("transport", "walsum", TURKISH)
        idea = await ideas.submit(session, FixedClock(NOW), author, draft, per_day=5)
        return idea.reference


async def author_notices(factory: async_sessionmaker[AsyncSession]) -> list[str]:
    async with factory() as session:
        query = select(OutboxMessage).where(OutboxMessage.chat_id == 4242)
        rows = (await session.execute(query.order_by(OutboxMessage.id))).scalars()
        return [json.loads(row.payload or "{}")["text"] for row in rows]


def translations_asked(provider: FakeProvider) -> list[tuple[str, str, str]]:
    return [(r["source"], r["target"], r["q"]) for r in provider.requests if "q" in r]


async def test_a_comment_from_the_dashboard_reaches_the_author_in_turkish(
    client: TestClient,  # type: ignore[type-arg]
    factory: async_sessionmaker[AsyncSession],
    provider: FakeProvider,
) -> None:
    reference = await turkish_idea(factory)
    csrf = await sign_in(client, factory, MODERATOR)
    done = await client.post(
        f"/ideas/{reference}/decide",
        data={"csrf": csrf, "action": "publish", "comment": COMMENT}, allow_redirects=False,
    )  # fmt: skip
    assert done.status == 303
    assert translations_asked(provider) == [("de", "tr", COMMENT)]
    [notice] = await author_notices(factory)
    i18n = build_i18n("de")
    said = i18n.gettext("Comment from the city team: {comment}", locale="tr").format(
        comment=isolate(f"[tr] {COMMENT}")
    )
    note = i18n.gettext("Machine translation ({provider}). The city team wrote:", locale="tr")
    assert said in notice
    assert notice.endswith(
        f"\n\n🌐 {escape(note.format(provider='LibreTranslate'))}\n"
        f"<blockquote expandable>{isolate(escape(COMMENT))}</blockquote>"
    )


async def test_a_refused_decision_sends_nothing_to_the_provider(
    client: TestClient,  # type: ignore[type-arg]
    factory: async_sessionmaker[AsyncSession],
    provider: FakeProvider,
) -> None:
    reference = await turkish_idea(factory)
    csrf = await sign_in(client, factory, MODERATOR)
    too_long = "Sehr geehrte Verfasserin, " + "x" * MAX_COMMENT
    refused = [
        {"action": "publish", "comment": too_long},  # over the limit
        {"action": "decline", "reason": "other", "comment": " "},  # no explanation
        {"action": "forward", "comment": COMMENT},  # no department
        {"action": "implement", "comment": COMMENT},  # not from "submitted"
    ]
    for form in refused:
        answer = await client.post(f"/ideas/{reference}/decide", data={"csrf": csrf, **form})
        assert answer.status == 400, form
    assert translations_asked(provider) == []
    assert await author_notices(factory) == []
    async with factory() as session:
        stored = await session.scalar(select(Idea).where(Idea.reference == reference))
        assert stored is not None and stored.status == "submitted"

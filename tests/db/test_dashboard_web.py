"""The dashboard in a browser's place: every route refuses what a role may not see, forms need
the session's CSRF token, a link signs in once, and a decision reaches the resident."""

from __future__ import annotations

import json
import re

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.dashboard.access import Access, allows
from bot.dashboard.routes import routes
from bot.services import dashboard_access as access
from bot.services.ideas import lifecycle as ideas
from bot.services.ideas.lifecycle import IdeaDraft
from bot.services.staff import StaffService
from db.models import Idea, OutboxMessage, StaffAudit, User
from tests.db import dashboard_support as support
from tests.db.dashboard_support import (
    ADMIN,
    EDITOR,
    MODERATOR,
    NOW,
    ROLES,
    sign_in,
)
from tests.db.support import FixedClock

factory, client = support.factory, support.client  # the fixtures, used by name

EXAMPLES = {"reference": "I-2026-0001", "token": "nope", "poll_id": "1", "meeting_id": "1",
            "form": "csv", "telegram_id": "555", "campaign_id": "1", "slug": "contact",
            "number": "0"}  # fmt: skip


def concrete(path: str) -> str:
    """The route's path with an example for every placeholder (a new one must be added here)."""
    return re.sub(r"\{(\w+)(?::[^}]+)?\}", lambda m: EXAMPLES[m.group(1)], path)


CASES = [
    (route.method, route.path, role, allows(route.access, role))
    for route in routes()
    for role in (None, *ROLES)
]


@pytest.mark.parametrize(("method", "path", "role", "allowed"), CASES)
async def test_every_route_answers_each_role_as_its_table_says(
    client: TestClient, factory: async_sessionmaker[AsyncSession],  # type: ignore[type-arg]
    method: str, path: str, role: str | None, allowed: bool,
) -> None:  # fmt: skip
    csrf = await sign_in(client, factory, ROLES[role]) if role else ""
    public = next(r.access for r in routes() if r.path == path) == Access.PUBLIC
    response = await client.request(
        method, concrete(path), data={"csrf": csrf} if method == "POST" else None,
        allow_redirects=False,
    )  # fmt: skip
    if role is None and not public:
        assert response.status == 302 and response.headers["Location"] == "/login"
        assert "I-2026" not in await response.text()
    elif path.startswith("/public/"):  # nothing published: the same 404 for everyone
        assert response.status == 404 and "nothing published" in await response.text()
    elif public:  # a made-up login link: its own page, never a bounce
        text = await response.text()
        assert response.status in (200, 403) and ("/dashboard" in text or 'name="token"' in text)
    elif not allowed:
        assert response.status == 403
    else:
        assert response.status not in (302, 403), (method, path, role)
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


async def test_a_form_without_the_sessions_csrf_token_changes_nothing(
    client: TestClient,
    factory: async_sessionmaker[AsyncSession],  # type: ignore[type-arg]
) -> None:
    await sign_in(client, factory, MODERATOR)
    for data in ({}, {"csrf": "forged"}):
        response = await client.post("/logout", data=data, allow_redirects=False)
        assert response.status == 403
    assert (await client.get("/", allow_redirects=False)).status == 200  # still signed in


async def test_a_used_link_says_so_and_signs_nobody_in(
    client: TestClient,
    factory: async_sessionmaker[AsyncSession],  # type: ignore[type-arg]
) -> None:
    async with factory() as session:
        staff = StaffService(session, [ADMIN], FixedClock(NOW))
        token = await access.issue_link(session, FixedClock(NOW), staff, EDITOR, actor=EDITOR)
    assert (await support.use_link(client, token)).status == 303
    client.session.cookie_jar.clear()
    again = await client.post("/login?lang=en", data={"token": token}, allow_redirects=False)
    assert again.status == 403 and "already been used" in await again.text()
    assert (await client.get("/", allow_redirects=False)).status == 302


async def test_a_decision_in_the_browser_reaches_the_author_in_their_language(
    client: TestClient,
    factory: async_sessionmaker[AsyncSession],  # type: ignore[type-arg]
) -> None:
    async with factory() as session:
        author = User(telegram_id=4242, language="tr", telegram_language="tr")
        session.add(author)
        await session.commit()
        draft = IdeaDraft("transport", "walsum", "Walsum'a daha fazla otobüs, akşamları da.")
        idea = await ideas.submit(session, FixedClock(NOW), author, draft, per_day=5)
        reference = idea.reference
    csrf = await sign_in(client, factory, MODERATOR)
    queue = await (await client.get("/ideas?status=submitted")).text()
    assert reference in queue and "otobüs" in queue
    refused = await client.post(
        f"/ideas/{reference}/decide", data={"csrf": csrf, "action": "forward"}
    )
    assert refused.status == 400  # a forward needs a department; nothing changed
    done = await client.post(
        f"/ideas/{reference}/decide", data={"csrf": csrf, "action": "publish"},
        allow_redirects=False,
    )  # fmt: skip
    assert done.status == 303
    async with factory() as session:
        stored = await session.scalar(select(Idea).where(Idea.reference == reference))
        assert stored is not None and stored.status == "published"
        notices = (await session.execute(
            select(OutboxMessage).where(OutboxMessage.chat_id == 4242)
        )).scalars().all()  # fmt: skip
        texts = [json.loads(row.payload or "{}").get("text", "") for row in notices]
        assert any(reference in text and "fikr" in text.lower() for text in texts), texts
        actions = (await session.execute(select(StaffAudit.action, StaffAudit.actor))).all()
        assert ("idea.publish", MODERATOR) in [tuple(row) for row in actions]
    csv_response = await client.get("/ideas.csv?status=published")
    assert csv_response.status == 200 and reference in await csv_response.text()
    assert "4242" not in await csv_response.text()


async def test_opening_a_link_signs_in_only_with_the_button(
    client: TestClient,
    factory: async_sessionmaker[AsyncSession],  # type: ignore[type-arg]
) -> None:
    async with factory() as session:
        staff = StaffService(session, [ADMIN], FixedClock(NOW))
        token = await access.issue_link(session, FixedClock(NOW), staff, EDITOR, actor=EDITOR)
    assert token is not None
    for _preview in range(2):  # a link preview, then the person: the link stays unused
        shown = await client.get(f"/login/{token}?lang=en", allow_redirects=False)
        assert shown.status == 200 and "Sign in to the dashboard" in await shown.text()
    assert (await client.get("/", allow_redirects=False)).status == 302
    pressed = await client.post("/login", data={"token": token}, allow_redirects=False)
    assert pressed.status == 303 and pressed.headers["Location"] == "/"
    assert (await client.get("/", allow_redirects=False)).status == 200

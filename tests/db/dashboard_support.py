"""The dashboard's tests share these: a served dashboard, three staff members, signing in."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.dashboard.security import COOKIE
from bot.dashboard.serve import dashboard_app
from bot.services import dashboard_access as access
from bot.services.clock import Clock
from bot.services.staff import StaffService
from bot.translation import build_translator
from db.session import create_engine, create_session_factory
from tests.db.support import FixedClock
from tests.loaded_once import catalogs
from tests.translation_fakes import FakeProvider, libretranslate_app, serving

NOW = datetime(2026, 12, 7, 9, tzinfo=UTC)
ADMIN, EDITOR, MODERATOR = 100, 200, 300
ROLES = {"admin": ADMIN, "editor": EDITOR, "moderator": MODERATOR}


@pytest.fixture
async def factory(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(database_url)
    yield create_session_factory(engine)
    await engine.dispose()


@pytest.fixture
async def client(
    factory: async_sessionmaker[AsyncSession], database_url: str
) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    clock = FixedClock(NOW)
    settings = Settings(database_url=database_url, admin_ids=[ADMIN])  # type: ignore[call-arg]
    async with factory() as session:
        staff = StaffService(session, [ADMIN], clock)
        await staff.set_role(EDITOR, "editor", actor=ADMIN)
        await staff.set_role(MODERATOR, "moderator", actor=ADMIN)
    app = dashboard_app(settings, clock, factory, catalogs("de"))
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


@pytest.fixture
async def translating(
    factory: async_sessionmaker[AsyncSession], database_url: str
) -> AsyncIterator[tuple[TestClient, FakeProvider]]:  # type: ignore[type-arg]
    """The dashboard with the LibreTranslate fake as its provider."""
    fake = FakeProvider()
    async with serving(libretranslate_app(fake), fake):
        settings = Settings(  # type: ignore[call-arg]
            database_url=database_url, admin_ids=[ADMIN],
            translate_provider="libretranslate", translate_url=fake.url,
        )  # fmt: skip
        async with factory() as session:
            await StaffService(session, [ADMIN], FixedClock(NOW)).set_role(
                EDITOR, "editor", actor=ADMIN
            )
        translator = build_translator(settings)
        app = dashboard_app(settings, FixedClock(NOW), factory, catalogs("de"), translator)
        async with TestClient(TestServer(app)) as test_client:
            yield test_client, fake


async def sign_in(
    client: TestClient,  # type: ignore[type-arg]
    factory: async_sessionmaker[AsyncSession],
    person: int,
    clock: Clock | None = None,
) -> str:
    """Sign in through a one-time link as the person; returns the page's CSRF token."""
    clock = clock or FixedClock(NOW)  # the dashboard's clock: the link is valid for ten minutes
    async with factory() as session:
        staff = StaffService(session, [ADMIN], clock)
        token = await access.issue_link(session, clock, staff, person, actor=person)
    assert token is not None
    response = await use_link(client, token)
    assert response.status == 303
    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    page = await (await client.get("/")).text()
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


async def use_link(
    client: TestClient,  # type: ignore[type-arg]
    token: str,
    lang: str = "de",
) -> ClientResponse:
    """Open the link's page and press its button, as a browser does; the button's answer."""
    shown = await client.get(f"/login/{token}?lang={lang}", allow_redirects=False)
    assert shown.status == 200 and COOKIE not in shown.cookies
    button = (
        r'<form method="post" action="([^"]+)">\s*'
        r'<input type="hidden" name="token" value="([^"]+)">'
    )
    form = re.search(button, await shown.text())
    assert form is not None and form.group(2) == token
    return await client.post(form.group(1), data={"token": token}, allow_redirects=False)

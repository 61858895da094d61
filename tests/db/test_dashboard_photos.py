"""An idea's photos on the dashboard: fetched from (fake) Telegram through getFile and its file
URL per request and streamed on, never kept; its place as an OpenStreetMap link with a marker."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.dashboard.serve import dashboard_app
from bot.i18n import build_i18n
from bot.sandbox.origin_guard import same_site_only
from bot.sandbox.server import FakeBotAPI
from bot.services.ideas import lifecycle as ideas
from bot.services.ideas.lifecycle import IdeaDraft
from bot.services.staff import StaffService
from db.models import User
from tests.conftest import sqlite_only
from tests.db import dashboard_support as support
from tests.db.dashboard_support import ADMIN, MODERATOR, NOW, sign_in
from tests.db.support import FixedClock
from tests.loaded_once import api_spec

factory = support.factory  # the fixture, used by name
TOKEN = "123456:PHOTO-test-token-xxxxxxxxxxxxxxxxxxx"
JPEG = b"\xff\xd8\xff\xe0" + b"walsum-bus-stop" * 5000 + b"\xff\xd9"  # larger than one chunk

pytestmark = sqlite_only  # the photos never touch the database


@pytest.fixture
async def telegram(unused_tcp_port: int) -> AsyncIterator[FakeBotAPI]:
    """The fake Bot API as the sandbox serves it: behind its guard (its own host, POST only)."""
    fake = FakeBotAPI(spec=api_spec())
    app = web.Application(middlewares=[same_site_only("127.0.0.1", unused_tcp_port)])
    fake.add_routes(app)
    async with TestServer(app, host="127.0.0.1", port=unused_tcp_port) as server:
        fake.base_url = str(server.make_url("")).rstrip("/")
        yield fake


@pytest.fixture
async def client(
    factory: async_sessionmaker[AsyncSession], database_url: str, telegram: FakeBotAPI
) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    settings = Settings(  # type: ignore[call-arg]
        database_url=database_url, admin_ids=[ADMIN], telegram_api_url=telegram.base_url
    )
    async with factory() as session:
        await StaffService(session, [ADMIN], FixedClock(NOW)).set_role(
            MODERATOR, "moderator", actor=ADMIN
        )
    app = dashboard_app(settings, FixedClock(NOW), factory, build_i18n("de"), bot_token=TOKEN)
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


async def an_idea(
    factory: async_sessionmaker[AsyncSession], photos: tuple[str, ...], where: bool
) -> str:
    async with factory() as session:
        author = User(telegram_id=4242, language="de", telegram_language="de")
        session.add(author)
        await session.commit()
        draft = IdeaDraft(
            "transport", "walsum", "Ein Wartehäuschen an der Haltestelle Walsum Rathaus.",
            photos, *((51.52876, 6.71539) if where else (None, None)),
        )  # fmt: skip
        idea = await ideas.submit(session, FixedClock(NOW), author, draft, per_day=5)
        return idea.reference


async def test_a_photo_comes_from_telegram_to_the_browser_and_the_place_links_the_map(
    client: TestClient,  # type: ignore[type-arg]
    factory: async_sessionmaker[AsyncSession],
    telegram: FakeBotAPI,
) -> None:
    stored = telegram.put_file(TOKEN, JPEG, "photo", "haltestelle.jpg", "image/jpeg")
    reference = await an_idea(factory, (stored.file_id,), where=True)
    await sign_in(client, factory, MODERATOR)

    shown = await (await client.get(f"/ideas/{reference}?lang=en")).text()
    assert f'<img src="/ideas/{reference}/photo/0" alt="Photo 1 of 1"' in shown
    assert (
        'href="https://www.openstreetmap.org/?mlat=51.52876&amp;mlon=6.71539'
        '#map=17/51.52876/6.71539"' in shown
    )
    assert TOKEN not in shown and stored.file_id not in shown

    photo = await client.get(f"/ideas/{reference}/photo/0")
    assert photo.status == 200 and await photo.read() == JPEG
    assert photo.headers["Content-Type"] == "image/jpeg"
    assert photo.headers["Cache-Control"] == "private, no-store"
    assert "frame-ancestors 'none'" in photo.headers["Content-Security-Policy"]
    assert (await client.get(f"/ideas/{reference}/photo/1")).status == 404


async def test_an_idea_without_photos_or_place_shows_neither(
    client: TestClient,  # type: ignore[type-arg]
    factory: async_sessionmaker[AsyncSession],
) -> None:
    reference = await an_idea(factory, (), where=False)
    await sign_in(client, factory, MODERATOR)
    shown = await (await client.get(f"/ideas/{reference}?lang=en")).text()
    assert "<img" not in shown and "openstreetmap" not in shown
    assert (await client.get(f"/ideas/{reference}/photo/0")).status == 404


async def test_a_photo_telegram_no_longer_has_is_a_bad_gateway_without_the_token(
    client: TestClient,  # type: ignore[type-arg]
    factory: async_sessionmaker[AsyncSession],
) -> None:
    reference = await an_idea(factory, ("AgACAgIAAxkBAAI-gone",), where=False)
    await sign_in(client, factory, MODERATOR)
    photo = await client.get(f"/ideas/{reference}/photo/0")
    assert photo.status == 502 and TOKEN not in await photo.text()


async def test_without_a_bot_token_a_photo_is_unavailable_and_says_why(
    factory: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    settings = Settings(database_url=database_url, admin_ids=[ADMIN])  # type: ignore[call-arg]
    async with factory() as session:
        await StaffService(session, [ADMIN], FixedClock(NOW)).set_role(
            MODERATOR, "moderator", actor=ADMIN
        )
    app = dashboard_app(settings, FixedClock(NOW), factory, build_i18n("de"))  # no BOT_TOKEN
    reference = await an_idea(factory, ("AgACAgIAAxkBAAI-kept",), where=False)
    async with TestClient(TestServer(app)) as tokenless:
        await sign_in(tokenless, factory, MODERATOR)
        photo = await tokenless.get(f"/ideas/{reference}/photo/0")
        assert photo.status == 503 and "BOT_TOKEN" in await photo.text()

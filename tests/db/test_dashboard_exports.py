"""The dashboard's CSV and XLSX downloads: the ideas CSV has the German text the configured provider
stored, its audit entry names the filters and the rows handed out, and the download links
keep filter values with "#" or "&" whole; the ideas XLSX has the same filtered rows, no author."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import AsyncIterator
from urllib.parse import parse_qs, urlsplit

import pytest
from aiohttp.test_utils import TestClient, TestServer
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.dashboard.serve import dashboard_app
from bot.i18n import build_i18n
from bot.services.ideas import export as idea_export
from bot.services.ideas import lifecycle as ideas
from bot.services.ideas.lifecycle import IdeaDraft
from bot.services.staff import StaffService
from bot.services.translation import cache
from bot.services.translation.engine import Provider
from db.models import StaffAudit, User
from tests.db import dashboard_support as support
from tests.db.dashboard_support import ADMIN, MODERATOR, NOW, sign_in
from tests.db.support import FixedClock

factory = support.factory  # the fixture, used by name
TURKISH = "Walsum'a daha fazla otobüs, akşamları da."
GERMAN = "Mehr Busse nach Walsum, auch abends."


@pytest.fixture
async def client(
    factory: async_sessionmaker[AsyncSession], database_url: str
) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    """A dashboard whose TRANSLATE_PROVIDER is LibreTranslate (never asked: only its cache)."""
    clock = FixedClock(NOW)
    settings = Settings(  # type: ignore[call-arg]
        database_url=database_url, admin_ids=[ADMIN], translate_provider="libretranslate",
        translate_url="http://127.0.0.1:9",
    )  # fmt: skip
    async with factory() as session:
        await StaffService(session, [ADMIN], clock).set_role(MODERATOR, "moderator", actor=ADMIN)
    app = dashboard_app(settings, clock, factory, build_i18n("de"))
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


async def hand_in(session: AsyncSession, telegram_id: int, language: str, text: str) -> str:
    author = User(telegram_id=telegram_id, language=language, telegram_language=language)
    session.add(author)
    await session.commit()
    draft = IdeaDraft("transport", "walsum", text)
    idea = await ideas.submit(session, FixedClock(NOW), author, draft, per_day=5)
    return idea.reference


async def test_the_ideas_csv_has_the_stored_german_text_and_its_audit_the_filters(
    client: TestClient, factory: async_sessionmaker[AsyncSession],  # type: ignore[type-arg]
) -> None:  # fmt: skip
    async with factory() as session:
        turkish = await hand_in(session, 4242, "tr", TURKISH)
        await hand_in(session, 4343, "de", "Mehr Bänke am Rheinpark, bitte auch mit Lehne.")
        await cache.store(session, Provider.LIBRETRANSLATE, TURKISH, "tr", "de", GERMAN, None)
        await session.commit()
    await sign_in(client, factory, MODERATOR)
    response = await client.get("/ideas.csv?language=tr")
    assert response.status == 200
    rows = list(csv.DictReader(io.StringIO((await response.text()).lstrip("\ufeff"))))
    assert [(row["reference"], row["text_de"]) for row in rows] == [(turkish, GERMAN)]
    assert "LibreTranslate" in rows[0]["translated_by"]
    async with factory() as session:
        entry = await session.scalar(
            select(StaffAudit.after).where(StaffAudit.action == "export.ideas")
        )
    assert entry is not None
    details = json.loads(entry)
    assert details["filters"] == {"language": "tr"} and details["rows"] == 1


async def test_the_ideas_xlsx_has_the_filtered_rows_without_the_author_and_is_audited(
    client: TestClient, factory: async_sessionmaker[AsyncSession],  # type: ignore[type-arg]
) -> None:  # fmt: skip
    async with factory() as session:
        turkish = await hand_in(session, 4242, "tr", '=HYPERLINK("http://x") ' + TURKISH)
        await hand_in(session, 4343, "de", "Mehr Bänke am Rheinpark, bitte auch mit Lehne.")
    await sign_in(client, factory, MODERATOR)
    response = await client.get("/ideas.xlsx?language=tr")
    assert response.status == 200
    assert "ideas.xlsx" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(await response.read()))["ideas"]
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header == list(idea_export.COLUMNS)
    assert not {"telegram_id", "user_id", "author", "username"} & set(header)
    assert [(row[header.index("reference")], row[header.index("language")]) for row in rows] == [
        (turkish, "tr")
    ]
    text_cell = sheet.cell(row=2, column=header.index("text") + 1)
    assert text_cell.data_type == "s" and str(text_cell.value).startswith("=HYPERLINK")
    assert "4242" not in [str(value) for value in rows[0]]
    async with factory() as session:
        entry = await session.scalar(
            select(StaffAudit.after).where(StaffAudit.action == "export.ideas")
        )
    assert entry is not None
    details = json.loads(entry)
    assert (details["form"], details["filters"], details["rows"]) == ("xlsx", {"language": "tr"}, 1)


async def test_a_download_link_keeps_a_filter_value_with_hash_and_ampersand_whole(
    client: TestClient, factory: async_sessionmaker[AsyncSession],  # type: ignore[type-arg]
) -> None:  # fmt: skip
    await sign_in(client, factory, MODERATOR)
    page = await (await client.get("/ideas", params={"topic": "a#b&c", "language": "tr"})).text()
    found = re.search(r'href="(/ideas\.csv\?[^"]*)"', page)
    assert found is not None
    query = parse_qs(urlsplit(html.unescape(found.group(1))).query)
    assert query == {"topic": ["a#b&c"], "language": ["tr"]}

"""The overview's "new residents per week": the last 12 weeks, Monday to Sunday in Berlin time,
as a server-rendered SVG with every week's number in text."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from aiohttp.test_utils import TestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import User
from tests.conftest import sqlite_only
from tests.db import dashboard_support as support
from tests.db.dashboard_support import MODERATOR, sign_in

factory, client = support.factory, support.client  # the fixtures, used by name
pytestmark = sqlite_only  # counted in Python from one query: the database doesn't matter

JOINED = [  # NOW is Monday 2026-12-07 10:00 in Berlin
    *[datetime(2026, 12, 7, 8, tzinfo=UTC)] * 3,  # this week
    datetime(2026, 12, 6, 23, 30, tzinfo=UTC),  # 00:30 on Monday in Berlin: this week too
    *[datetime(2026, 12, 6, 22, 30, tzinfo=UTC)] * 2,  # 23:30 on Sunday: the week before
    datetime(2026, 9, 21, 12, tzinfo=UTC),  # the oldest week shown
    datetime(2026, 9, 20, 12, tzinfo=UTC),  # a Sunday before it: not shown
]


async def test_the_overview_charts_new_residents_per_berlin_week(
    client: TestClient,  # type: ignore[type-arg]
    factory: async_sessionmaker[AsyncSession],
) -> None:
    async with factory() as session:
        session.add_all(
            User(telegram_id=5000 + n, language="de", created_at=moment)
            for n, moment in enumerate(JOINED)
        )
        await session.commit()
    await sign_in(client, factory, MODERATOR)
    page = await (await client.get("/?lang=en")).text()
    chart = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert '<title id="weeks-title">New residents per week</title>' in chart
    labels = re.findall(r'font-size="12">([^<]+)</text>', chart)
    counts = re.findall(r'text-anchor="middle">(\d+)</text>', chart)
    assert labels[0] == "9/21" and labels[-2:] == ["11/30", "12/7"] and len(labels) == 12
    assert counts == ["1", *["0"] * 9, "2", "4"]
    assert "<script" not in page and "style=" not in chart
    german = await (await client.get("/?lang=de")).text()
    assert 'font-size="12">7.12.</text>' in german

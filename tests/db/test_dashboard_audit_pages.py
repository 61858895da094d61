"""The audit log in pages of 50: previous/next keep the filters and the order, and the CSV holds
every entry the filters match, not just one page."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import timedelta

from aiohttp.test_utils import TestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.services import audit
from bot.services.audit import AuditAction
from tests.conftest import sqlite_only
from tests.db import dashboard_support as support
from tests.db.dashboard_support import ADMIN, NOW, sign_in

factory, client = support.factory, support.client  # the fixtures, used by name
pytestmark = sqlite_only  # paging is the page's, not the database's


def targets(page: str) -> list[str]:
    """The target column of the page's table, top to bottom."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body.replace("\n", ""))
    return [re.findall(r"<td[^>]*>(.*?)</td>", row)[3] for row in rows]


def link(page: str, rel: str) -> str | None:
    found = re.search(rf'<a href="\?([^"]+)" rel="{rel}">', page)
    return html.unescape(found.group(1)) if found else None


async def test_the_audit_log_pages_by_fifty_keeping_filters_and_the_csv_has_them_all(
    client: TestClient,  # type: ignore[type-arg]
    factory: async_sessionmaker[AsyncSession],
) -> None:
    async with factory() as session:
        for number in range(1, 121):  # staff:1 the oldest, staff:120 the newest
            audit.record(
                session, actor=ADMIN, action=AuditAction.STAFF_REMOVE,
                target=f"staff:{number}", at=NOW + timedelta(minutes=number),
            )  # fmt: skip
        await session.commit()
    await sign_in(client, factory, ADMIN)

    first = await (await client.get("/audit?action=staff.remove&lang=en")).text()
    assert targets(first) == [f"staff:{n}" for n in range(120, 70, -1)]
    assert "Page 1 of 3 (entries: 120)" in first and link(first, "prev") is None
    assert link(first, "next") == "action=staff.remove&lang=en&page=2"
    last = await (await client.get("/audit?action=staff.remove&lang=en&page=3")).text()
    assert targets(last) == [f"staff:{n}" for n in range(20, 0, -1)]
    assert link(last, "next") is None and link(last, "prev") == "action=staff.remove&lang=en&page=2"

    # Sorted by target (as text), the second page continues that order; a sort link starts over.
    ordered = sorted((f"staff:{n}" for n in range(1, 121)), key=str.casefold)
    second = await (await client.get("/audit?action=staff.remove&sort=target&page=2")).text()
    assert targets(second) == ordered[50:100]
    assert link(second, "next") == "action=staff.remove&sort=target&dir=asc&page=3"
    assert 'href="?action=staff.remove&amp;sort=time&amp;dir=asc"' in second

    beyond = await (await client.get("/audit?action=staff.remove&page=99")).text()
    assert targets(beyond) == targets(last)  # past the end: the last page

    rows = list(csv.reader(io.StringIO(await (await client.get(
        "/audit.csv?action=staff.remove&page=2"
    )).text())))  # fmt: skip
    assert [row[3] for row in rows[1:]] == [f"staff:{n}" for n in range(1, 121)]

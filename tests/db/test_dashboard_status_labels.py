"""Staff read poll and meeting statuses and a meeting's district in their page's language (the
chat's own words), not the stored codes ("open", "cancelled", "hamborn")."""

from __future__ import annotations

import re

from aiohttp.test_utils import TestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.db import dashboard_support as support
from tests.db.dashboard_support import EDITOR, sign_in
from tests.db.test_dashboard_pages import meeting_with_two, poll_with_votes

factory, client = support.factory, support.client  # the fixtures, used by name
Factory = async_sessionmaker[AsyncSession]


def row_cells(page: str, link: str) -> list[str]:
    """The text of each cell in the table row that holds `link`."""
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", page.replace("\n", "")) if link in r)
    return [
        re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)
    ]


async def test_poll_statuses_in_german_and_english(
    client: TestClient, factory: Factory, database_url: str
) -> None:
    poll_id = await poll_with_votes(factory, database_url)
    csrf = await sign_in(client, factory, EDITOR)
    link = f'href="/polls/{poll_id}"'
    assert row_cells(await (await client.get("/polls")).text(), link)[1] == "offen"
    assert row_cells(await (await client.get("/polls?lang=en")).text(), link)[1] == "open"
    page = await (await client.get(f"/polls/{poll_id}")).text()
    assert f"Umfrage {poll_id} · offen ·" in page

    closed = await client.post(f"/polls/{poll_id}/close", data={"csrf": csrf})
    assert closed.status == 200
    assert row_cells(await (await client.get("/polls")).text(), link)[1] == "beendet"


async def test_meeting_status_and_district_in_german_and_english(
    client: TestClient, factory: Factory
) -> None:
    meeting_id = await meeting_with_two(factory)
    csrf = await sign_in(client, factory, EDITOR)
    link = f"/meetings/{meeting_id}/qr.png"
    german = row_cells(await (await client.get("/meetings")).text(), link)
    assert german[2:4] == ["veröffentlicht", "Hamborn"]
    assert row_cells(await (await client.get("/meetings?lang=en")).text(), link)[2] == "published"
    feedback = await (await client.get(f"/meetings/{meeting_id}/feedback")).text()
    assert "· Hamborn</p>" in feedback

    sure = {"csrf": csrf, "confirm": "yes"}
    await client.post(f"/meetings/{meeting_id}/cancel", data=sure, allow_redirects=False)
    assert row_cells(await (await client.get("/meetings")).text(), link)[2] == "abgesagt"

"""Staff read an idea's status, topic, place, decisions and decline reasons in their page's
language (the chat's own words), while the forms still send the stored codes."""

from __future__ import annotations

import re

from aiohttp.test_utils import TestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.services.ideas import lifecycle as ideas
from bot.services.ideas.lifecycle import IdeaDraft
from db.models import User
from tests.db import dashboard_support as support
from tests.db.dashboard_support import MODERATOR, NOW, sign_in
from tests.db.support import FixedClock

factory, client = support.factory, support.client  # the fixtures, used by name


def cells(html: str) -> list[str]:
    """The text of every table cell."""
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", html)]


def choices(html: str, name: str) -> dict[str, str]:
    """value -> visible label of a form's radio buttons or options called `name`."""
    if name == "action":
        found = re.findall(r'name="action" value="(\w+)" required> ([^<]+)</label>', html)
    else:
        select = html.split(f'<select name="{name}">', 1)[1].split("</select>", 1)[0]
        found = re.findall(r'<option value="(\w+)"[^>]*>([^<]+)</option>', select)
    return {value: label.strip() for value, label in found}


async def test_statuses_decisions_and_reasons_in_german_and_english(
    client: TestClient, factory: async_sessionmaker[AsyncSession]
) -> None:
    async with factory() as session:
        author = User(telegram_id=4343, language="de", telegram_language="de")
        session.add(author)
        await session.commit()
        draft = IdeaDraft("transport", "walsum", "Mehr Busse nach Walsum, auch abends.")
        reference = (
            await ideas.submit(session, FixedClock(NOW), author, draft, per_day=5)
        ).reference
    await sign_in(client, factory, MODERATOR)

    table = await (await client.get("/ideas")).text()
    assert cells(table)[1:4] == ["Eingereicht", "Verkehr", "Walsum"]
    filters = choices(table, "status")
    assert filters["submitted"] == "Eingereicht" and filters["in_review"] == "In Prüfung"

    page = await (await client.get(f"/ideas/{reference}")).text()
    assert '<p class="meta">Eingereicht' in page and "· Verkehr · Walsum ·" in page
    decisions = choices(page, "action")
    assert decisions["publish"] == "Veröffentlichen" and decisions["decline"] == "Ablehnen"
    assert choices(page, "reason")["duplicate"] == "Schon vorgeschlagen"

    english = await (await client.get(f"/ideas/{reference}?lang=en")).text()
    assert choices(english, "action")["publish"] == "Publish"
    assert choices(english, "reason")["duplicate"] == "Already suggested"

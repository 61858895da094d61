"""Sortable tables: a header link sorts the ideas queue, polls, meetings and the audit log on
the server (ascending, then descending, aria-sort on the sorted column, filters kept); a made-up
column or direction shows the default order."""

from __future__ import annotations

import html
import re
from datetime import timedelta

from aiohttp.test_utils import TestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.i18n import build_i18n
from bot.presentation.meetings import notice_renderer
from bot.services.ideas import lifecycle as ideas
from bot.services.ideas.lifecycle import IdeaDraft
from bot.services.meetings import lifecycle as meetings
from bot.services.meetings.lifecycle import MeetingInput
from bot.services.polls import lifecycle as polls
from db.models import User
from tests.db import dashboard_support as support
from tests.db.dashboard_support import ADMIN, EDITOR, NOW, sign_in
from tests.db.support import FixedClock
from tests.db.test_polls import draft

factory, client = support.factory, support.client  # the fixtures, used by name
Factory = async_sessionmaker[AsyncSession]
IDEAS = [
    ("mitte", "Bänke am Rheinpark, bitte auch mit Lehne."),
    ("walsum", "Abends mehr Busse nach Walsum, auch sonntags."),
    ("hamborn", "Cafés am Altmarkt länger offen, auch im Winter."),
]


async def hand_in_ideas(factory: Factory) -> list[str]:
    references = []
    async with factory() as session:
        for n, (district, text) in enumerate(IDEAS):
            author = User(telegram_id=5000 + n, language="de", telegram_language="de")
            session.add(author)
            await session.commit()
            idea = await ideas.submit(
                session, FixedClock(NOW), author, IdeaDraft("transport", district, text), per_day=5
            )
            references.append(idea.reference)
    return references


def column(page: str, pattern: str) -> list[str]:
    return re.findall(pattern, page.replace("\n", ""))


async def test_the_ideas_queue_sorts_by_a_column_both_ways_and_ignores_a_made_up_one(
    client: TestClient,  # type: ignore[type-arg]
    factory: Factory,
) -> None:
    first, second, third = await hand_in_ideas(factory)
    await sign_in(client, factory, ADMIN)
    pattern = r'<td><a href="/ideas/(I-[0-9-]+)">'
    default = column(await (await client.get("/ideas")).text(), pattern)
    assert sorted(default) == sorted([first, second, third])
    page = await (await client.get("/ideas?sort=text&dir=asc&topic=transport")).text()
    assert column(page, pattern) == [second, first, third]  # Abends, Bänke, Cafés
    assert '<th scope="col" aria-sort="ascending">' in page
    # The sorted header's link flips the direction and keeps the filter.
    link = re.search(r'aria-sort="ascending"><a href="\?([^"]*)"', page)
    assert link is not None and html.unescape(link.group(1)) == "topic=transport&sort=text&dir=desc"
    page = await (await client.get("/ideas?sort=district&dir=desc")).text()
    assert column(page, pattern) == [second, first, third]  # walsum, mitte, hamborn
    assert 'aria-sort="descending"' in page
    for bogus in ("sort=author&dir=asc", "sort=text&dir=sideways", "sort=__class__"):
        response = await client.get(f"/ideas?{bogus}")
        assert response.status == 200
        page = await response.text()
        assert column(page, pattern) == default and "aria-sort" not in page


async def test_polls_meetings_and_the_audit_log_sort_by_their_columns(
    client: TestClient,  # type: ignore[type-arg]
    factory: Factory,
) -> None:
    clock = FixedClock(NOW)
    render = notice_renderer(build_i18n("de"), Settings().zone)  # type: ignore[call-arg]
    async with factory() as session:
        soon = await polls.create(session, clock, draft(closes_at=NOW + timedelta(days=2)), 1)
        later = await polls.create(session, clock, draft(closes_at=NOW + timedelta(days=9)), 1)
        made = []
        for district, days in (("walsum", 3), ("hamborn", 5)):
            starts = NOW + timedelta(days=days)
            data = MeetingInput(
                title={"de": f"Bürgerforum {district}"}, district=district, venue="Rathaus",
                address="Duisburger Str. 213", starts=starts, ends=starts + timedelta(hours=2),
                capacity=10,
            )  # fmt: skip
            meeting = await meetings.create(session, clock, data, created_by=EDITOR)
            await meetings.publish(session, clock, meeting, render, "de", actor=EDITOR)
            made.append(meeting.id)
        await session.commit()
    await sign_in(client, factory, ADMIN)
    poll_ids = r'<td><a href="/polls/([0-9]+)">'
    page = await (await client.get("/polls?sort=closes&dir=desc")).text()
    assert column(page, poll_ids) == [str(later.id), str(soon.id)]
    page = await (await client.get("/polls?sort=closes&dir=asc")).text()
    assert column(page, poll_ids) == [str(soon.id), str(later.id)]
    titles = r'<td dir="auto">Bürgerforum ([a-z]+)</td>'
    page = await (await client.get("/meetings?sort=district&dir=asc")).text()
    assert column(page, titles) == ["hamborn", "walsum"]
    page = await (await client.get("/meetings?sort=starts&dir=asc")).text()
    assert column(page, titles) == ["walsum", "hamborn"]
    assert 'aria-sort="ascending"><a href="?sort=starts&amp;dir=desc">' in page
    actions = r"<td>[^<]*</td><td>([a-z_.]+)</td>"
    page = await (await client.get("/audit?sort=action&dir=asc")).text()
    found = column(page, actions)
    assert len(found) > 2 and found == sorted(found) and len(set(found)) > 1
    page = await (await client.get("/audit?sort=action&dir=desc")).text()
    assert column(page, actions) == sorted(found, reverse=True)
    assert (await client.get("/audit?sort=before")).status == 200  # not a sortable column

"""A meeting's feedback page: ratings 1–5 with counts below 5 hidden (and any count that would
give one away), the comments' text without their authors; too few ratings show no counts."""

from __future__ import annotations

import re
from datetime import timedelta

from aiohttp.test_utils import TestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.services.meetings import lifecycle as meetings
from bot.services.meetings.lifecycle import MeetingInput
from db.models import MeetingFeedback, User
from tests.db import dashboard_support as support
from tests.db.dashboard_support import EDITOR, NOW, sign_in
from tests.db.support import FixedClock

factory, client = support.factory, support.client  # the fixtures, used by name
Factory = async_sessionmaker[AsyncSession]


async def rated(factory: Factory, ratings: list[int], comments: dict[int, str]) -> int:
    """A past meeting rated by one resident per entry (comments by position)."""
    starts = NOW - timedelta(days=2)
    data = MeetingInput(
        title={"de": "Bürgerforum Walsum"}, district="walsum", venue="Rathaus",
        address="Friedrich-Ebert-Str. 152", starts=starts, ends=starts + timedelta(hours=2),
        capacity=50,
    )  # fmt: skip
    async with factory() as session:
        meeting = await meetings.create(
            session, FixedClock(starts - timedelta(days=9)), data, created_by=EDITOR
        )
        for n, rating in enumerate(ratings):
            user = User(
                telegram_id=8100 + 100 * meeting.id + n, language="de", telegram_language="de"
            )
            session.add(user)
            await session.flush()
            session.add(MeetingFeedback(meeting_id=meeting.id, user_id=user.id, rating=rating,
                                        comment=comments.get(n), created_at=NOW))  # fmt: skip
        await session.commit()
        return meeting.id


def cells(page: str) -> dict[str, str]:
    rows = re.findall(r'<th scope="row">([^<]+)</th><td>([^<]+)</td>', page)
    return dict(rows)


async def test_feedback_shows_large_counts_hides_small_ones_and_comments_without_authors(
    client: TestClient,  # type: ignore[type-arg]
    factory: Factory,
) -> None:
    ratings = [5] * 6 + [4] * 7 + [3] * 2 + [1]
    meeting_id = await rated(
        factory, ratings, {0: "Gute Moderation, zu wenig Zeit.", 14: "<b>Laut</b>"}
    )
    await sign_in(client, factory, EDITOR)
    response = await client.get(f"/meetings/{meeting_id}/feedback?lang=en")
    assert response.status == 200
    page = await response.text()
    shown = cells(page)
    assert (shown["5 / 5"], shown["4 / 5"], shown["Total"]) == ("6", "7", "16")
    assert {shown["1 / 5"], shown["2 / 5"], shown["3 / 5"]} == {"•"}
    assert "Gute Moderation, zu wenig Zeit." in page and "&lt;b&gt;Laut&lt;/b&gt;" in page
    assert str(8100 + 100 * meeting_id) not in page
    listing = await (await client.get("/meetings")).text()
    assert f'href="/meetings/{meeting_id}/feedback"' in listing


async def test_one_small_cell_beside_the_total_is_not_given_away_and_few_ratings_show_none(
    client: TestClient,  # type: ignore[type-arg]
    factory: Factory,
) -> None:
    # Every rating 5 times or more but a single 4: with the total shown, the 4 would be the
    # total minus the others, so one more count is hidden.
    meeting_id = await rated(factory, [1] * 5 + [2] * 5 + [3] * 5 + [4] + [5] * 6, {})
    await sign_in(client, factory, EDITOR)
    page = await (await client.get(f"/meetings/{meeting_id}/feedback?lang=en")).text()
    shown = cells(page)
    assert shown["4 / 5"] == "•" and list(shown.values()).count("•") == 2
    assert "No comments yet." in page
    few = await rated(factory, [5, 4, 4], {})
    page = await (await client.get(f"/meetings/{few}/feedback?lang=en")).text()
    assert "Too few ratings to show" in page and not cells(page)
    assert (await client.get("/meetings/999999/feedback")).status == 404

"""The staff audit log on both databases: each staff use case records itself; old entries go."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.audience import Audience
from bot.services.campaigns import lifecycle as campaigns
from bot.services.campaigns.lifecycle import Draft
from bot.services.ideas import lifecycle as ideas
from bot.services.ideas.lifecycle import IdeaDraft
from bot.services.ideas.moderation import Decision, decide
from db.models import User
from db.repositories import audit as repo
from tests.db.support import FixedClock


async def entries(session: AsyncSession) -> list[tuple[int, str, str, object, object]]:
    return [
        (e.actor, e.action, e.target, json.loads(e.before or "null"), json.loads(e.after or "null"))
        for e in await repo.since(session, None)
    ]


async def test_announcements_and_idea_decisions_are_logged(session: AsyncSession) -> None:
    clock = FixedClock(datetime(2026, 11, 2, 9, tzinfo=UTC))
    draft = Draft({"de": "Hallo"}, Audience(), send_at=clock.now() + timedelta(hours=1))
    campaign = await campaigns.create(session, clock, draft, 900)
    assert await campaigns.cancel(session, clock, campaign.id, actor=901)
    assert not await campaigns.cancel(session, clock, campaign.id, actor=901)  # no change: no log
    author = User(telegram_id=4711)
    session.add(author)
    await session.commit()
    idea = await ideas.submit(
        session,
        clock,
        author,
        IdeaDraft("transport", "walsum", "Mehr Busse nach Walsum, bitte auch abends."),
        per_day=5,
    )
    await decide(session, clock, idea.id, Decision("publish", 950), lambda *a: "x", "de")
    logged = await entries(session)
    assert [entry[:3] for entry in logged] == [
        (900, "announcement.create", f"campaign:{campaign.id}"),
        (901, "announcement.cancel", f"campaign:{campaign.id}"),
        (950, "idea.publish", f"idea:{idea.reference}"),
    ]
    assert logged[0][4]["languages"] == ["de"] and logged[0][4]["status"] == "scheduled"
    assert logged[1][3:] == ({"status": "scheduled"}, {"status": "cancelled"})
    assert logged[2][3] == {"status": "submitted"} and logged[2][4]["status"] == "published"


async def test_since_and_pruning_by_age(session: AsyncSession) -> None:
    from bot.services import audit

    for day in (1, 10, 20):
        moment = datetime(2026, 1, day, tzinfo=UTC)
        audit.record(session, actor=1, action="staff.add", target=f"staff:{day}", at=moment)
    await session.commit()
    recent = await repo.since(session, datetime(2026, 1, 10, tzinfo=UTC))
    assert [e.target for e in recent] == ["staff:10", "staff:20"]
    assert await repo.prune_before(session, datetime(2026, 1, 15, tzinfo=UTC)) == 2
    await session.commit()
    assert [e[2] for e in await entries(session)] == ["staff:20"]

"""A published idea the leaving person chose to keep stays, with nothing left that points to them:
no user, and no draft key (it starts with their user id); their unpublished ideas go."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ideas.card_translation import StaffCard
from bot.services.ideas.erasure import StaffChatTexts
from bot.services.personal_data import rights as personal_data
from db.models import Idea, User
from tests.db.support import FixedClock

NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)
STAFF = StaffChatTexts(
    lambda reference: f"{reference} removed",
    StaffCard(lambda idea, shown: {"text": "card"}, "none", "de"),
)


async def test_a_kept_idea_keeps_nothing_that_points_to_the_person(session: AsyncSession) -> None:
    person = User(telegram_id=7001)
    session.add(person)
    await session.flush()
    for number, status in ((1, "published"), (2, "submitted")):
        session.add(Idea(reference=f"I-2026-{number:04d}", year=2026, number=number,
                         topic="environment", district="mitte", text="Mehr Bäume",
                         user_id=person.id, status=status, created_at=NOW,
                         draft_key=f"{person.id}:draft-{number}"))  # fmt: skip
    await session.commit()
    how = personal_data.Erasure(
        b"k", FixedClock(NOW), lambda *a: {"text": "x"}, "de", STAFF, "[removed]"
    )
    assert await personal_data.erase(session, person, how, keep_public_ideas=True) == 1
    rows = (await session.execute(select(Idea.reference, Idea.user_id, Idea.draft_key))).all()
    assert [tuple(row) for row in rows] == [("I-2026-0001", None, None)]

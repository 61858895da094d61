"""Erasing a resident deletes their ballot in a Bürgerhaushalt still voting (stored under a keyed
hash of their Telegram id); a neighbour's ballot stays."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.budget import voters
from bot.services.ideas.card_translation import StaffCard
from bot.services.ideas.erasure import StaffChatTexts
from bot.services.personal_data import rights as personal_data
from db.models import BallotSource, BudgetBallot, BudgetPhase, BudgetProcess, User
from tests.db.support import FixedClock

NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)
STAFF = StaffChatTexts(
    lambda reference: f"{reference} removed",
    StaffCard(lambda idea, shown: {"text": "card"}, "none", "de"),
)


async def test_the_erased_residents_ballot_goes_and_the_neighbours_stays(
    session: AsyncSession,
) -> None:
    person, neighbour = User(telegram_id=7201), User(telegram_id=7202)
    process = BudgetProcess(title='{"de": "Bürgerhaushalt Hamborn"}', district="hamborn",
                            budget=500_000, phase=BudgetPhase.VOTING, created_by=0)  # fmt: skip
    session.add_all([person, neighbour, process])
    await session.flush()
    for telegram_id in (7201, 7202):
        voter = voters.voter_key(b"k", process.id, telegram_id)
        await voters.store(session, process.id, voter, [], BallotSource.CHAT)
    await session.commit()
    how = personal_data.Erasure(
        b"k", FixedClock(NOW), lambda *a: {"text": "x"}, "de", STAFF, "[removed]"
    )
    await personal_data.erase(session, person, how, keep_public_ideas=False)
    left = (await session.execute(select(BudgetBallot.voter))).scalars().all()
    assert left == [voters.voter_key(b"k", process.id, 7202)]

"""What staff see of a meeting's feedback: the rating distribution with small cells hidden
(the polls' rule, bot.services.polls.suppression) and the comments without their authors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.polls.suppression import Mark, protect
from db.repositories import meeting_feedback as repo

RATINGS = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class FeedbackReport:
    """`shown`: per rating 1–5 then the number of ratings, as shown ("•" hidden); None when
    there are too few ratings to show any count without giving one away."""

    shown: Sequence[str] | None
    comments: Sequence[str]


async def report(session: AsyncSession, meeting_id: int) -> FeedbackReport:
    counts = await repo.rating_counts(session, meeting_id)
    row = [counts.get(rating, 0) for rating in RATINGS]
    # The number of ratings is shown too and is the row's sum: one hidden cell beside it would
    # be that sum minus the others, so the polls' rule hides more until none can be worked out.
    grid = protect([[*row, sum(row)]], rows_add_up=True, column_totals=False)
    # Nothing but hidden cells says nothing: the page says there are too few instead.
    shown = grid[0] if grid and any(cell != Mark.HIDDEN for cell in grid[0]) else None
    return FeedbackReport(shown, await repo.comments(session, meeting_id))

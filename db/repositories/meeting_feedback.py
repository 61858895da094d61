"""Queries on meeting feedback for staff: counts per rating and the comments' text (no author)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import MeetingFeedback


async def rating_counts(session: AsyncSession, meeting_id: int) -> dict[int, int]:
    """How many residents gave each rating (ratings nobody gave are missing)."""
    query = (
        select(MeetingFeedback.rating, func.count())
        .where(MeetingFeedback.meeting_id == meeting_id)
        .group_by(MeetingFeedback.rating)
    )
    return {int(rating): int(count) for rating, count in (await session.execute(query)).all()}


async def comments(session: AsyncSession, meeting_id: int) -> Sequence[str]:
    """The comments' text only, oldest first; who wrote one is never selected."""
    query = (
        select(MeetingFeedback.comment)
        .where(MeetingFeedback.meeting_id == meeting_id, MeetingFeedback.comment.is_not(None))
        .order_by(MeetingFeedback.created_at, MeetingFeedback.comment)
    )
    return [text for text in (await session.scalars(query)).all() if text]

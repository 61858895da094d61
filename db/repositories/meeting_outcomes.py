"""Queries on meeting outcomes (what came out of a meeting)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Meeting, MeetingOutcome
from db.sqlite_writes import hold_write_lock


async def get(
    session: AsyncSession, meeting_id: int, *, lock: bool = False
) -> MeetingOutcome | None:
    """A meeting's outcome; `lock`: read afresh under a lock held until the transaction ends
    (so two staff members pressing "send" at once send it once)."""
    query = select(MeetingOutcome).where(MeetingOutcome.meeting_id == meeting_id)
    if lock:
        await hold_write_lock(session)
        query = query.with_for_update().execution_options(populate_existing=True)
    return (await session.execute(query)).scalar_one_or_none()


async def public(session: AsyncSession, meeting_id: int) -> tuple[Meeting, MeetingOutcome] | None:
    """The meeting and its outcome if staff published the outcome, else None."""
    query = (
        select(Meeting, MeetingOutcome)
        .join(MeetingOutcome, MeetingOutcome.meeting_id == Meeting.id)
        .where(Meeting.id == meeting_id, MeetingOutcome.public.is_(True))
    )
    row = (await session.execute(query)).one_or_none()
    return (row[0], row[1]) if row is not None else None


async def sent_ids(session: AsyncSession, meeting_ids: list[int]) -> set[int]:
    """Which of these meetings have an outcome that was sent (residents may read it)."""
    if not meeting_ids:
        return set()
    query = select(MeetingOutcome.meeting_id).where(
        MeetingOutcome.meeting_id.in_(meeting_ids), MeetingOutcome.sent_at.is_not(None)
    )
    return set((await session.execute(query)).scalars())

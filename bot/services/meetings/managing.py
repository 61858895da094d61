"""Editors manage meetings in the bot: the list, one meeting with its counts (no names),
a new meeting from /newmeeting, publishing a draft. Each change is one transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.clock import Clock
from bot.services.meetings.lifecycle import (
    MeetingError,
    MeetingInput,
    NoticeRenderer,
    create,
    publish,
)
from db.models import Meeting
from db.repositories import meetings as repo


async def not_ended(session: AsyncSession, clock: Clock) -> list[Meeting]:
    """Meetings that have not ended, drafts and cancelled ones included, soonest first."""
    now = clock.now()
    return [meeting for meeting in await repo.all_meetings(session) if meeting.ends_at > now]


async def with_attendance(session: AsyncSession) -> list[tuple[Meeting, dict[str, Any]]]:
    """Every meeting, soonest first, with its counts (registered, waiting, …; no names)."""
    return [
        (meeting, await repo.attendance(session, meeting.id))
        for meeting in await repo.all_meetings(session)
    ]


async def get(session: AsyncSession, meeting_id: int) -> Meeting | None:
    """One meeting by id, whatever its status."""
    return await repo.get(session, meeting_id)


async def attendance(session: AsyncSession, meeting_id: int) -> dict[str, Any]:
    """Counts only: registered, waiting, cancelled, feedback count and average rating."""
    return await repo.attendance(session, meeting_id)


async def save_new(
    session: AsyncSession, clock: Clock, data: MeetingInput, *, created_by: int,
    publish_now: bool, render: NoticeRenderer, default_language: str,
) -> Meeting:  # fmt: skip
    """Store a new meeting as a draft, or publish it at once (subscribers told); committed."""
    meeting = await create(session, clock, data, created_by=created_by)
    if publish_now:
        await publish(session, clock, meeting, render, default_language, actor=created_by)
    await session.commit()
    return meeting


async def publish_draft(
    session: AsyncSession, clock: Clock, meeting_id: int, render: NoticeRenderer,
    default_language: str, *, actor: int,
) -> int:  # fmt: skip
    """Publish a draft and commit; returns how many subscribers are told.

    MeetingError("not_draft") when there is no such draft (published or cancelled meanwhile);
    the meeting stays locked until the caller rolls back.
    """
    meeting = await repo.get(session, meeting_id, lock=True)
    if meeting is None or meeting.status != "draft":
        raise MeetingError("not_draft", "no such draft (published or cancelled meanwhile)")
    told = await publish(session, clock, meeting, render, default_language, actor=actor)
    await session.commit()
    return told

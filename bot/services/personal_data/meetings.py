"""The meetings' sections of /mydata: registrations, planned reminders, subscription, feedback.

Registered in `bot.services.personal_data.sections.SECTIONS`. Erasure is by `ON DELETE CASCADE` from
`users` (every table here references the user row); before it, places the person holds at
upcoming meetings go to the first on the waiting list (`hand_back_places`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.clock import Clock
from bot.services.meetings.lifecycle import text_of
from bot.services.meetings.registration import promote
from bot.services.meetings.reminders import choices
from bot.services.meetings.renderer import NoticeRenderer
from bot.services.personal_data.account import when
from db.models import (
    Meeting,
    MeetingFeedback,
    MeetingRegistration,
    MeetingReminder,
    MeetingStatus,
    RegistrationStatus,
    User,
)
from db.repositories import meetings as repo


@dataclass(frozen=True)
class Summary:
    """For the privacy view: active registrations, the subscribed district, ratings given."""

    registrations: int
    subscription: str | None
    ratings: int


async def summary(session: AsyncSession, user: User) -> Summary:
    """What the meetings store about the person, in numbers."""
    active = MeetingRegistration.status.in_(
        (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)
    )
    registrations = await session.scalar(
        select(func.count()).where(MeetingRegistration.user_id == user.id, active)
    )
    ratings = await session.scalar(select(func.count()).where(MeetingFeedback.user_id == user.id))
    row = await repo.subscription(session, user.id)
    return Summary(
        int(registrations or 0), row.district if row is not None else None, int(ratings or 0)
    )


def _title(meeting: Meeting, user: User) -> str:
    """The title in the person's language (German if there is none)."""
    return text_of(meeting.title, user.language or user.telegram_language or "de")


def _meeting(meeting: Meeting, user: User) -> dict[str, Any]:
    """Which meeting: id, title, time and place."""
    return {
        "id": meeting.id, "title": _title(meeting, user), "status": meeting.status,
        "starts": when(meeting.starts_at), "ends": when(meeting.ends_at),
        "venue": meeting.venue, "district": meeting.district,
    }  # fmt: skip


async def _waiting_position(session: AsyncSession, row: MeetingRegistration) -> int:
    """1 = next to move up (the waiting list is ordered by `since`, then id)."""
    ahead = await session.scalar(
        select(func.count()).where(
            MeetingRegistration.meeting_id == row.meeting_id,
            MeetingRegistration.status == RegistrationStatus.WAITING,
            or_(
                MeetingRegistration.since < row.since,
                and_(MeetingRegistration.since == row.since, MeetingRegistration.id < row.id),
            ),
        )
    )
    return int(ahead or 0) + 1


async def registrations(session: AsyncSession, user: User) -> list[dict[str, Any]]:
    """Every registration (also waiting and cancelled ones) with its reminder choice."""
    rows = await session.execute(
        select(MeetingRegistration, Meeting)
        .join(Meeting, Meeting.id == MeetingRegistration.meeting_id)
        .where(MeetingRegistration.user_id == user.id)
        .order_by(Meeting.starts_at, Meeting.id)
    )
    found = []
    for row, meeting in rows.all():
        entry: dict[str, Any] = {
            "meeting": _meeting(meeting, user), "status": row.status, "since": when(row.since),
            "reminders_wanted": choices(row.remind),
        }  # fmt: skip
        if row.status == RegistrationStatus.WAITING:
            entry["waiting_position"] = await _waiting_position(session, row)
        found.append(entry)
    return found


async def reminders(session: AsyncSession, user: User) -> list[dict[str, Any]]:
    """Reminders and feedback questions planned for the person, and what became of them."""
    rows = await session.execute(
        select(MeetingReminder, Meeting)
        .join(Meeting, Meeting.id == MeetingReminder.meeting_id)
        .where(MeetingReminder.user_id == user.id)
        .order_by(MeetingReminder.due_at, MeetingReminder.id)
    )
    return [
        {"meeting": meeting.id, "title": _title(meeting, user),
         "kind": reminder.kind, "due": when(reminder.due_at), "status": reminder.status}
        for reminder, meeting in rows.all()
    ]  # fmt: skip


async def subscription(session: AsyncSession, user: User) -> dict[str, Any] | None:
    """The district whose new meetings the person is told about, if any."""
    row = await repo.subscription(session, user.id)
    if row is None:
        return None
    return {"district": row.district, "since": when(row.created_at)}


async def feedback(session: AsyncSession, user: User) -> list[dict[str, Any]]:
    """Ratings (1–5) and comments the person gave after meetings."""
    rows = await session.execute(
        select(MeetingFeedback, Meeting)
        .join(Meeting, Meeting.id == MeetingFeedback.meeting_id)
        .where(MeetingFeedback.user_id == user.id)
        .order_by(MeetingFeedback.created_at)
    )
    return [
        {"meeting": _meeting(meeting, user), "rating": row.rating, "comment": row.comment,
         "given": when(row.created_at)}
        for row, meeting in rows.all()
    ]  # fmt: skip


async def hand_back_places(
    session: AsyncSession, clock: Clock, user: User, render: NoticeRenderer, default: str
) -> int:
    """Free the person's places at upcoming meetings for the waiting lists (no commit)."""
    now = clock.now()
    held = await session.execute(
        select(MeetingRegistration.meeting_id)
        .join(Meeting, Meeting.id == MeetingRegistration.meeting_id)
        .where(
            MeetingRegistration.user_id == user.id,
            MeetingRegistration.status == RegistrationStatus.REGISTERED,
        )
        .where(Meeting.status == MeetingStatus.PUBLISHED, Meeting.starts_at > now)
        .order_by(MeetingRegistration.meeting_id)  # locked in one order: no deadlock
    )
    promoted = 0
    for meeting_id in held.scalars().all():
        meeting = await repo.get(session, meeting_id, lock=True)  # before reading the seat
        row = await repo.registration(session, meeting_id, user.id, lock=True)
        if meeting is None or row is None or row.status != RegistrationStatus.REGISTERED:
            continue
        row.status, row.since = RegistrationStatus.CANCELLED, now
        await session.flush()
        promoted += await promote(session, meeting, now, render, default)
    return promoted

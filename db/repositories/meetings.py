"""Queries on meetings, registrations, reminders, feedback and district subscriptions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Meeting,
    MeetingFeedback,
    MeetingRegistration,
    MeetingReminder,
    MeetingStatus,
    MeetingSubscription,
    OutboxMessage,
    OutboxStatus,
    RegistrationStatus,
    ReminderKind,
    ReminderStatus,
    User,
)
from db.sqlite_writes import hold_write_lock


async def get(session: AsyncSession, meeting_id: int, *, lock: bool = False) -> Meeting | None:
    """One meeting by id; `lock`: read afresh under a lock held until the transaction ends.

    The lock orders everything that counts places (registering, giving back, moving up,
    capacity edits) one meeting at a time, across processes: PostgreSQL locks the row,
    SQLite has no row locks and takes its write lock before this read.
    """
    query = select(Meeting).where(Meeting.id == meeting_id)
    if lock:
        await hold_write_lock(session)
        # The session may hold this meeting as read before the lock was granted.
        query = query.with_for_update().execution_options(populate_existing=True)
    return (await session.execute(query)).scalar_one_or_none()


async def by_source_uid(session: AsyncSession, uid: str) -> Meeting | None:
    """The meeting imported from a calendar event with this UID."""
    query = select(Meeting).where(Meeting.source_uid == uid)
    return (await session.execute(query)).scalar_one_or_none()


async def upcoming(session: AsyncSession, now: datetime, district: str | None) -> list[Meeting]:
    """Published meetings that have not started, soonest first (optionally one district)."""
    query = select(Meeting).where(
        Meeting.status == MeetingStatus.PUBLISHED, Meeting.starts_at > now
    )
    if district is not None:
        query = query.where(Meeting.district == district)
    return list((await session.execute(query.order_by(Meeting.starts_at, Meeting.id))).scalars())


async def all_meetings(session: AsyncSession) -> list[Meeting]:
    """Every meeting, soonest first."""
    query = select(Meeting).order_by(Meeting.starts_at, Meeting.id)
    return list((await session.execute(query)).scalars())


async def registration(
    session: AsyncSession, meeting_id: int, user_id: int, *, lock: bool = False
) -> MeetingRegistration | None:
    """One resident's registration for one meeting, if any."""
    query = select(MeetingRegistration).where(
        MeetingRegistration.meeting_id == meeting_id, MeetingRegistration.user_id == user_id
    )
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return (await session.execute(query)).scalar_one_or_none()


async def count(session: AsyncSession, meeting_id: int, status: RegistrationStatus) -> int:
    """How many registrations of this status a meeting has."""
    query = select(func.count()).where(
        MeetingRegistration.meeting_id == meeting_id, MeetingRegistration.status == status
    )
    return int((await session.execute(query)).scalar_one())


async def first_waiting(session: AsyncSession, meeting_id: int) -> MeetingRegistration | None:
    """The person waiting longest."""
    query = (
        select(MeetingRegistration)
        .where(
            MeetingRegistration.meeting_id == meeting_id,
            MeetingRegistration.status == RegistrationStatus.WAITING,
        )
        .order_by(MeetingRegistration.since, MeetingRegistration.id)
        .limit(1)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def people(
    session: AsyncSession, meeting_id: int, statuses: tuple[RegistrationStatus, ...]
) -> list[tuple[MeetingRegistration, User]]:
    """Registrations of these statuses with their residents."""
    query = (
        select(MeetingRegistration, User)
        .join(User, User.id == MeetingRegistration.user_id)
        .where(
            MeetingRegistration.meeting_id == meeting_id,
            MeetingRegistration.status.in_(statuses),
        )
        .order_by(MeetingRegistration.id)
    )
    return [(row, user) for row, user in (await session.execute(query)).all()]


async def subscribers(session: AsyncSession, district: str) -> list[User]:
    """Residents subscribed to new meetings in a district."""
    query = (
        select(User)
        .join(MeetingSubscription, MeetingSubscription.user_id == User.id)
        .where(MeetingSubscription.district == district, User.reachable.is_(True))
        .order_by(User.id)
    )
    return list((await session.execute(query)).scalars())


async def subscription(session: AsyncSession, user_id: int) -> MeetingSubscription | None:
    """A resident's district subscription, if any."""
    return await session.get(MeetingSubscription, user_id)


async def registered_ids(session: AsyncSession, user_id: int) -> dict[int, RegistrationStatus]:
    """meeting id → registration status for one resident (not cancelled)."""
    query = select(MeetingRegistration.meeting_id, MeetingRegistration.status).where(
        MeetingRegistration.user_id == user_id,
        MeetingRegistration.status != RegistrationStatus.CANCELLED,
    )
    return {meeting_id: status for meeting_id, status in (await session.execute(query)).all()}


async def drop_planned(session: AsyncSession, meeting_id: int, user_id: int | None = None) -> None:
    """Forget reminders not sent yet and cancel their queued outbox rows (all or one person)."""
    reminders = delete(MeetingReminder).where(
        MeetingReminder.meeting_id == meeting_id,
        MeetingReminder.status.in_((ReminderStatus.PENDING, ReminderStatus.QUEUED)),
    )
    rows = update(OutboxMessage).where(
        OutboxMessage.dedupe_key.like(f"meeting:{meeting_id}:rem:%"),
        OutboxMessage.status == OutboxStatus.PENDING,
    )
    if user_id is not None:
        reminders = reminders.where(MeetingReminder.user_id == user_id)
        rows = rows.where(OutboxMessage.user_id == user_id)
    await session.execute(reminders)
    await session.execute(rows.values(status=OutboxStatus.CANCELLED, last_error="meeting changed"))


async def drop_subscriber_reminders(session: AsyncSession, user_id: int) -> None:
    """Forget a resident's pending 3-day subscriber reminders (before re-planning them)."""
    await session.execute(
        delete(MeetingReminder).where(
            MeetingReminder.user_id == user_id,
            MeetingReminder.kind == ReminderKind.THREE_DAYS,
            MeetingReminder.status == ReminderStatus.PENDING,
        )
    )


async def due_reminders(
    session: AsyncSession, until: datetime, limit: int
) -> list[tuple[MeetingReminder, Meeting, User]]:
    """Pending reminders due by `until`, oldest first, with meeting and resident."""
    query = (
        select(MeetingReminder, Meeting, User)
        .join(Meeting, Meeting.id == MeetingReminder.meeting_id)
        .join(User, User.id == MeetingReminder.user_id)
        .where(MeetingReminder.status == ReminderStatus.PENDING, MeetingReminder.due_at <= until)
        .order_by(MeetingReminder.due_at, MeetingReminder.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=MeetingReminder)
    )
    return [(r, m, u) for r, m, u in (await session.execute(query)).all()]


async def statuses_for(
    session: AsyncSession, meeting_ids: set[int], user_ids: set[int]
) -> dict[tuple[int, int], RegistrationStatus]:
    """(meeting id, user id) → registration status, for many at once."""
    if not meeting_ids or not user_ids:
        return {}
    query = select(
        MeetingRegistration.meeting_id, MeetingRegistration.user_id, MeetingRegistration.status
    ).where(
        MeetingRegistration.meeting_id.in_(meeting_ids),
        MeetingRegistration.user_id.in_(user_ids),
    )
    return {(m, u): s for m, u, s in (await session.execute(query)).all()}


async def set_reminder_status(
    session: AsyncSession, ids: list[int], status: ReminderStatus
) -> None:
    """Mark many reminders at once."""
    if ids:
        await session.execute(
            update(MeetingReminder).where(MeetingReminder.id.in_(ids)).values(status=status)
        )


async def feedback(session: AsyncSession, meeting_id: int, user_id: int) -> MeetingFeedback | None:
    """One resident's feedback on one meeting."""
    return await session.get(MeetingFeedback, (meeting_id, user_id))


async def attendance(session: AsyncSession, meeting_id: int) -> dict[str, Any]:
    """Counts only: registered, waiting, cancelled, feedback count and average rating."""
    query = (
        select(MeetingRegistration.status, func.count())
        .where(MeetingRegistration.meeting_id == meeting_id)
        .group_by(MeetingRegistration.status)
    )
    counts: dict[str, Any] = dict((await session.execute(query)).all())
    ratings = select(func.count(), func.avg(MeetingFeedback.rating)).where(
        MeetingFeedback.meeting_id == meeting_id
    )
    number, average = (await session.execute(ratings)).one()
    return {
        "registered": counts.get(RegistrationStatus.REGISTERED, 0),
        "waiting": counts.get(RegistrationStatus.WAITING, 0),
        "cancelled": counts.get(RegistrationStatus.CANCELLED, 0),
        "feedback": int(number),
        "rating": float(average) if average is not None else None,
    }

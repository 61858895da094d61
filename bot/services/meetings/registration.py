"""Registering for a meeting: places, the waiting list with promotion, reminder choices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.outbox import NOTICE, enqueue
from bot.services.clock import Clock
from bot.services.locale import resolve_language
from bot.services.meetings.lifecycle import MeetingError, is_visible
from bot.services.meetings.reminders import CHOICES, DEFAULT_CHOICE, plan
from bot.services.meetings.renderer import MeetingNotice, NoticeRenderer
from db.models import Meeting, MeetingRegistration, RegistrationStatus, User
from db.repositories import meetings as repo


@dataclass(frozen=True)
class Seat:
    """A resident's standing at a meeting: status (registered/waiting/None) and free places."""

    status: RegistrationStatus | None
    free: int | None
    remind: str


async def seat(session: AsyncSession, meeting: Meeting, user: User) -> Seat:
    """Where the resident stands and how many places are free (None: no limit)."""
    row = await repo.registration(session, meeting.id, user.id)
    status = row.status if row is not None and row.status != RegistrationStatus.CANCELLED else None
    free = await free_places(session, meeting)
    return Seat(status, free, row.remind if row is not None else DEFAULT_CHOICE)


async def free_places(session: AsyncSession, meeting: Meeting) -> int | None:
    """How many places are still free (None: no limit)."""
    if meeting.capacity is None:
        return None
    return max(
        0, meeting.capacity - await repo.count(session, meeting.id, RegistrationStatus.REGISTERED)
    )


async def seat_row(
    session: AsyncSession, meeting_id: int, user: User
) -> MeetingRegistration | None:
    """The resident's active registration (registered or waiting) for a meeting, if any."""
    row = await repo.registration(session, meeting_id, user.id)
    return row if row is not None and row.status != RegistrationStatus.CANCELLED else None


async def _open(session: AsyncSession, clock: Clock, meeting_id: int) -> Meeting:
    """The meeting, locked before anything is counted (see repo.get), if registration is open."""
    meeting = await repo.get(session, meeting_id, lock=True)
    if meeting is None or not is_visible(meeting, clock.now()):
        raise MeetingError("not_found", "no such upcoming meeting")
    if meeting.starts_at <= clock.now():
        raise MeetingError("started", "the meeting has started")
    return meeting


async def register(
    session: AsyncSession, clock: Clock, user: User, meeting_id: int
) -> RegistrationStatus:
    """Take a place, or a waiting position when full; returns the new status."""
    meeting = await _open(session, clock, meeting_id)
    now, user_id = clock.now(), user.id
    row = await repo.registration(session, meeting_id, user_id, lock=True)
    if row is not None and row.status != RegistrationStatus.CANCELLED:
        raise MeetingError("already", f"already {row.status}")
    full = meeting.capacity is not None and (
        await repo.count(session, meeting_id, RegistrationStatus.REGISTERED) >= meeting.capacity
    )
    status = RegistrationStatus.WAITING if full else RegistrationStatus.REGISTERED
    if row is None:
        row = MeetingRegistration(meeting_id=meeting_id, user_id=user_id, remind=DEFAULT_CHOICE)
        session.add(row)
    row.status, row.since = status, now
    try:
        await session.flush()
    except IntegrityError:  # a twin press
        await session.rollback()
        raise MeetingError("already", "already registered") from None
    if status == RegistrationStatus.REGISTERED:
        plan(session, meeting, row, now)
    await session.commit()
    return status


async def unregister(
    session: AsyncSession,
    clock: Clock,
    user: User,
    meeting_id: int,
    render: NoticeRenderer,
    default_language: str,
) -> bool:
    """Give the place (or waiting position) back; the first waiting moves up and is told."""
    meeting = await _open(session, clock, meeting_id)
    now = clock.now()
    row = await repo.registration(session, meeting_id, user.id, lock=True)
    if row is None or row.status == RegistrationStatus.CANCELLED:
        raise MeetingError("not_registered", "not registered")
    had_place = row.status == RegistrationStatus.REGISTERED
    row.status, row.since = RegistrationStatus.CANCELLED, now
    await repo.drop_planned(session, meeting_id, user.id)
    promoted = False
    if had_place:
        promoted = await promote(session, meeting, now, render, default_language)
    await session.commit()
    return promoted


async def promote(
    session: AsyncSession, meeting: Meeting, now: datetime, render: NoticeRenderer, default: str
) -> bool:
    """Move the first waiting person up, plan their reminders and tell them at once."""
    waiting = await repo.first_waiting(session, meeting.id)
    if waiting is None:
        return False
    waiting.status, waiting.since = RegistrationStatus.REGISTERED, now
    await session.flush()
    plan(session, meeting, waiting, now)
    person = await session.get(User, waiting.user_id)
    if person is not None and person.reachable:
        language = resolve_language(person.language, person.telegram_language, default)
        await enqueue(
            session, chat_id=person.telegram_id, method="sendMessage",
            params=render(MeetingNotice.PROMOTED, meeting, language, None),
            dedupe_key=f"meeting:{meeting.id}:promoted:{waiting.id}:{now.isoformat()}", now=now,
            user_id=person.id, priority=NOTICE,
        )  # fmt: skip
    return True


async def set_reminders(
    session: AsyncSession, clock: Clock, user: User, meeting_id: int, remind: str
) -> str:
    """Change which reminders a registered resident gets ("" = off); re-plans them."""
    kinds = [kind for kind in remind.split(",") if kind]
    if any(kind not in CHOICES for kind in kinds):
        raise MeetingError("choice", f"unknown reminder choice {remind!r}")
    meeting = await _open(session, clock, meeting_id)
    row = await repo.registration(session, meeting_id, user.id, lock=True)
    if row is None or row.status == RegistrationStatus.CANCELLED:
        raise MeetingError("not_registered", "not registered")
    row.remind = ",".join(kind for kind in CHOICES if kind in kinds)
    if row.status == RegistrationStatus.REGISTERED:
        await repo.drop_planned(session, meeting_id, user.id)
        plan(session, meeting, row, clock.now())
    await session.commit()
    return row.remind

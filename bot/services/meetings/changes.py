"""Staff change a meeting's time or place, or cancel it: everyone registered hears at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.outbox import NOTICE, enqueue
from bot.services import audit
from bot.services.audit import AuditAction
from bot.services.clock import Clock
from bot.services.locale import resolve_language
from bot.services.meetings.lifecycle import MeetingError, MeetingInput, check, check_start
from bot.services.meetings.reminders import plan, plan_subscriber
from bot.services.meetings.renderer import MeetingNotice, NoticeRenderer
from db.models import Meeting, MeetingStatus, RegistrationStatus
from db.repositories import meetings as repo


@dataclass(frozen=True)
class Change:
    """New time and/or place; None keeps the current value."""

    starts: datetime | None = None
    ends: datetime | None = None
    venue: str | None = None
    address: str | None = None
    location: tuple[float, float] | None = None


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in values.items()}


def _old_values(meeting: Meeting) -> dict[str, Any]:
    return {
        "starts_at": meeting.starts_at, "ends_at": meeting.ends_at,
        "venue": meeting.venue, "address": meeting.address,
    }  # fmt: skip


async def _tell_everyone(
    session: AsyncSession, meeting: Meeting, event: MeetingNotice, old: dict[str, Any] | None,
    render: NoticeRenderer, default: str, now: datetime,
) -> int:  # fmt: skip
    told = 0
    for row, user in await repo.people(
        session, meeting.id, (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)
    ):
        if not user.reachable:
            continue
        language = resolve_language(user.language, user.telegram_language, default)
        told += await enqueue(
            session, chat_id=user.telegram_id, method="sendMessage",
            params=render(event, meeting, language, old),
            dedupe_key=f"meeting:{meeting.id}:{event}:v{meeting.version}:{row.id}", now=now,
            user_id=user.id, priority=NOTICE,
        )  # fmt: skip
    return told


def checked(meeting: Meeting, new: Change, now: datetime) -> MeetingInput:
    """The meeting's time and place after the change, or MeetingError naming the field."""
    if new.starts is not None:  # before moving the end with it (year 9999 would overflow)
        check_start(new.starts, now)
    starts, ends = new.starts or meeting.starts_at, new.ends or meeting.ends_at
    if new.starts and not new.ends:  # moving the start keeps the length
        ends = meeting.ends_at + (new.starts - meeting.starts_at)
    probe = MeetingInput(
        title={"de": "x"}, district=meeting.district, venue=new.venue or meeting.venue,
        address=new.address or meeting.address, starts=starts, ends=ends,
        location=new.location,
    )  # fmt: skip
    check(probe, now)
    return probe


async def change(
    session: AsyncSession,
    clock: Clock,
    meeting_id: int,
    new: Change,
    render: NoticeRenderer,
    default_language: str,
    *,
    actor: int,
) -> int:
    """Apply a new time/place, move every reminder, notify registered and waiting people."""
    meeting = await repo.get(session, meeting_id, lock=True)
    if meeting is None or meeting.status == MeetingStatus.CANCELLED:
        raise MeetingError("not_found", "no such meeting (or it is cancelled)")
    now = clock.now()
    probe = checked(meeting, new, now)
    starts, ends = probe.starts, probe.ends
    old = _old_values(meeting)
    meeting.starts_at, meeting.ends_at = starts, ends
    meeting.venue, meeting.address = probe.venue.strip(), probe.address.strip()
    if new.location is not None:
        meeting.latitude, meeting.longitude = new.location
    meeting.version += 1
    meeting.updated_at = now
    await repo.drop_planned(session, meeting_id)
    if meeting.status == MeetingStatus.PUBLISHED:
        for row, _user in await repo.people(session, meeting_id, (RegistrationStatus.REGISTERED,)):
            plan(session, meeting, row, now)
        for user in await repo.subscribers(session, meeting.district):
            await plan_subscriber(session, meeting, user, now)
    told = await _tell_everyone(
        session, meeting, MeetingNotice.CHANGED, old, render, default_language, now
    )
    audit.record(
        session, actor=actor, action=AuditAction.MEETING_MOVE, target=f"meeting:{meeting_id}",
        at=now, before=_jsonable(old), after=_jsonable(_old_values(meeting)),
    )  # fmt: skip
    await session.commit()
    return told


async def cancel(
    session: AsyncSession,
    clock: Clock,
    meeting_id: int,
    render: NoticeRenderer,
    default_language: str,
    *,
    actor: int,
) -> int:
    """Cancel: withdraw every queued reminder and tell registered and waiting people."""
    meeting = await repo.get(session, meeting_id, lock=True)
    if meeting is None or meeting.status == MeetingStatus.CANCELLED:
        raise MeetingError("not_found", "no such meeting (or it is cancelled already)")
    now = clock.now()
    audit.record(
        session, actor=actor, action=AuditAction.MEETING_CANCEL, target=f"meeting:{meeting_id}",
        at=now, before={"status": meeting.status}, after={"status": MeetingStatus.CANCELLED},
    )  # fmt: skip
    meeting.status, meeting.updated_at = MeetingStatus.CANCELLED, now
    await repo.drop_planned(session, meeting_id)
    told = await _tell_everyone(
        session, meeting, MeetingNotice.CANCELLED, None, render, default_language, now
    )
    await session.commit()
    return told

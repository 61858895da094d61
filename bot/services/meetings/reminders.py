"""Meeting reminders: planning their due times (DST-correct) and moving due ones to the outbox."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.outbox import NOTICE, REMINDER, enqueue_many
from bot.outbox import row as outbox_row
from bot.services.clock import Clock
from bot.services.locale import resolve_language
from bot.services.meetings.renderer import MeetingNotice, NoticeRenderer
from db.models import (
    Meeting,
    MeetingRegistration,
    MeetingReminder,
    MeetingStatus,
    RegistrationStatus,
    ReminderKind,
    ReminderStatus,
    User,
)
from db.repositories import meetings as repo

BERLIN = ZoneInfo("Europe/Berlin")
# Reminder choices a resident can make; "3d" is the district subscribers' reminder.
CHOICES = (ReminderKind.WEEK, ReminderKind.DAY, ReminderKind.TWO_HOURS)
DEFAULT_CHOICE = "1d,2h"
FEEDBACK = ReminderKind.FEEDBACK
FEEDBACK_AFTER = timedelta(hours=2)
# Reminders due within this window are queued ahead with their due time as `not_before`,
# so the sender sends them on the second although the tick runs only every 15 s.
LOOKAHEAD = timedelta(seconds=60)
BATCH = 500  # small transactions: the first reminders are in the outbox within a moment
# Why a due reminder is not sent.
SkipReason = Literal["stale", "unreachable", "not registered", "too late", "registered"]


def due_time(starts_at: datetime, kind: ReminderKind, zone: tzinfo = BERLIN) -> datetime:
    """When a reminder of this kind is due: days count on the wall clock (DST), hours absolutely."""
    if kind == ReminderKind.TWO_HOURS:
        return starts_at - timedelta(hours=2)
    days = {ReminderKind.WEEK: 7, ReminderKind.DAY: 1, ReminderKind.THREE_DAYS: 3}[kind]
    local = starts_at.astimezone(zone)
    # zoneinfo re-derives the offset for the new wall time: 18:00 stays 18:00 across a switch.
    return (local - timedelta(days=days)).astimezone(starts_at.tzinfo)


def choices(remind: str) -> list[ReminderKind]:
    """The stored choice ("1d,2h", "" = off) as a list of known kinds."""
    return [ReminderKind(kind) for kind in remind.split(",") if kind in CHOICES]


def _add(
    session: AsyncSession, meeting: Meeting, user_id: int, kind: ReminderKind, due: datetime
) -> None:
    session.add(
        MeetingReminder(meeting_id=meeting.id, user_id=user_id, kind=kind,
                        version=meeting.version, due_at=due, status=ReminderStatus.PENDING)
    )  # fmt: skip


def plan(
    session: AsyncSession,
    meeting: Meeting,
    registration: MeetingRegistration,
    now: datetime,
    zone: tzinfo = BERLIN,
) -> None:
    """Add reminder rows (still in the future) and the feedback question for a registration."""
    for kind in choices(registration.remind):
        due = due_time(meeting.starts_at, kind, zone)
        if due > now:
            _add(session, meeting, registration.user_id, kind, due)
    _add(session, meeting, registration.user_id, FEEDBACK, meeting.ends_at + FEEDBACK_AFTER)


async def plan_subscriber(
    session: AsyncSession, meeting: Meeting, user: User, now: datetime, zone: tzinfo = BERLIN
) -> None:
    """The 3-day reminder for a district subscriber (skipped later if they registered)."""
    due = due_time(meeting.starts_at, ReminderKind.THREE_DAYS, zone)
    if due > now:
        _add(session, meeting, user.id, ReminderKind.THREE_DAYS, due)


def _verdict(reminder: MeetingReminder, meeting: Meeting, user: User,
             status: RegistrationStatus | None, now: datetime) -> SkipReason | None:  # fmt: skip
    """Why a due reminder must not go out (None: send it)."""
    if meeting.status != MeetingStatus.PUBLISHED or reminder.version != meeting.version:
        return "stale"
    if not user.reachable:
        return "unreachable"
    if reminder.kind == FEEDBACK:
        return None if status == RegistrationStatus.REGISTERED else "not registered"
    if meeting.starts_at <= now:
        return "too late"
    if reminder.kind == ReminderKind.THREE_DAYS:
        seated = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)
        return "registered" if status in seated else None
    return None if status == RegistrationStatus.REGISTERED else "not registered"


async def move_due(
    session: AsyncSession, clock: Clock, render: NoticeRenderer, default_language: str
) -> int:
    """Queue reminders due within the look-ahead (one batch, one transaction); returns rows seen."""
    now = clock.now()
    rows = await repo.due_reminders(session, now + LOOKAHEAD, BATCH)
    statuses = await repo.statuses_for(
        session, {m.id for _r, m, _u in rows}, {u.id for _r, _m, u in rows}
    )
    queued, skipped, rows_out = [], [], []
    # Thousands of reminders for one meeting share a handful of texts: render each once.
    payloads: dict[tuple[MeetingNotice, int, int, str, str], str] = {}
    for reminder, meeting, user in rows:
        if _verdict(reminder, meeting, user, statuses.get((meeting.id, user.id)), now):
            skipped.append(reminder.id)
            continue
        language = resolve_language(user.language, user.telegram_language, default_language)
        feedback = reminder.kind == FEEDBACK
        event = MeetingNotice.FEEDBACK if feedback else MeetingNotice.REMINDER
        key = (event, meeting.id, meeting.version, language, reminder.kind)
        if key not in payloads:
            params = render(event, meeting, language, {"kind": reminder.kind})
            payloads[key] = json.dumps(params, ensure_ascii=False)
        rows_out.append(
            outbox_row(
                chat_id=user.telegram_id, method="sendMessage", payload=payloads[key],
                dedupe_key=f"meeting:{meeting.id}:rem:{reminder.id}", now=now, user_id=user.id,
                priority=NOTICE if feedback else REMINDER, not_before=max(reminder.due_at, now),
                expires_at=None if feedback else meeting.starts_at,
            )
        )  # fmt: skip
        queued.append(reminder.id)
    await enqueue_many(session, rows_out)
    await repo.set_reminder_status(session, queued, ReminderStatus.QUEUED)
    await repo.set_reminder_status(session, skipped, ReminderStatus.SKIPPED)
    await session.commit()
    return len(rows)

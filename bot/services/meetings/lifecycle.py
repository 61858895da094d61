"""Bürgerforen: the rules for a meeting, creating and publishing one, and reading its texts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import LANGUAGES
from bot.outbox import NOTICE, enqueue
from bot.services import audit
from bot.services.audit import AuditAction
from bot.services.clock import Clock
from bot.services.locale import resolve_language
from bot.services.meetings.reminders import plan_subscriber
from bot.services.meetings.renderer import MeetingNotice, NoticeRenderer
from bot.services.profile import DISTRICTS
from bot.services.text_length import utf16_len
from db.models import Meeting, MeetingStatus, User
from db.repositories import meetings as repo

# Real districts a meeting can be in, plus the whole city (a forum at the town hall).
MEETING_DISTRICTS = (*(d for d in DISTRICTS if d not in ("outside", "undisclosed")), "city")
# Limits in UTF-16 units (as Telegram counts): all of them together fit one 4,096-unit card.
TITLE_MAX = 120
TEXT_MAX = 1500
VENUE_MAX, ADDRESS_MAX = 200, 300  # the column sizes
CAPACITY_MAX = 100_000  # larger than any hall; keeps typed numbers inside the INTEGER column
# Far-off or endless dates are typing mistakes (and year 9999 would overflow when moved);
# ten years leave room for calendars planned years ahead (the CLI tests use such dates).
AHEAD_MAX = timedelta(days=10 * 366)
LENGTH_MAX = timedelta(days=7)


# Why a meeting action was refused (MeetingError.code).
MeetingErrorCode = Literal[
    "already", "below", "capacity", "choice", "district", "empty", "far", "format", "ics",
    "language", "length", "location", "missing", "no_rating", "not_draft", "not_ended", "not_found",
    "not_registered", "order", "past", "rating", "started", "unknown", "yaml"
]  # fmt: skip


class MeetingError(ValueError):
    """A rule was broken; `field` names what was wrong so each channel can say it."""

    def __init__(self, code: MeetingErrorCode, message: str, field: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.field = field


@dataclass(frozen=True)
class MeetingInput:
    """Everything staff enter for a meeting (times timezone-aware)."""

    title: dict[str, str]
    district: str
    venue: str
    address: str
    starts: datetime
    ends: datetime
    description: dict[str, str] = field(default_factory=dict)
    accessibility: dict[str, str] = field(default_factory=dict)
    capacity: int | None = None
    location: tuple[float, float] | None = None
    machine: frozenset[str] = frozenset()  # languages whose texts machine translation made


def check_texts(value: dict[str, str], name: str, *, required: bool, limit: int) -> None:
    if required and not (value.get("de") or "").strip():
        raise MeetingError("missing", f"{name}: the German text (de) is required", name)
    for language, text in value.items():
        if language not in LANGUAGES:
            raise MeetingError("language", f"{name}: unknown language {language!r}", name)
        if not isinstance(text, str) or utf16_len(text) > limit:
            raise MeetingError("length", f"{name}.{language}: at most {limit} characters", name)


def check(data: MeetingInput, now: datetime) -> None:
    """Raise MeetingError naming the field unless the meeting can be published."""
    check_texts(data.title, "title", required=True, limit=TITLE_MAX)
    check_texts(data.description, "description", required=False, limit=TEXT_MAX)
    check_texts(data.accessibility, "accessibility", required=False, limit=TEXT_MAX)
    if data.district not in MEETING_DISTRICTS:
        raise MeetingError("district", f"district: unknown {data.district!r}", "district")
    for name, limit in (("venue", VENUE_MAX), ("address", ADDRESS_MAX)):
        if not getattr(data, name).strip():
            raise MeetingError("missing", f"{name}: required", name)
        if utf16_len(getattr(data, name).strip()) > limit:
            raise MeetingError("length", f"{name}: at most {limit} characters", name)
    check_start(data.starts, now)
    if not data.starts < data.ends <= data.starts + LENGTH_MAX:
        raise MeetingError("order", "ends: after the start, within 7 days", "ends")
    if data.capacity is not None and not 1 <= data.capacity <= CAPACITY_MAX:
        message = f"capacity: 1 to {CAPACITY_MAX} (or leave it out)"
        raise MeetingError("capacity", message, "capacity")
    if data.location is not None:
        latitude, longitude = data.location
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise MeetingError("location", "location: expected [latitude, longitude]", "location")


def check_start(starts: datetime, now: datetime) -> None:
    """Raise MeetingError unless the start lies ahead, at most AHEAD_MAX."""
    if starts <= now:
        raise MeetingError("past", "starts: lies in the past", "starts")
    if starts > now + AHEAD_MAX:
        raise MeetingError("far", "starts: more than ten years ahead", "starts")


def machine_made(meeting: Meeting, language: str) -> bool:
    """Whether the reader of `language` gets a title machine translation made."""
    texts: dict[str, str] = json.loads(meeting.title or "{}")
    return language in texts and language in json.loads(meeting.machine_languages or "[]")


def text_of(meeting_texts: str, language: str) -> str:
    """One language's text of a JSON text field, German as the fallback."""
    texts: dict[str, str] = json.loads(meeting_texts or "{}")
    return texts.get(language) or texts.get("de") or ""


async def create(
    session: AsyncSession,
    clock: Clock,
    data: MeetingInput,
    *,
    created_by: int,
    source_uid: str | None = None,
) -> Meeting:
    """Store a valid meeting as a draft (flushed, not committed)."""
    now = clock.now()
    check(data, now)
    latitude, longitude = data.location or (None, None)
    meeting = Meeting(
        title=json.dumps(data.title, ensure_ascii=False),
        description=json.dumps(data.description, ensure_ascii=False),
        accessibility=json.dumps(data.accessibility, ensure_ascii=False),
        district=data.district, venue=data.venue.strip(), address=data.address.strip(),
        latitude=latitude, longitude=longitude, starts_at=data.starts, ends_at=data.ends,
        capacity=data.capacity, status=MeetingStatus.DRAFT, version=1, created_by=created_by,
        source_uid=source_uid, created_at=now, updated_at=now,
        machine_languages=json.dumps(sorted(data.machine & set(data.title))),
    )  # fmt: skip
    session.add(meeting)
    await session.flush()
    audit.record(
        session, actor=created_by, action=AuditAction.MEETING_CREATE,
        target=f"meeting:{meeting.id}", at=now,
        after={"status": MeetingStatus.DRAFT, "source": source_uid,
               "machine": sorted(data.machine & set(data.title))},
    )  # fmt: skip
    return meeting


async def publish(
    session: AsyncSession, clock: Clock, meeting: Meeting, render: NoticeRenderer, default: str,
    *, actor: int,
) -> int:  # fmt: skip
    """Publish a draft: tell district subscribers now and plan their 3-day reminder (audited)."""
    now = clock.now()
    audit.record(
        session, actor=actor, action=AuditAction.MEETING_PUBLISH, target=f"meeting:{meeting.id}",
        at=now, before={"status": meeting.status}, after={"status": MeetingStatus.PUBLISHED},
    )  # fmt: skip
    meeting.status, meeting.published_at, meeting.updated_at = MeetingStatus.PUBLISHED, now, now
    told = 0
    for user in await repo.subscribers(session, meeting.district):
        language = resolve_language(user.language, user.telegram_language, default)
        told += await enqueue(
            session, chat_id=user.telegram_id, method="sendMessage",
            params=render(MeetingNotice.PUBLISHED, meeting, language, None),
            dedupe_key=f"meeting:{meeting.id}:published:{user.id}", now=now, user_id=user.id,
            priority=NOTICE,
        )  # fmt: skip
        await plan_subscriber(session, meeting, user, now)
    return told


async def upcoming_for(
    session: AsyncSession, clock: Clock, user: User, district: str | None
) -> list[Meeting]:
    """Upcoming meetings: one district if given, else all with the resident's district first."""
    meetings = await repo.upcoming(session, clock.now(), district)
    if district is None and user.district:
        meetings.sort(key=lambda m: m.district != user.district)  # stable: time order kept
    return meetings


async def visible(session: AsyncSession, clock: Clock, meeting_id: int) -> Meeting | None:
    """A published meeting that has not ended, else None."""
    meeting = await repo.get(session, meeting_id)
    return meeting if is_visible(meeting, clock.now()) else None


def is_visible(meeting: Meeting | None, now: datetime) -> bool:
    """Published and not ended: residents see it and may register."""
    return (
        meeting is not None and meeting.status == MeetingStatus.PUBLISHED and meeting.ends_at > now
    )

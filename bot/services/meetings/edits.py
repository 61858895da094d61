"""Staff edit a meeting's title, description and capacity: checked, audited, one transaction.

Text edits tell nobody (no spam) but rewrite reminders already waiting in the outbox, so none
goes out with the old title; a higher capacity moves people up from the waiting list at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import LANGUAGES
from bot.services import audit
from bot.services.audit import AuditAction
from bot.services.locale import resolve_language
from bot.services.meetings.lifecycle import TEXT_MAX, TITLE_MAX, MeetingError
from bot.services.meetings.registration import promote
from bot.services.meetings.reminders import FEEDBACK
from bot.services.meetings.renderer import MeetingNotice, NoticeRenderer
from bot.services.text_length import utf16_len
from db.models import Meeting, MeetingStatus, RegistrationStatus
from db.repositories import meeting_outbox
from db.repositories import meetings as repo

TEXT_FIELDS = ("title", "description")
CAPACITY_MAX = 100_000
REMOVE = "-"  # typed instead of a text: remove this language (German is shown instead)


class BelowRegistered(MeetingError):
    """A capacity below the number of people already registered."""

    def __init__(self, registered: int) -> None:
        message = f"capacity: {registered} people are registered already; nobody loses a place"
        super().__init__("below", message, "capacity")
        self.registered = registered


@dataclass(frozen=True)
class Edit:
    """What to change: texts by (field, language) (None removes one), and/or the capacity."""

    texts: dict[tuple[str, str], str | None] = field(default_factory=dict)
    capacity: int | None = None
    no_limit: bool = False


@dataclass(frozen=True)
class Outcome:
    """What changed: (what, before, after) per change, and how many moved up."""

    changes: list[tuple[str, object, object]]
    promoted: int


def _staff_wrote(meeting: Meeting, language: str) -> None:
    """A language staff edited is theirs now: its readers no longer see the machine note."""
    machine = set(json.loads(meeting.machine_languages or "[]"))
    if language in machine:
        meeting.machine_languages = json.dumps(sorted(machine - {language}))


def clean(name: str, language: str, text: str | None) -> str | None:
    """The text as stored (None: remove this language), or MeetingError naming the problem."""
    if name not in TEXT_FIELDS or language not in LANGUAGES:
        raise MeetingError("language", f"{name}: unknown language {language!r}", name)
    if text is None or text.strip() == REMOVE:
        if name == "title" and language == "de":
            raise MeetingError("missing", "title.de: the German title is required", name)
        return None
    # A title is one line (it is also a button label); a description keeps its paragraphs.
    value = " ".join(text.split()) if name == "title" else text.strip()
    if not value:
        raise MeetingError("empty", f"{name}.{language}: empty", name)
    limit = TITLE_MAX if name == "title" else TEXT_MAX
    if utf16_len(value) > limit:
        raise MeetingError("length", f"{name}.{language}: at most {limit} characters", name)
    return value


def check_capacity(capacity: int | None) -> None:
    """1 … CAPACITY_MAX places (None: no limit)."""
    if capacity is not None and not 1 <= capacity <= CAPACITY_MAX:
        message = f"capacity: a whole number from 1 to {CAPACITY_MAX} (or no limit)"
        raise MeetingError("capacity", message, "capacity")


async def apply(
    session: AsyncSession,
    now: datetime,
    meeting_id: int,
    edit: Edit,
    *,
    actor: int,
    render: NoticeRenderer,
    default_language: str,
) -> Outcome:
    """Check everything first, then change, audit and commit together (nothing on an error)."""
    texts = {key: clean(*key, value) for key, value in edit.texts.items()}
    capacity_given = edit.no_limit or edit.capacity is not None
    check_capacity(None if edit.no_limit else edit.capacity)
    meeting = await repo.get(session, meeting_id, lock=True)
    if meeting is None or meeting.status == MeetingStatus.CANCELLED or meeting.ends_at <= now:
        raise MeetingError("not_found", "no such meeting (or it is cancelled or over)")
    changes: list[tuple[str, object, object]] = []
    for (name, language), value in texts.items():
        stored: dict[str, str] = json.loads(getattr(meeting, name) or "{}")
        before = stored.pop(language, None)
        if value is not None:
            stored[language] = value
        if before != value:
            setattr(meeting, name, json.dumps(stored, ensure_ascii=False))
            changes.append((f"{name}.{language}", before, value))
            _staff_wrote(meeting, language)
    promoted = 0
    if capacity_given:  # after the texts: a promotion notice shows the new title
        try:
            promoted = await _capacity(session, now, meeting, edit.capacity, changes, render,
                                       default_language)  # fmt: skip
        except MeetingError:
            await session.rollback()  # the texts set above must not linger in the session
            raise
    if not changes:
        await session.commit()  # nothing to save; ends the transaction and its lock now
        return Outcome([], 0)
    meeting.updated_at = now
    for what, old_value, new_value in changes:
        name, _dot, language = what.partition(".")
        old, new = {language or name: old_value}, {language or name: new_value}
        if name == "capacity":
            new["promoted"] = promoted
        audit.record(
            session, actor=actor, action=AuditAction(f"meeting.{name}"),
            target=f"meeting:{meeting.id}", at=now, before=old, after=new,
        )  # fmt: skip
    if any(what.startswith("title.") for what, _b, _a in changes):
        await refresh_queued(session, meeting, render, default_language)
    await session.commit()
    return Outcome(changes, promoted)


async def _capacity(
    session: AsyncSession, now: datetime, meeting: Meeting, capacity: int | None,
    changes: list[tuple[str, object, object]], render: NoticeRenderer, default: str,
) -> int:  # fmt: skip
    """Set the limit (never below those registered); fill new places from the waiting list."""
    registered = await repo.count(session, meeting.id, RegistrationStatus.REGISTERED)
    if capacity is not None and capacity < registered:
        raise BelowRegistered(registered)
    if capacity == meeting.capacity:
        return 0
    if meeting.starts_at <= now:
        raise MeetingError("started", "the meeting has started", "capacity")
    changes.append(("capacity", meeting.capacity, capacity))
    meeting.capacity = capacity
    promoted = 0
    # Longest waiting first, one at a time: each is told with the way to give the place back.
    while capacity is None or registered + promoted < capacity:
        if not await promote(session, meeting, now, render, default):
            break
        promoted += 1
    return promoted


async def refresh_queued(
    session: AsyncSession, meeting: Meeting, render: NoticeRenderer, default: str
) -> int:
    """Re-render reminders already in the outbox so they show the current texts."""
    payloads: dict[tuple[str, str], str] = {}
    rows = await meeting_outbox.queued_reminders(session, meeting.id)
    for reminder, user, row in rows:
        language = resolve_language(user.language, user.telegram_language, default)
        event = MeetingNotice.FEEDBACK if reminder.kind == FEEDBACK else MeetingNotice.REMINDER
        if (reminder.kind, language) not in payloads:
            params = render(event, meeting, language, {"kind": reminder.kind})
            payloads[reminder.kind, language] = json.dumps(params, ensure_ascii=False)
        row.payload = payloads[reminder.kind, language]
    return len(rows)

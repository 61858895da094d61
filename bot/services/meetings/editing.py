"""A meeting edited in one form (the dashboard): texts and capacity (`edits.apply`, which tells
nobody) and time and place (`changes.change`, which tells everyone registered and waiting).

Everything is checked before anything is saved, so a mistake in one field changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.clock import Clock
from bot.services.meetings import changes, edits
from bot.services.meetings.changes import Change
from bot.services.meetings.edits import Edit
from bot.services.meetings.lifecycle import MeetingError
from bot.services.meetings.renderer import NoticeRenderer
from db.models import Meeting, MeetingStatus
from db.repositories import meetings as repo


@dataclass(frozen=True)
class Place:
    """Time and place as the form gives them (times timezone-aware)."""

    starts: datetime
    ends: datetime
    venue: str
    address: str


@dataclass(frozen=True)
class Saved:
    """What changed in the texts and places, and how many people were told of a move."""

    outcome: edits.Outcome
    moved: bool
    told: int


def _move(meeting: Meeting, place: Place) -> Change | None:
    """Only what differs; a new start with the old end keeps the meeting's length."""
    starts = place.starts if place.starts != meeting.starts_at else None
    ends = place.ends if place.ends != meeting.ends_at else None
    venue = place.venue.strip() if place.venue.strip() != meeting.venue else None
    address = place.address.strip() if place.address.strip() != meeting.address else None
    if starts is None and ends is None and venue is None and address is None:
        return None
    if venue == "" or address == "":  # `Change` reads "" as "keep": say it is missing instead
        raise MeetingError(
            "missing", "venue and address are required", "venue" if venue == "" else "address"
        )
    return Change(starts=starts, ends=ends, venue=venue, address=address)


async def save(
    session: AsyncSession, clock: Clock, meeting_id: int, edit: Edit, place: Place,
    render: NoticeRenderer, default_language: str, *, actor: int,
) -> Saved:  # fmt: skip
    """Check all, then save texts and capacity, then the move (each audited by its service)."""
    meeting = await repo.get(session, meeting_id)
    now = clock.now()
    if meeting is None or meeting.status == MeetingStatus.CANCELLED or meeting.ends_at <= now:
        raise MeetingError("not_found", "no such meeting (or it is cancelled or over)")
    move = _move(meeting, place)
    if move is not None:
        changes.checked(meeting, move, now)  # its errors before the texts are saved
    for (name, language), text in edit.texts.items():
        try:
            edits.clean(name, language, text)
        except MeetingError as error:  # named with its language, so the form marks that field
            raise MeetingError(error.code, str(error), f"{name}_{language}") from error
    outcome = await edits.apply(
        session, now, meeting_id, edit, actor=actor, render=render,
        default_language=default_language,
    )  # fmt: skip
    told = 0
    if move is not None:
        told = await changes.change(
            session, clock, meeting_id, move, render, default_language, actor=actor
        )
    return Saved(outcome, move is not None, told)

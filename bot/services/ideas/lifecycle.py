"""Ideas: the rules of handing one in, the reference number, and withdrawing it."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Literal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.clock import Clock
from bot.services.ideas.notices import StaffPost, cancel_staff_post, queue_staff_post
from bot.services.language.detection import detect_language
from bot.services.locale import content_language
from bot.services.profile import DISTRICTS, TOPICS
from bot.services.text_length import letter_count, utf16_len
from db.models import Idea, IdeaActor, IdeaEvent, IdeaStatus, StaffTopic, User
from db.repositories import ideas as repo

TEXT_MIN = 20  # UTF-16 units, as Telegram counts them
TEXT_MAX = 2000
LETTERS_MIN = 10  # letters of any script; emoji, digits, punctuation and spacing don't count
MAX_PHOTOS = 3
PHOTO_MAX_BYTES = 10 * 1024 * 1024
CITY = "city"  # the whole city instead of one district
# Real places an idea can be about (not "outside" or "prefer not to say").
IDEA_DISTRICTS = (*(d for d in DISTRICTS if d not in ("outside", "undisclosed")), CITY)
DAY = timedelta(days=1)
# Not decided yet: the author may still withdraw.
OPEN = frozenset({IdeaStatus.SUBMITTED, IdeaStatus.IN_REVIEW})


# Why an idea action was refused (IdeaError.code).
IdeaErrorCode = Literal[
    "action", "already_reported", "busy", "comment", "department", "district", "duplicate",
    "explanation", "limit", "location", "not_allowed", "not_found", "photos", "reason",
    "too_few_letters", "too_long", "too_short", "topic"
]  # fmt: skip


class IdeaError(ValueError):
    """A rule was broken; `code` lets each channel say why in its own words."""

    def __init__(self, code: IdeaErrorCode, message: str, **details: int | str) -> None:
        super().__init__(message)
        self.code = code
        self.details = details


@dataclass(frozen=True)
class IdeaDraft:
    """What a resident wants to hand in."""

    topic: str
    district: str
    text: str
    photos: tuple[str, ...] = field(default_factory=tuple)
    latitude: float | None = None
    longitude: float | None = None


def check_text(text: str) -> str:
    """The stripped text, or IdeaError too_short / too_long / too_few_letters with the numbers."""
    text = text.strip()
    length = utf16_len(text)
    if length < TEXT_MIN:
        raise IdeaError(
            "too_short", "text too short", length=length, missing=TEXT_MIN - length, limit=TEXT_MIN
        )
    if length > TEXT_MAX:
        raise IdeaError(
            "too_long", "text too long", length=length, over=length - TEXT_MAX, limit=TEXT_MAX
        )
    if letter_count(text) < LETTERS_MIN:
        raise IdeaError("too_few_letters", "too few letters", limit=LETTERS_MIN)
    return text


def check_draft(draft: IdeaDraft) -> None:
    """Raise IdeaError unless topic, district, text, photos and location are valid."""
    if draft.topic not in TOPICS:
        raise IdeaError("topic", f"unknown topic {draft.topic!r}")
    if draft.district not in IDEA_DISTRICTS:
        raise IdeaError("district", f"unknown district {draft.district!r}")
    check_text(draft.text)
    if len(draft.photos) > MAX_PHOTOS:
        raise IdeaError("photos", "too many photos", limit=MAX_PHOTOS)
    if (draft.latitude is None) != (draft.longitude is None):
        raise IdeaError("location", "latitude and longitude go together")


def author_tag(idea: Idea, key: bytes) -> str | None:
    """A pseudonym for staff: the same person always gets the same tag, never a name or id.

    A keyed HMAC (`Settings.author_key`), not a plain hash: user ids are sequential, so a hash
    of one could be recomputed by anyone for every id. None once the author's data is deleted
    (a kept idea is then linked to no one, not even to the author's other ideas)."""
    if idea.user_id is None:
        return None
    digest = hmac.new(key, str(idea.user_id).encode(), hashlib.sha256).hexdigest()
    return "#A" + digest[:6]


def photos_of(idea: Idea) -> list[str]:
    """The idea's photo file_ids."""
    return list(json.loads(idea.photos or "[]"))


async def remaining_today(session: AsyncSession, clock: Clock, user: User, per_day: int) -> int:
    """How many more ideas the resident may hand in within the current 24 hours."""
    return per_day - await repo.count_since(session, user.id, clock.now() - DAY)


async def submit(
    session: AsyncSession,
    clock: Clock,
    user: User,
    draft: IdeaDraft,
    *,
    per_day: int,
    ui_language: str | None = None,
    draft_key: str | None = None,
    staff_post: StaffPost | None = None,
) -> Idea:
    """Store a valid idea with the year's next reference number and queue its staff post."""
    check_draft(draft)
    now = clock.now()
    if draft_key is not None and await repo.by_draft_key(session, draft_key) is not None:
        raise IdeaError("duplicate", "this draft was already sent")
    if await repo.count_since(session, user.id, now - DAY) >= per_day:
        raise IdeaError("limit", "too many ideas today", limit=per_day)
    text, user_id = check_text(draft.text), user.id
    language = detect_language(text, ui_language and content_language(ui_language))
    for _attempt in range(5):  # two ideas at the same moment may pick the same number
        number = await repo.max_number(session, now.year) + 1
        idea = Idea(
            reference=f"I-{now.year}-{number:04d}", year=now.year, number=number,
            user_id=user_id, topic=draft.topic, district=draft.district, text=text,
            language=language, status=IdeaStatus.SUBMITTED, hidden=False,
            photos=json.dumps(list(draft.photos)), latitude=draft.latitude,
            longitude=draft.longitude, created_at=now, updated_at=now, draft_key=draft_key,
        )  # fmt: skip
        session.add(idea)
        try:
            await session.flush()
        except IntegrityError:
            await session.rollback()
            if draft_key is not None and await repo.by_draft_key(session, draft_key):
                raise IdeaError("duplicate", "this draft was already sent") from None
            continue
        session.add(
            IdeaEvent(idea_id=idea.id, actor=IdeaActor.AUTHOR, action="submit",
                      after=IdeaStatus.SUBMITTED,
                      created_at=now)
        )  # fmt: skip
        if staff_post is not None:  # no staff chat: staff find it with `stadtstimme ideas list`
            await queue_staff_post(session, idea, staff_post, now=now)
        await session.commit()
        return idea
    raise IdeaError("busy", "no free reference number, try again")


async def withdraw(session: AsyncSession, clock: Clock, user: User, idea_id: int) -> Idea:
    """The author takes back an idea that is not decided yet (its unsent staff post too)."""
    idea = await repo.get(session, idea_id, lock=True)
    if idea is None or idea.user_id != user.id:
        raise IdeaError("not_found", "no such idea of yours")
    if idea.status not in OPEN:
        raise IdeaError("not_allowed", f"cannot withdraw a {idea.status} idea")
    now, before = clock.now(), idea.status
    idea.status, idea.updated_at = IdeaStatus.WITHDRAWN, now
    session.add(
        IdeaEvent(idea_id=idea.id, actor=IdeaActor.AUTHOR, action="withdraw", before=before,
                  after=IdeaStatus.WITHDRAWN, created_at=now)
    )  # fmt: skip
    await cancel_staff_post(session, idea.id)
    await session.commit()
    return idea


async def remember_topic(session: AsyncSession, chat_id: int, name: str, thread_id: int) -> None:
    """Remember a forum topic the bot created, so it is created only once."""
    if await repo.staff_topic(session, chat_id, name) is None:
        session.add(StaffTopic(chat_id=chat_id, name=name, thread_id=thread_id))
        await session.commit()


async def get(session: AsyncSession, idea_id: int) -> Idea | None:
    """One idea by id, whatever its status."""
    return await repo.get(session, idea_id)


async def of_author(session: AsyncSession, user: User) -> list[Idea]:
    """The resident's own ideas, newest first (the latest 20)."""
    return await repo.of_user(session, user.id)


async def withdrawable(session: AsyncSession, user: User, idea_id: int) -> Idea | None:
    """The resident's own idea if it is undecided (so it may still be withdrawn), else None."""
    idea = await repo.get(session, idea_id)
    return idea if idea is not None and idea.user_id == user.id and idea.status in OPEN else None


async def undecided_without_staff_post(session: AsyncSession) -> list[Idea]:
    """Undecided ideas whose staff post was never queued (no staff chat was set), oldest first."""
    return await repo.open_without_staff_post(session, tuple(OPEN))

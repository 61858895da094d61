"""After a meeting: the 1–5 rating with an optional comment; and district subscriptions."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.clock import Clock
from bot.services.meetings.lifecycle import MEETING_DISTRICTS, MeetingError
from bot.services.meetings.reminders import plan_subscriber
from bot.services.text_length import utf16_len
from db.models import MeetingFeedback, MeetingSubscription, RegistrationStatus, User
from db.repositories import meetings as repo

COMMENT_MAX = 1000


async def rate(
    session: AsyncSession, clock: Clock, user: User, meeting_id: int, rating: int
) -> None:
    """Store (or replace) a registered resident's rating of a meeting that has ended."""
    if not 1 <= rating <= 5:
        raise MeetingError("rating", "rating must be 1 to 5")
    meeting = await repo.get(session, meeting_id)
    row = await repo.registration(session, meeting_id, user.id)
    if meeting is None or row is None or row.status != RegistrationStatus.REGISTERED:
        raise MeetingError("not_registered", "only people who registered can rate")
    if meeting.ends_at > clock.now():
        raise MeetingError("not_ended", "the meeting has not ended")
    existing = await repo.feedback(session, meeting_id, user.id)
    if existing is None:
        session.add(MeetingFeedback(meeting_id=meeting_id, user_id=user.id, rating=rating,
                                    created_at=clock.now()))  # fmt: skip
    else:
        existing.rating = rating
    await session.commit()


async def comment(session: AsyncSession, user: User, meeting_id: int, text: str) -> None:
    """Add the optional comment to a rating given before."""
    text = text.strip()
    if not text or utf16_len(text) > COMMENT_MAX:
        raise MeetingError("length", f"comment: 1 to {COMMENT_MAX} characters")
    existing = await repo.feedback(session, meeting_id, user.id)
    if existing is None:
        raise MeetingError("no_rating", "rate first")
    existing.comment = text
    await session.commit()


async def subscribed_district(session: AsyncSession, user: User) -> str | None:
    """The district whose new meetings the resident hears about, or None."""
    subscription = await repo.subscription(session, user.id)
    return subscription.district if subscription is not None else None


async def subscribe(session: AsyncSession, clock: Clock, user: User, district: str | None) -> None:
    """Subscribe to one district's new meetings (None: unsubscribe); plans 3-day reminders."""
    if district is not None and district not in MEETING_DISTRICTS:
        raise MeetingError("district", f"unknown district {district!r}")
    existing = await repo.subscription(session, user.id)
    if existing is not None:
        await session.delete(existing)
        await repo.drop_subscriber_reminders(session, user.id)
        await session.flush()
    if district is not None:
        now = clock.now()
        session.add(MeetingSubscription(user_id=user.id, district=district, created_at=now))
        for meeting in await repo.upcoming(session, now, district):
            await plan_subscriber(session, meeting, user, now)
    await session.commit()

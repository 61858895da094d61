"""Everything stored about one person: export (Art. 15/20 GDPR) and erasure (Art. 17).

Each feature registers one exporter in EXPORTERS (a section of the JSON document) and relies on
`ON DELETE CASCADE` from `users` for erasure; rows keyed by the Telegram id instead of the user
row (conversation state, queued messages, polls sent, poll votes under their keyed hash) are
removed here. A test scans every table and column for the Telegram id and the vote hash after
erasure, so a feature that forgets this is caught. Conversation state kept in Redis is removed by
the caller (`bot.storage.forget_conversations`): services don't know the FSM storage. Places
the person held at upcoming meetings go to the waiting lists first.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import idea_erasure, poll_votes
from bot.services import personal_data_meetings as meetings
from bot.services.clock import Clock
from bot.services.idea_erasure import StaffChatTexts
from bot.services.meetings import NoticeRenderer
from db.models import FsmRecord, Idea, IdeaReport, IdeaSupport, OutboxMessage, User
from db.repositories import users as user_repo

Exporter = Callable[[AsyncSession, User], Awaitable[Any]]
# Statuses of ideas everyone can see; the author may keep these anonymously when leaving.
PUBLIC_STATUSES = ("published", "forwarded", "implemented", "not_pursued")


@dataclass(frozen=True)
class Erasure:
    """What erasing needs: the votes' key, what tells a waiting list that a place is free, and
    the staff chat's texts for the posts of the person's ideas."""

    poll_key: bytes
    clock: Clock
    render: NoticeRenderer
    default_language: str
    staff_chat: StaffChatTexts


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


async def _profile(session: AsyncSession, user: User) -> dict[str, Any]:
    return {
        "telegram_id": user.telegram_id,
        "language": user.language,
        "telegram_language": user.telegram_language,
        "district": user.district,
        "age_group": user.age_group,
        "topics": await user_repo.topics_of(session, user.id),
        "first_contact": _when(user.created_at),
        "last_activity": _when(user.last_seen_at),
    }


async def _consents(session: AsyncSession, user: User) -> dict[str, Any]:
    return {
        "privacy_notice_version_seen": user.privacy_version,
        "profile_consent_given_at": _when(user.profile_consent_at),
    }


async def _announcement_settings(session: AsyncSession, user: User) -> dict[str, Any]:
    return {"announcements": user.announcements, "bot_reachable": user.reachable}


async def _ideas(session: AsyncSession, user: User) -> list[dict[str, Any]]:
    rows = await session.execute(select(Idea).where(Idea.user_id == user.id).order_by(Idea.id))
    return [
        {
            "reference": idea.reference, "status": idea.status, "topic": idea.topic,
            "district": idea.district, "text": idea.text, "photos": len(json.loads(idea.photos)),
            "location": [idea.latitude, idea.longitude] if idea.latitude is not None else None,
            "handed_in": _when(idea.created_at), "published": _when(idea.published_at),
        }
        for idea in rows.scalars()
    ]  # fmt: skip


async def _supports(session: AsyncSession, user: User) -> list[dict[str, Any]]:
    rows = await session.execute(
        select(Idea.reference, IdeaSupport.created_at)
        .join(Idea, Idea.id == IdeaSupport.idea_id)
        .where(IdeaSupport.user_id == user.id)
        .order_by(IdeaSupport.created_at)
    )
    return [{"idea": reference, "at": _when(at)} for reference, at in rows.all()]


async def _reports(session: AsyncSession, user: User) -> list[dict[str, Any]]:
    rows = await session.execute(
        select(Idea.reference, IdeaReport.reason, IdeaReport.created_at)
        .join(Idea, Idea.id == IdeaReport.idea_id)
        .where(IdeaReport.user_id == user.id)
        .order_by(IdeaReport.created_at)
    )
    return [{"idea": ref, "reason": reason, "at": _when(at)} for ref, reason, at in rows.all()]


async def _queued_messages(session: AsyncSession, user: User) -> dict[str, int]:
    rows = await session.execute(
        select(OutboxMessage.status, OutboxMessage.id).where(
            or_(OutboxMessage.user_id == user.id, OutboxMessage.chat_id == user.telegram_id)
        )
    )
    counts: dict[str, int] = {}
    for status, _id in rows.all():
        counts[status] = counts.get(status, 0) + 1
    return counts


# The sections of the export, in order. Poll votes have none: they are not linked to the person
# (the handler adds a sentence saying so, in the person's language).
EXPORTERS: tuple[tuple[str, Exporter], ...] = (
    ("profile", _profile),
    ("consents", _consents),
    ("announcement_settings", _announcement_settings),
    ("ideas", _ideas),
    ("supports", _supports),
    ("reports", _reports),
    ("messages_to_you", _queued_messages),
    ("meeting_registrations", meetings.registrations),
    ("meeting_reminders", meetings.reminders),
    ("meeting_subscription", meetings.subscription),
    ("meeting_feedback", meetings.feedback),
)


async def export(session: AsyncSession, clock: Clock, user: User) -> dict[str, Any]:
    """The whole document: every registered section, plus when it was made."""
    document: dict[str, Any] = {"created": clock.now().isoformat()}
    for name, exporter in EXPORTERS:
        document[name] = await exporter(session, user)
    return document


async def erase(session: AsyncSession, user: User, how: Erasure, *, keep_public_ideas: bool) -> int:
    """Delete the person and everything linked; returns how many ideas were kept anonymously.

    The one way a person's data is erased: /delete, Settings → Privacy, `stadtstimme users
    delete` and the retention tick all come here (so the staff chat posts go too)."""
    await meetings.hand_back_places(session, how.clock, user, how.render, how.default_language)
    kept: list[int] = []
    if keep_public_ideas:
        public = Idea.user_id == user.id, Idea.status.in_(PUBLIC_STATUSES)
        kept = list((await session.execute(select(Idea.id).where(*public))).scalars())
        await session.execute(
            update(Idea).where(Idea.id.in_(kept)).values(user_id=None, draft_key=None)
        )
    await idea_erasure.forget_posts(session, user.id, kept, how.staff_chat, how.clock.now())
    telegram_id = user.telegram_id
    # Conversation state keys are "bot:chat:user:thread:business:destiny".
    await session.execute(delete(FsmRecord).where(FsmRecord.key.like(f"%:{telegram_id}:%")))
    await session.execute(delete(OutboxMessage).where(OutboxMessage.chat_id == telegram_id))
    await poll_votes.forget(session, how.poll_key, telegram_id)
    await user_repo.remove(session, user)
    await session.commit()
    return len(kept)

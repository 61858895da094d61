"""The person's own row and conversations in /mydata: profile, consents, settings, drafts.

Registered in `bot.services.personal_data.sections.SECTIONS`. Every column of `users` is the
person's data; the coverage test fails for a new one until a section here shows it.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import FsmRecord, OutboxMessage, User
from db.repositories import users as user_repo


def when(moment: datetime | None) -> str | None:
    """A stored UTC moment as ISO 8601 text (None stays None)."""
    return moment.isoformat() if moment else None


async def profile(session: AsyncSession, user: User) -> dict[str, Any]:
    """Ids, languages, the optional profile and when the person was first and last here."""
    return {
        "telegram_id": user.telegram_id,
        "language": user.language,
        "telegram_language": user.telegram_language,
        "district": user.district,
        "age_group": user.age_group,
        "topics": await user_repo.topics_of(session, user.id),
        "first_steps_done": user.onboarded,
        "first_contact": when(user.created_at),
        "last_activity": when(user.last_seen_at),
    }


async def consents(session: AsyncSession, user: User) -> dict[str, Any]:
    """Which privacy notice the person saw, and when they agreed to the profile."""
    return {
        "privacy_notice_version_seen": user.privacy_version,
        "profile_consent_given_at": when(user.profile_consent_at),
    }


async def announcement_settings(session: AsyncSession, user: User) -> dict[str, Any]:
    """Announcements on or off, and whether Telegram still lets the bot write."""
    return {"announcements": user.announcements, "bot_reachable": user.reachable}


async def language_offers(session: AsyncSession, user: User) -> list[str]:
    """Languages already offered after the person wrote in them (each is offered once)."""
    return sorted(filter(None, user.language_offers.split(",")))


async def retention_warning(session: AsyncSession, user: User) -> dict[str, Any]:
    """When the 'your data will be deleted for inactivity' warning went out (None: not yet)."""
    return {"warned_at": when(user.retention_warned_at)}


async def queued_messages(session: AsyncSession, user: User) -> dict[str, int]:
    """Messages to the person in the outbox, counted by status."""
    rows = await session.execute(
        select(OutboxMessage.status, OutboxMessage.id).where(
            or_(OutboxMessage.user_id == user.id, OutboxMessage.chat_id == user.telegram_id)
        )
    )
    counts: dict[str, int] = {}
    for status, _id in rows.all():
        counts[status] = counts.get(status, 0) + 1
    return counts


def persons_key(key: str, telegram_id: int) -> bool:
    """Keys are "bot:chat:user:thread:business:destiny"; the person is the chat or the user."""
    parts = key.split(":")
    return str(telegram_id) in parts[1:3]


async def open_drafts(session: AsyncSession, user: User) -> list[dict[str, Any]]:
    """Conversations under way (in the database): the step and what was typed so far."""
    rows = await session.execute(
        select(FsmRecord)
        .where(FsmRecord.key.like(f"%:{user.telegram_id}:%"))
        .order_by(FsmRecord.updated_at, FsmRecord.key)
    )
    return [
        {
            "step": row.state,
            "entered": json.loads(row.data or "{}"),
            "updated": when(row.updated_at),
        }
        for row in rows.scalars()
        if persons_key(row.key, user.telegram_id)
    ]

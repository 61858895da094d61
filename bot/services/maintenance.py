"""Housekeeping run by the scheduler: old update ids, inactive residents, old audit entries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.outbox import NOTICE, enqueue
from bot.services.clock import Clock
from bot.services.locale import resolve_language
from bot.services.personal_data import erasure_log
from bot.services.personal_data import rights as personal_data
from db.models import User
from db.repositories import audit, updates

UPDATE_MEMORY = timedelta(days=1)
WARNING_AHEAD = timedelta(days=30)
# The warning in the person's language (the caller brings the catalogs).
WarningText = Callable[[str], str]


def months(count: int) -> timedelta:
    """Calendar months as days (an average month: 365/12 days)."""
    return timedelta(days=round(count * 365 / 12))


@dataclass(frozen=True)
class RetentionResult:
    """What one retention run did, for the log."""

    warned: int
    deleted: int
    audit_pruned: int
    # Telegram ids of the deleted, for what lives outside the database (Redis conversations).
    erased: tuple[int, ...] = field(default=(), compare=False, repr=False)


async def prune_processed_updates(factory: async_sessionmaker[AsyncSession], clock: Clock) -> int:
    """Forget update ids older than a day (Telegram redelivers within hours, not days)."""
    async with factory() as session:
        count = await updates.prune_before(session, clock.now() - UPDATE_MEMORY)
        await session.commit()
    return count


async def highest_processed_update(factory: async_sessionmaker[AsyncSession]) -> int:
    """The highest update id the bot remembers processing (a new one must be higher)."""
    async with factory() as session:
        return await updates.highest_processed(session)


async def retention(
    factory: async_sessionmaker[AsyncSession],
    clock: Clock,
    *,
    inactive_months: int,
    audit_months: int,
    warning: WarningText,
    default_language: str,
    erasure: personal_data.Erasure,
) -> RetentionResult:
    """Warn residents 30 days before deletion, delete those warned long enough ago, prune audit."""
    now = clock.now()
    limit = months(inactive_months)
    async with factory() as session:
        due = await session.execute(
            select(User).where(
                User.last_seen_at < now - limit + WARNING_AHEAD, User.retention_warned_at.is_(None)
            )
        )
        warned = 0
        for user in due.scalars():
            user.retention_warned_at = now
            if user.reachable:
                language = resolve_language(user.language, user.telegram_language, default_language)
                await enqueue(
                    session, chat_id=user.telegram_id, method="sendMessage",
                    params={"text": warning(language)}, user_id=user.id, priority=NOTICE,
                    dedupe_key=f"retention:{user.id}:{user.last_seen_at:%Y%m%d%H}", now=now,
                )  # fmt: skip
            warned += 1
        await session.commit()
    erased = await _delete_expired(factory, now, limit, erasure)
    async with factory() as session:
        pruned = await audit.prune_before(session, now - months(audit_months))
        await erasure_log.prune(session, now)
        await session.commit()
    return RetentionResult(warned, len(erased), pruned, tuple(erased))


async def _delete_expired(
    factory: async_sessionmaker[AsyncSession],
    now: datetime,
    limit: timedelta,
    erasure: personal_data.Erasure,
) -> list[int]:
    """Inactive past the limit and warned at least 30 days ago: erase, one person at a time."""
    erased = []
    async with factory() as session:
        expired = await session.execute(
            select(User).where(
                User.last_seen_at < now - limit,
                User.retention_warned_at <= now - WARNING_AHEAD,
            )
        )
        for user in expired.scalars().all():
            telegram_id = user.telegram_id
            await personal_data.erase(session, user, erasure, keep_public_ideas=False)
            erased.append(telegram_id)
    return erased

"""Housekeeping run by the scheduler: forget old update ids, delete inactive residents."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.services.clock import Clock
from db.models import User
from db.repositories import updates

UPDATE_MEMORY = timedelta(days=1)
INACTIVITY_LIMIT = timedelta(days=730)


async def prune_processed_updates(factory: async_sessionmaker[AsyncSession], clock: Clock) -> int:
    """Forget update ids older than a day (Telegram redelivers within hours, not days)."""
    async with factory() as session:
        count = await updates.prune_before(session, clock.now() - UPDATE_MEMORY)
        await session.commit()
    return count


async def delete_inactive_users(factory: async_sessionmaker[AsyncSession], clock: Clock) -> int:
    """Delete residents without activity for 24 months, as the privacy notice promises."""
    async with factory() as session:
        result = await session.execute(
            delete(User).where(User.last_seen_at < clock.now() - INACTIVITY_LIMIT)
        )
        await session.commit()
    return int(getattr(result, "rowcount", 0) or 0)

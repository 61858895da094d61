"""Queries on processed update ids (idempotency)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ProcessedUpdate


async def was_processed(session: AsyncSession, update_id: int) -> bool:
    """Whether this update id was already handled."""
    result = await session.execute(
        select(ProcessedUpdate.update_id).where(ProcessedUpdate.update_id == update_id)
    )
    return result.first() is not None


async def prune_before(session: AsyncSession, cutoff: datetime) -> int:
    """Forget update ids processed before the cutoff; returns how many."""
    result = await session.execute(
        delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < cutoff)
    )
    return int(getattr(result, "rowcount", 0) or 0)

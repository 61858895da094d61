"""Queries on campaigns."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Campaign


async def sending_ids(session: AsyncSession) -> list[int]:
    """Campaigns being sent right now."""
    result = await session.execute(select(Campaign.id).where(Campaign.status == "sending"))
    return list(result.scalars())

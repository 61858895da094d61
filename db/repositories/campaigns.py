"""Queries on campaigns."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Campaign, CampaignStatus


async def sending_ids(session: AsyncSession) -> list[int]:
    """Campaigns being sent right now."""
    result = await session.execute(
        select(Campaign.id).where(Campaign.status == CampaignStatus.SENDING)
    )
    return list(result.scalars())


async def cancelled_among(session: AsyncSession, ids: set[int]) -> set[int]:
    """Which of these campaigns have been cancelled."""
    if not ids:
        return set()
    query = select(Campaign.id).where(
        Campaign.id.in_(ids), Campaign.status == CampaignStatus.CANCELLED
    )
    return set((await session.scalars(query)).all())


async def cancelled_since(session: AsyncSession, since: datetime) -> list[int]:
    """Campaigns cancelled at or after `since` (from Telegram, the CLI or another process)."""
    result = await session.execute(
        select(Campaign.id).where(
            Campaign.status == CampaignStatus.CANCELLED, Campaign.finished_at >= since
        )
    )
    return list(result.scalars())

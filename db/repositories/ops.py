"""Queries for the operator's metrics: counts only, never a person."""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Campaign, OutboxMessage

CAMPAIGN_KIND = "campaign"


async def pending_by_kind(session: AsyncSession) -> dict[str, int]:
    """Outbox rows still to be sent (pending or claimed), by campaign or Bot API method."""
    kind = case((OutboxMessage.campaign_id.is_not(None), CAMPAIGN_KIND), else_=OutboxMessage.method)
    rows = await session.execute(
        select(kind, func.count())
        .where(OutboxMessage.status.in_(("pending", "sending")))
        .group_by(kind)
    )
    return {str(name): int(count) for name, count in rows.all()}


async def sending_campaign_progress(session: AsyncSession) -> dict[int, float]:
    """Campaigns being sent: the share of their messages that reached an end state."""
    done = func.sum(case((OutboxMessage.status.in_(("pending", "sending")), 0), else_=1))
    rows = await session.execute(
        select(OutboxMessage.campaign_id, done, func.count())
        .join(Campaign, Campaign.id == OutboxMessage.campaign_id)
        .where(Campaign.status == "sending")
        .group_by(OutboxMessage.campaign_id)
    )
    return {int(campaign): int(ended or 0) / n for campaign, ended, n in rows.all() if n}

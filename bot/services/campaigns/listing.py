"""The staff's overview of recent announcements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import html
from bot.services.campaigns.lifecycle import Progress, progress, texts_of
from bot.services.text_length import clip
from db.models import Campaign

EXCERPT = 60


@dataclass(frozen=True)
class Summary:
    """One entry of the list."""

    id: int
    send_at: datetime
    finished_at: datetime | None
    excerpt: str  # the visible German text, shortened; not HTML-escaped
    progress: Progress


async def recent(session: AsyncSession, limit: int = 10) -> list[Summary]:
    """The newest campaigns with their counts, newest first."""
    rows = await session.execute(select(Campaign).order_by(Campaign.id.desc()).limit(limit))
    summaries = []
    for campaign in rows.scalars().all():
        german = (await texts_of(session, campaign.id)).get("de", "")
        visible = " ".join(html.visible_text(german).split())
        visible = clip(visible, EXCERPT)
        state = await progress(session, campaign.id)
        if state is not None:
            summaries.append(
                Summary(campaign.id, campaign.send_at, campaign.finished_at, visible, state)
            )
    return summaries

"""Turn an outbox row into a Bot API method call; campaign rows are rendered from the campaign."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiogram import methods
from aiogram.methods import TelegramMethod
from sqlalchemy.ext.asyncio import AsyncSession

from bot.delivery.placeholder import placeholder_media, placeholder_png
from bot.services import campaigns
from bot.services.idea_erasure import FALLBACK, PLACEHOLDER
from db.models import Campaign, OutboxMessage
from db.repositories import campaigns as campaign_rows


@dataclass(frozen=True)
class CampaignContent:
    """What every recipient of one campaign gets, per language."""

    texts: dict[str, str]
    photo: str | None
    paid: bool


class Renderer:
    """Builds method objects; campaign texts are loaded once per campaign, not per row."""

    def __init__(self) -> None:
        self.campaigns: dict[int, CampaignContent] = {}
        self.cancelled: set[int] = set()
        self.placeholder: bytes | None = None  # made on first use: erasures past 48 hours

    async def load(self, session: AsyncSession, rows: list[OutboxMessage]) -> None:
        """Fetch the campaigns these rows refer to."""
        for campaign_id in {r.campaign_id for r in rows if r.campaign_id} - set(self.campaigns):
            campaign = await session.get(Campaign, campaign_id)
            if campaign is not None:
                texts = await campaigns.texts_of(session, campaign_id)
                self.campaigns[campaign_id] = CampaignContent(texts, campaign.photo, campaign.paid)

    async def refresh(self, session: AsyncSession) -> None:
        """Learn which loaded campaigns were cancelled (their claimed rows are not sent)."""
        self.cancelled = await campaign_rows.cancelled_among(session, set(self.campaigns))

    def method(self, row: OutboxMessage) -> TelegramMethod[Any]:
        """The call that delivers this row."""
        params: dict[str, Any] = {"chat_id": row.chat_id}
        if row.campaign_id is not None:
            content = self.campaigns[row.campaign_id]
            text = content.texts.get(row.language or "de") or content.texts["de"]
            if content.photo:
                params |= {"photo": content.photo, "caption": text}
            else:
                params["text"] = text
            if content.paid:
                params["allow_paid_broadcast"] = True
        else:
            params |= json.loads(row.payload or "{}")
            # What to do if Telegram refuses this call (bot.delivery.outcomes): not a parameter.
            params.pop(FALLBACK, None)
            media = params.get("media")
            if isinstance(media, dict) and media.get("media") == PLACEHOLDER:
                self.placeholder = self.placeholder or placeholder_png()
                params["media"] = placeholder_media(self.placeholder, media.get("caption"))
        method_class = getattr(methods, row.method[0].upper() + row.method[1:])
        return method_class(**params)

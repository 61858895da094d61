"""Turn an outbox row into a Bot API method call; campaign rows are rendered from the campaign."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiogram import methods
from aiogram.methods import TelegramMethod
from sqlalchemy.ext.asyncio import AsyncSession

from bot.delivery.placeholder import placeholder_media, placeholder_png
from bot.services import campaigns, poll_results
from bot.services.idea_erasure import FALLBACK, PLACEHOLDER
from bot.services.poll_results import Results
from bot.services.poll_votes import RESULTS_OF, THANKS_PREFIX
from db.models import Campaign, OutboxMessage
from db.repositories import campaigns as campaign_rows
from db.repositories import polls as poll_rows

# A poll's results as text in a language (the caller owns the catalogs).
ResultsText = Callable[[Results, str], str]


@dataclass(frozen=True)
class CampaignContent:
    """What every recipient of one campaign gets, per language."""

    texts: dict[str, str]
    photo: str | None
    paid: bool


class Renderer:
    """Builds method objects; campaign texts are loaded once per campaign, not per row."""

    def __init__(self, results_text: ResultsText | None = None) -> None:
        self.campaigns: dict[int, CampaignContent] = {}
        self.cancelled: set[int] = set()
        self.results_text = results_text
        # (poll id, language) -> the results as of the latest claim, for thank-yous to voters.
        self.poll_results: dict[tuple[int, str], str] = {}
        self.placeholder: bytes | None = None  # made on first use: erasures past 48 hours

    async def load(self, session: AsyncSession, rows: list[OutboxMessage]) -> None:
        """Fetch the campaigns these rows refer to."""
        for campaign_id in {r.campaign_id for r in rows if r.campaign_id} - set(self.campaigns):
            campaign = await session.get(Campaign, campaign_id)
            if campaign is not None:
                texts = await campaigns.texts_of(session, campaign_id)
                self.campaigns[campaign_id] = CampaignContent(texts, campaign.photo, campaign.paid)
        await self._load_results(session, rows)

    async def _load_results(self, session: AsyncSession, rows: list[OutboxMessage]) -> None:
        """The current results of the polls these thank-yous name, once per poll and language."""
        wanted = {
            (poll_id, row.language or "de")
            for row in rows
            if row.dedupe_key.startswith(THANKS_PREFIX)
            and (poll_id := json.loads(row.payload or "{}").get(RESULTS_OF)) is not None
        }
        for poll_id, language in wanted:
            poll = await poll_rows.get(session, poll_id)
            if poll is None or self.results_text is None:
                self.poll_results.pop((poll_id, language), None)
                continue
            results = await poll_results.compute(session, poll, language)
            self.poll_results[(poll_id, language)] = self.results_text(results, language)

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
            poll_id = params.pop(RESULTS_OF, None)
            results = self.poll_results.get((poll_id, row.language or "de"))
            if results is not None:
                params["text"] += "\n\n" + results
            media = params.get("media")
            if isinstance(media, dict) and media.get("media") == PLACEHOLDER:
                self.placeholder = self.placeholder or placeholder_png()
                params["media"] = placeholder_media(self.placeholder, media.get("caption"))
        method_class = getattr(methods, row.method[0].upper() + row.method[1:])
        return method_class(**params)

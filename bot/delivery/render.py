"""Turn an outbox row into a Bot API method call; campaign rows are rendered from the campaign."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

from aiogram import methods
from aiogram.methods import TelegramMethod
from aiogram.types import BufferedInputFile
from sqlalchemy.ext.asyncio import AsyncSession

from bot.delivery.placeholder import placeholder_media, placeholder_png
from bot.presentation.budget_news import ChartRenderer
from bot.presentation.machine_note import NoteText
from bot.services.budget import results as budget_results
from bot.services.budget.chart import BUDGET_CHART
from bot.services.campaigns import lifecycle as campaigns
from bot.services.ideas.erasure import FALLBACK, PLACEHOLDER
from bot.services.polls import results as poll_results
from bot.services.polls.lifecycle import MACHINE_MADE
from bot.services.polls.results import Results
from bot.services.polls.votes import RESULTS_OF, THANKS_PREFIX
from db.models import BudgetProcess, Campaign, OutboxMessage
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
    machine: frozenset[str] = frozenset()  # versions machine translation made


class Renderer:
    """Builds method objects; campaign texts are loaded once per campaign, not per row."""

    def __init__(
        self, results_text: ResultsText | None = None, note_text: NoteText | None = None,
        budget_chart: ChartRenderer | None = None,
    ) -> None:  # fmt: skip
        self.campaigns: dict[int, CampaignContent] = {}
        self.budget_chart = budget_chart
        # (process id, language) -> the results chart; a closed process's results never change.
        self.budget_charts: dict[tuple[int, str], bytes] = {}
        self.note_text = note_text
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
                machine = await campaigns.machine_made(session, campaign_id)
                self.campaigns[campaign_id] = CampaignContent(
                    texts, campaign.photo, campaign.paid, machine
                )
        await self._load_results(session, rows)
        await self._load_charts(session, rows)

    async def _load_charts(self, session: AsyncSession, rows: list[OutboxMessage]) -> None:
        """Draw each Bürgerhaushalt results chart these rows ask for, once per language."""
        wanted = {
            (process_id, row.language or "de")
            for row in rows
            if row.method == "sendPhoto"
            and (process_id := json.loads(row.payload or "{}").get(BUDGET_CHART)) is not None
        } - set(self.budget_charts)
        for process_id, language in wanted:
            process = await session.get(BudgetProcess, process_id)
            if process is None or process.results is None or self.budget_chart is None:
                continue
            projects = await budget_results.on_ballot(session, process_id)
            self.budget_charts[(process_id, language)] = self.budget_chart(
                language, process, projects
            )

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
            language = row.language if row.language in content.texts else "de"
            text = self._noted(content.texts[language], language, language in content.machine)
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
            if params.pop(MACHINE_MADE, None) and row.method == "sendPoll":
                params["description"] = self._noted("", row.language or "de", True).strip()
            chart = params.pop(BUDGET_CHART, None)
            if chart is not None:
                png = self.budget_charts.get((chart, row.language or "de"), b"")
                params["photo"] = BufferedInputFile(png, "results.png")
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

    def _noted(self, text: str, language: str, machine: bool) -> str:
        """The text with the machine-translated note below, in its language, if it has one."""
        if not machine or self.note_text is None:
            return text
        return text + "\n\n<i>" + escape(self.note_text(language)) + "</i>"

"""The sender's housekeeping: queue campaigns whose time has come, free expired claims, keep
the staff's progress messages up to date."""

from __future__ import annotations

import time
from datetime import timedelta

from aiogram import Bot

from bot.delivery.pacing import Pacer
from bot.delivery.progress import show_progress
from bot.delivery.render import Renderer
from bot.runtime import Runtime
from bot.services.campaigns import lifecycle as campaigns
from db.repositories import campaigns as campaign_rows
from db.repositories import outbox

PROGRESS_EVERY = 5.0


class Housekeeper:
    """One round every half second while this process is the sender."""

    def __init__(self, runtime: Runtime, bot: Bot, pacer: Pacer, renderer: Renderer) -> None:
        self.runtime = runtime
        self.bot = bot
        self.pacer = pacer
        self.renderer = renderer
        self.last_progress = 0.0
        # A campaign cancelled while no sender ran still gets its final report.
        self.reported_until = runtime.clock.now() - timedelta(days=1)

    async def round(self) -> None:
        """Queue due campaigns, release expired claims, learn of cancels, show progress."""
        clock, settings = self.runtime.clock, self.runtime.settings
        async with self.runtime.session_factory() as session:
            await campaigns.queue_due(session, clock, settings.default_language)
            await outbox.release_sending(session, clock.now(), all_rows=False)
            await self.renderer.refresh(session)
            await session.commit()
            finished = await campaigns.finish_completed(session, clock)
            if not finished and time.monotonic() - self.last_progress <= PROGRESS_EVERY:
                return
            self.last_progress = time.monotonic()
            # Cancelled ones get their final report too, wherever they were cancelled.
            since, self.reported_until = self.reported_until, clock.now()
            cancelled = await campaign_rows.cancelled_since(session, since)
            for campaign_id in finished + cancelled + await campaign_rows.sending_ids(session):
                await self.pacer.wait()
                try:
                    await show_progress(
                        self.bot, self.runtime.i18n, session, campaign_id, settings.send_rate,
                        paid_rate=settings.paid_broadcast_rate,
                    )  # fmt: skip
                finally:
                    self.pacer.done()

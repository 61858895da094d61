"""The sender: as the one active sender, claim due outbox rows and deliver them within limits.

standby --lock acquired--> leading: release old claims → [queue due campaigns → claim →
send (paced) → write outcomes → progress every 5 s] … --lock lost/stopped--> standby
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta

from aiogram import Bot

from bot.app import Runtime
from bot.delivery import outcomes
from bot.delivery.leadership import leadership
from bot.delivery.pacing import PAID_MARGIN, ChatGaps, Pacer
from bot.delivery.progress import show_progress
from bot.delivery.render import Renderer
from bot.services import campaigns
from db.models import OutboxMessage
from db.repositories import campaigns as campaign_rows
from db.repositories import outbox

log = logging.getLogger(__name__)
STANDBY_POLL = 2.0
IDLE_POLL = 0.5
CLAIM_LEASE = timedelta(seconds=60)
PROGRESS_EVERY = 5.0
MAX_IN_FLIGHT = 64
# Rows claimed at once: a claim stalls the send loop, so a short one fits in the pacer's catch-up.
CLAIM_SECONDS = 0.25
EXPIRY_MARGIN = timedelta(seconds=1)


class Sender:
    """Delivers the outbox; many processes may run one, only the leader sends."""

    def __init__(self, runtime: Runtime, bot: Bot) -> None:
        self.runtime = runtime
        self.bot = bot
        self.role = leadership(runtime, "sender")
        settings = runtime.settings
        self.rate = settings.send_rate
        self.pacer = Pacer(self.rate)
        self.paid_pacer = Pacer(settings.paid_broadcast_rate or self.rate, PAID_MARGIN)
        self.gaps = ChatGaps()
        self.renderer = Renderer()
        self.results = outcomes.Outcomes(runtime.clock)
        self.in_flight: set[asyncio.Task[None]] = set()
        self.slots = asyncio.Semaphore(MAX_IN_FLIGHT)
        self.last_progress = 0.0
        # A campaign cancelled while no sender ran still gets its final report.
        self.reported_until = runtime.clock.now() - timedelta(days=1)

    async def run(self, stop: asyncio.Event) -> None:
        """Stand by or lead until `stop` is set."""
        await self.run_until(_is_set(stop))

    async def run_until(self, predicate: Callable[[], Awaitable[bool]]) -> None:
        """Stand by or lead until `predicate()` is true, then finish in-flight sends."""
        said_standby = False
        try:
            while not await predicate():
                if await self.role.acquire():
                    log.info("this process is now the active sender")
                    said_standby = False
                    await self._lead(predicate)
                else:
                    if not said_standby:
                        log.info("another process is the active sender; standing by")
                        said_standby = True
                    await asyncio.sleep(STANDBY_POLL)
        finally:
            await self._settle()
            await self.role.release()

    async def _lead(self, predicate: Callable[[], Awaitable[bool]]) -> None:
        async with self.runtime.session_factory() as session:
            # Only the leader sends, so every claim left over belongs to a dead sender.
            released = await outbox.release_sending(
                session, self.runtime.clock.now(), all_rows=True
            )
            await session.commit()
        if released:
            log.warning("took over %d messages a previous sender had claimed", released)
        renewed = time.monotonic()
        while not await predicate():
            if time.monotonic() - renewed > STANDBY_POLL:
                if not await self.role.acquire():
                    log.warning("lost the sender role")
                    return
                renewed = time.monotonic()
            await self._housekeeping()
            if not await self._send_batch():
                await self._flush()
                await asyncio.sleep(IDLE_POLL)

    async def _send_batch(self) -> bool:
        now = self.runtime.clock.now()
        limit = max(16, int(self.paid_pacer_rate() * CLAIM_SECONDS))
        async with self.runtime.session_factory() as session:
            rows = await outbox.claim_due(session, now, now + CLAIM_LEASE, limit)
            await self.renderer.load(session, rows)
            await session.commit()
        for row in rows:
            await self._send_one(row)
            await self._flush(only_if_due=True)
        return bool(rows)

    def paid_pacer_rate(self) -> float:
        """The fastest rate any row may go out at."""
        return max(self.rate, float(self.runtime.settings.paid_broadcast_rate))

    async def _send_one(self, row: OutboxMessage) -> None:
        wait = self.gaps.wait_for(row.chat_id, time.monotonic())
        if wait > 0:
            self.results.postpone(row, wait)
            return
        if self._expired(row):
            return
        paid = bool(row.campaign_id and self.renderer.campaigns[row.campaign_id].paid)
        await (self.paid_pacer if paid else self.pacer).wait()
        if self._expired(row):  # a claimed reminder may have waited into the meeting's start
            return
        await self.slots.acquire()
        self.gaps.sent(row.chat_id, time.monotonic())
        task = asyncio.create_task(self._deliver(row))
        self.in_flight.add(task)
        task.add_done_callback(self.in_flight.discard)

    def _expired(self, row: OutboxMessage) -> bool:
        """Past its `expires_at` (with a margin for the way to Telegram): recorded, not sent."""
        if row.expires_at is None or self.runtime.clock.now() < row.expires_at - EXPIRY_MARGIN:
            return False
        self.results.expired(row)
        return True

    async def _deliver(self, row: OutboxMessage) -> None:
        try:
            result = await self.bot(self.renderer.method(row))
            self.results.sent(row, getattr(result, "message_id", None))
            if row.method == "sendPoll":
                self.results.poll_sent(row, result)
        except Exception as error:
            pause = self.results.failed(row, error)
            if pause:
                self.pacer.pause_until(time.monotonic() + pause)
                self.paid_pacer.pause_until(time.monotonic() + pause)
        finally:
            self.slots.release()

    async def _flush(self, only_if_due: bool = False) -> None:
        if only_if_due and not self.results.due():
            return
        async with self.runtime.session_factory() as session:
            await self.results.write(session)
            await session.commit()

    async def _housekeeping(self) -> None:
        clock, settings = self.runtime.clock, self.runtime.settings
        async with self.runtime.session_factory() as session:
            await campaigns.queue_due(session, clock, settings.default_language)
            await outbox.release_sending(session, clock.now(), all_rows=False)
            await session.commit()
            finished = await campaigns.finish_completed(session, clock)
            if finished or time.monotonic() - self.last_progress > PROGRESS_EVERY:
                self.last_progress = time.monotonic()
                # Cancelled ones get their final report too, wherever they were cancelled.
                since, self.reported_until = self.reported_until, clock.now()
                cancelled = await campaign_rows.cancelled_since(session, since)
                for campaign_id in finished + cancelled + await campaign_rows.sending_ids(session):
                    await self.pacer.wait()
                    await show_progress(
                        self.bot, self.runtime.i18n, session, campaign_id, self.rate,
                        paid_rate=settings.paid_broadcast_rate,
                    )  # fmt: skip

    async def _settle(self) -> None:
        if self.in_flight:
            await asyncio.gather(*self.in_flight, return_exceptions=True)
        await self._flush()


def _is_set(event: asyncio.Event) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return event.is_set()

    return check

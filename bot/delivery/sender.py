"""The sender: as the one active sender, claim due outbox rows and deliver them within limits.

standby --lock acquired--> leading: release old claims, then side by side until the lock is lost
or stopped: [claim the next rows when a quarter of the last claim is left] [send (paced)]
[write outcomes every 0.125 s] [queue due campaigns, progress every 5 s] --> unsent claims back
to pending --> standby
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta

from aiogram import Bot
from sqlalchemy.exc import DBAPIError, IntegrityError

from bot.delivery import outcomes
from bot.delivery.claims import Claims, pause
from bot.delivery.housekeeping import Housekeeper
from bot.delivery.intervals import Intervals
from bot.delivery.leadership import leadership
from bot.delivery.pacing import PAID_MARGIN, ChatGaps, Pacer
from bot.delivery.render import Renderer
from bot.ops.metrics import SendOutcome
from bot.presentation.budget_news import chart_renderer
from bot.presentation.machine_note import note_text
from bot.presentation.polls import renderer
from bot.runtime import Runtime
from db.models import OutboxMessage
from db.repositories import outbox

log = logging.getLogger(__name__)
MAX_IN_FLIGHT = 64
# Rows claimed at once: 0.1 s of the fastest rate (at least 16); the next claim starts when a
# quarter is left. A cancel reaches claimed rows within a housekeeping round (0.5 s).
CLAIM_SECONDS = 0.1
EXPIRY_MARGIN = timedelta(seconds=1)
WRITE_ATTEMPTS = 8  # consecutive failed result writes (every 0.125 s) before leading ends


class Sender:
    """Delivers the outbox; many processes may run one, only the leader sends."""

    def __init__(self, runtime: Runtime, bot: Bot, intervals: Intervals | None = None) -> None:
        self.runtime = runtime
        self.bot = bot
        self.intervals = intervals or Intervals()
        self.role = leadership(runtime, "sender")
        settings = runtime.settings
        self.rate = settings.send_rate
        self.pacer = Pacer(self.rate)
        self.paid_pacer = Pacer(settings.paid_broadcast_rate or self.rate, PAID_MARGIN)
        self.gaps = ChatGaps()
        self.renderer = Renderer(
            renderer(runtime.i18n, runtime.settings.dashboard_url),
            note_text(runtime.i18n),
            chart_renderer(runtime.i18n),
        )
        self.results = outcomes.Outcomes(runtime.clock, self.intervals.flush_every)
        self.in_flight: set[asyncio.Task[None]] = set()
        self.slots = asyncio.Semaphore(MAX_IN_FLIGHT)
        self.housekeeper = Housekeeper(runtime, bot, self.pacer, self.renderer)
        batch = max(16, int(self.paid_pacer_rate() * CLAIM_SECONDS))
        self.claims = Claims(runtime, self.renderer, batch, self.intervals.idle_poll)
        self.stopping = asyncio.Event()
        self.failed_writes = 0  # in a row
        self.metrics = runtime.metrics

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
                    self.metrics.sender_leader.set(1)
                    try:
                        await self._lead(predicate)
                    finally:
                        self.metrics.sender_leader.set(0)
                else:
                    if not said_standby:
                        log.info("another process is the active sender; standing by")
                        said_standby = True
                    await asyncio.sleep(self.intervals.standby_poll)
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
        # Claiming, writing outcomes and housekeeping wait for the database beside the send
        # loop, so no send slot is lost to them (a paid broadcast has a slot every ms).
        self.claims.rows.clear()  # any left from an earlier lead were released just now
        helpers = [
            asyncio.create_task(self.claims.keep_claiming(self.stopping)),
            asyncio.create_task(self._repeat(self._write_due, self.intervals.flush_every / 2)),
            asyncio.create_task(self._repeat(self._housekeeping, self.intervals.idle_poll)),
        ]
        try:
            await self._send_claimed(predicate, helpers)
        finally:
            # Not cancelled: a claim or a write cut off halfway would leave rows marked sending.
            self.stopping.set()
            self.claims.wanted.set()
            await asyncio.gather(*helpers, return_exceptions=True)
            self.stopping.clear()

    async def _send_claimed(
        self, predicate: Callable[[], Awaitable[bool]], helpers: list[asyncio.Task[None]]
    ) -> None:
        renewed = time.monotonic()
        while not await predicate():
            if time.monotonic() - renewed > self.intervals.standby_poll:
                if not await self.role.acquire():
                    log.warning("lost the sender role")
                    return
                renewed = time.monotonic()
            for task in helpers:
                if task.done():
                    task.result()  # a helper's error ends leading, as it did inline
            row = await self.claims.next_row()
            if row is not None:
                await self._send_one(row)

    async def _repeat(self, step: Callable[[], Awaitable[None]], seconds: float) -> None:
        """Run `step` every `seconds` until leading ends."""
        while not self.stopping.is_set():
            await step()
            await pause(self.stopping, seconds)

    async def _write_due(self) -> None:
        try:
            await self._flush(only_if_due=True)
            self.failed_writes = 0
        except DBAPIError as error:
            # A deadlock with an erasure, a busy database: the results wait for the next write.
            # One that can never succeed, or a database that keeps failing, ends leading.
            self.failed_writes += 1
            if isinstance(error, IntegrityError) or self.failed_writes >= WRITE_ATTEMPTS:
                raise
            log.warning("writing send results failed (%s); next round", type(error).__name__)

    def paid_pacer_rate(self) -> float:
        """The fastest rate any row may go out at."""
        return max(self.rate, float(self.runtime.settings.paid_broadcast_rate))

    async def _send_one(self, row: OutboxMessage) -> None:
        wait = self.gaps.wait_for(row.chat_id, time.monotonic())
        if wait > 0:
            self.results.postpone(row, wait)
            return
        if self._unwanted(row):
            return
        paid = bool(row.campaign_id and self.renderer.campaigns[row.campaign_id].paid)
        pacer = self.paid_pacer if paid else self.pacer
        await pacer.wait()
        # A reminder may have waited into the meeting's start, a campaign been cancelled
        # during a 429 pause.
        if self._unwanted(row):
            pacer.done()
            return
        await self.slots.acquire()
        self.gaps.sent(row.chat_id, time.monotonic())
        task = asyncio.create_task(self._deliver(row, pacer))
        self.in_flight.add(task)
        task.add_done_callback(self.in_flight.discard)

    def _unwanted(self, row: OutboxMessage) -> bool:
        """Past its `expires_at` (with a margin for the way to Telegram) or of a cancelled
        campaign: recorded, not sent."""
        if row.campaign_id in self.renderer.cancelled:
            self.results.cancelled(row)
            self.metrics.count_send(row.method, row.campaign_id, SendOutcome.CANCELLED)
            return True
        if row.expires_at is None or self.runtime.clock.now() < row.expires_at - EXPIRY_MARGIN:
            return False
        self.results.expired(row)
        self.metrics.count_send(row.method, row.campaign_id, SendOutcome.EXPIRED)
        return True

    async def _deliver(self, row: OutboxMessage, pacer: Pacer) -> None:
        try:
            result = await self.bot(self.renderer.method(row))
            self.results.sent(row, getattr(result, "message_id", None))
            self.metrics.count_send(row.method, row.campaign_id, SendOutcome.SENT)
            if row.method == "sendPoll":
                self.results.poll_sent(row, result)
        except Exception as error:
            self.metrics.count_send(row.method, row.campaign_id, outcomes.send_outcome(error))
            pause = self.results.failed(row, error)
            if pause:
                self.pacer.pause_until(time.monotonic() + pause)
                self.paid_pacer.pause_until(time.monotonic() + pause)
        finally:
            pacer.done()
            self.slots.release()

    async def _flush(self, only_if_due: bool = False) -> None:
        if only_if_due and not self.results.due():
            return
        batch = self.results.take()
        try:
            async with self.runtime.session_factory() as session:
                await self.results.write(session, batch)
                await session.commit()
        except Exception:
            self.results.put_back(batch)  # not written: never lose a result (sent twice)
            raise

    async def _housekeeping(self) -> None:
        await self.housekeeper.round()

    async def _settle(self) -> None:
        if self.in_flight:
            await asyncio.gather(*self.in_flight, return_exceptions=True)
        await self._flush()
        await self.claims.release()


def _is_set(event: asyncio.Event) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return event.is_set()

    return check

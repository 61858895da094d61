"""Claimed rows waiting to be sent, and the task that claims the next ones in time."""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from datetime import timedelta

from bot.delivery.intervals import Intervals
from bot.delivery.render import Renderer
from bot.runtime import Runtime
from db.models import OutboxMessage
from db.repositories import outbox

CLAIM_LEASE = timedelta(seconds=60)


async def pause(stopping: asyncio.Event, seconds: float) -> None:
    """Sleep, but wake at once when leading ends."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stopping.wait(), seconds)


class Claims:
    """Rows this sender has marked `sending`; refilled when a quarter of a claim is left."""

    def __init__(
        self,
        runtime: Runtime,
        renderer: Renderer,
        batch: int,
        idle_poll: float = Intervals.idle_poll,
    ) -> None:
        self.runtime = runtime
        self.idle_poll = idle_poll
        self.renderer = renderer
        self.batch = batch
        self.low_water = batch // 4
        self.rows: deque[OutboxMessage] = deque()
        self.wanted = asyncio.Event()
        self.arrived = asyncio.Event()

    async def next_row(self) -> OutboxMessage | None:
        """The next claimed row; None after waiting up to `idle_poll` seconds for a claim."""
        if len(self.rows) <= self.low_water:
            self.wanted.set()
        if not self.rows:
            self.arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.arrived.wait(), self.idle_poll)
            return None
        return self.rows.popleft()

    async def keep_claiming(self, stopping: asyncio.Event) -> None:
        """Claim whenever rows run low; poll every `idle_poll` seconds while nothing is due."""
        while not stopping.is_set():
            await self.wanted.wait()
            self.wanted.clear()
            if len(self.rows) > self.low_water:  # asked again while the last claim ran
                continue
            if not stopping.is_set() and not await self.claim():
                await pause(stopping, self.idle_poll)
                self.wanted.set()

    async def claim(self) -> bool:
        """Mark up to a batch of due rows as sending and keep them here."""
        now = self.runtime.clock.now()
        async with self.runtime.session_factory() as session:
            rows = await outbox.claim_due(session, now, now + CLAIM_LEASE, self.batch)
            await self.renderer.load(session, rows)
            await session.commit()
        self.rows.extend(rows)
        self.arrived.set()
        return bool(rows)

    async def release(self) -> None:
        """Rows claimed but never sent go back to the queue for the next sender."""
        if self.rows:
            async with self.runtime.session_factory() as session:
                await outbox.release_claims(session, [row.id for row in self.rows])
                await session.commit()
            self.rows.clear()

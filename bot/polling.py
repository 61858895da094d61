"""Long polling that never confirms an update it could not process because the database was down.

    getUpdates(offset) --batch--> process all --all done--> offset = last + 1
                                              --outage at update u--> offset = u, wait, retry

Telegram forgets updates below the offset; keeping the offset at the first update that met an
outage makes Telegram hand it (and the ones after it) out again. Updates of that batch that did
succeed come back too and are skipped by their recorded update_id (DatabaseMiddleware).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from aiogram import Bot, Dispatcher
from aiogram.methods import GetUpdates
from aiogram.types import Update

from db.outage import is_outage

log = logging.getLogger(__name__)


@dataclass
class Backoff:
    """Waits between retries: doubling from `first` up to `longest` seconds."""

    first: float = 1.0
    longest: float = 30.0
    current: float = 0.0

    def next(self) -> float:
        """The next wait."""
        self.current = min(self.longest, self.current * 2 or self.first)
        return self.current

    def reset(self) -> None:
        """Back to the first wait after a success."""
        self.current = 0.0


async def process_batch(dispatcher: Dispatcher, bot: Bot, batch: Sequence[Update]) -> int | None:
    """Feed every update; the smallest update_id that met a database outage, or None."""
    results = await asyncio.gather(
        *(dispatcher.feed_update(bot, update) for update in batch), return_exceptions=True
    )
    failed = []
    for update, result in zip(batch, results, strict=True):
        if isinstance(result, BaseException):
            if is_outage(result):
                failed.append(update.update_id)
            else:
                # Unhandled elsewhere; retrying would fail the same way forever.
                log.error("update %s failed: %s", update.update_id, type(result).__name__)
    return min(failed) if failed else None


async def poll(
    dispatcher: Dispatcher,
    bot: Bot,
    stop: asyncio.Event,
    *,
    allowed_updates: list[str] | None = None,
    poll_seconds: int = 30,
    backoff: Backoff | None = None,
) -> None:
    """Poll until `stop` is set; recovers by itself from Telegram or database outages."""
    backoff = backoff or Backoff()
    offset: int | None = None
    while not stop.is_set():
        request = GetUpdates(offset=offset, timeout=poll_seconds, allowed_updates=allowed_updates)
        try:
            batch = await _fetch_unless_stopped(bot, request, stop, poll_seconds + 30)
        except Exception as error:  # Telegram unreachable: wait and ask again
            log.warning("getUpdates failed: %s", type(error).__name__)
            await _wait(stop, backoff.next())
            continue
        if not batch:
            continue
        failed = await process_batch(dispatcher, bot, batch)
        if failed is None:
            offset = batch[-1].update_id + 1
            backoff.reset()
            continue
        offset = failed
        delay = backoff.next()
        log.warning("database unreachable: update %s is fetched again in %.0f s", failed, delay)
        await _wait(stop, delay)


async def _fetch_unless_stopped(
    bot: Bot, request: GetUpdates, stop: asyncio.Event, seconds: int
) -> list[Update]:
    """The next updates, or none when `stop` is set during the long poll.

    A stop must not wait for the long poll to end (up to `seconds`); abandoning the
    request confirms nothing, so those updates are fetched again by the next poller.
    """
    fetch = asyncio.ensure_future(bot(request, request_timeout=seconds))
    stopping = asyncio.ensure_future(stop.wait())
    await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
    stopping.cancel()
    if not fetch.done():
        fetch.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await fetch
        return []
    return fetch.result()


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)

"""Periodic ticks (APScheduler 3). Durable work lives in database tables, not here."""

from __future__ import annotations

import logging

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.app import Runtime
from bot.services import maintenance

log = logging.getLogger(__name__)


def build_scheduler(runtime: Runtime) -> AsyncIOScheduler:
    """The housekeeping ticks; call `.start()` inside the running loop."""
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.add_job(_prune_updates, "interval", hours=1, args=[runtime], id="prune-updates")
    scheduler.add_job(_retention, "interval", hours=24, args=[runtime], id="retention")
    return scheduler


async def _prune_updates(runtime: Runtime) -> None:
    count = await maintenance.prune_processed_updates(runtime.session_factory, runtime.clock)
    log.info("pruned %d processed update ids", count)


async def _retention(runtime: Runtime) -> None:
    count = await maintenance.delete_inactive_users(runtime.session_factory, runtime.clock)
    log.info("retention: deleted %d inactive residents", count)

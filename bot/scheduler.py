"""Periodic ticks (APScheduler 3). Durable work lives in database tables, not here."""

from __future__ import annotations

import logging

from aiogram.utils.i18n import gettext as _
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
    settings, i18n = runtime.settings, runtime.i18n

    def warning(language: str) -> str:
        with i18n.context(), i18n.use_locale(language):
            return _(
                "You have not used Stadtstimme for a long time. To protect your data, we will "
                "delete it in 30 days. Send /start if you want to keep it."
            )

    result = await maintenance.retention(
        runtime.session_factory, runtime.clock, inactive_months=settings.retention_months,
        audit_months=settings.audit_retention_months, warning=warning,
        default_language=settings.default_language,
    )  # fmt: skip
    log.info(
        "retention: warned %d, deleted %d inactive residents; pruned %d audit entries",
        result.warned, result.deleted, result.audit_pruned,
    )  # fmt: skip

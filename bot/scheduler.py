"""Periodic ticks (APScheduler 3). Durable work lives in database tables, not here."""

from __future__ import annotations

import logging

from aiogram.utils.i18n import gettext as _
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.app import Runtime
from bot.poll_texts import renderer
from bot.services import maintenance, meeting_reminders, poll_closing, polls
from bot.storage import forget_in_redis

log = logging.getLogger(__name__)
REMINDER_TICK = 15  # seconds; reminders are queued a minute ahead, so this is not the precision
POLL_TICK = 15  # seconds: scheduled polls start and due polls close at most this late


def build_scheduler(runtime: Runtime) -> AsyncIOScheduler:
    """The housekeeping ticks; call `.start()` inside the running loop."""
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.add_job(_prune_updates, "interval", hours=1, args=[runtime], id="prune-updates")
    scheduler.add_job(retention_tick, "interval", hours=24, args=[runtime], id="retention")
    scheduler.add_job(
        meeting_reminder_tick, "interval", seconds=REMINDER_TICK, args=[runtime],
        id="meeting-reminders", max_instances=1, coalesce=True,
    )  # fmt: skip
    scheduler.add_job(_polls, "interval", seconds=POLL_TICK, args=[runtime], id="polls")
    return scheduler


async def _prune_updates(runtime: Runtime) -> None:
    count = await maintenance.prune_processed_updates(runtime.session_factory, runtime.clock)
    log.info("pruned %d processed update ids", count)


async def retention_tick(runtime: Runtime) -> None:
    """Warn and delete inactive residents (their Redis conversations too); prune the audit log."""
    from handlers.privacy.mydata import erasure

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
        erasure=erasure(i18n, settings, runtime.clock),
    )  # fmt: skip
    await forget_in_redis(settings.redis_url, *result.erased)
    log.info(
        "retention: warned %d, deleted %d inactive residents; pruned %d audit entries",
        result.warned, result.deleted, result.audit_pruned,
    )  # fmt: skip


async def meeting_reminder_tick(runtime: Runtime) -> int:
    """Move due meeting reminders (and feedback questions) into the outbox."""
    from handlers.meetings.texts import notice_renderer

    settings = runtime.settings
    render = notice_renderer(runtime.i18n, settings.zone)
    total = 0
    while True:  # batch by batch, so thousands due at once don't make one huge transaction
        async with runtime.session_factory() as session:
            moved = await meeting_reminders.move_due(
                session, runtime.clock, render, settings.default_language
            )
        total += moved
        if moved < meeting_reminders.BATCH:
            break
    if total:
        log.info("handled %d due meeting reminders", total)
    return total


async def _polls(runtime: Runtime) -> None:
    settings = runtime.settings
    async with runtime.session_factory() as session:
        started = await polls.start_due(session, runtime.clock, settings.default_language)
        closed = await poll_closing.close_due(
            session, runtime.clock, settings.poll_key, renderer(runtime.i18n)
        )
    if started or closed:
        log.info("polls started: %s; closed: %s", started, closed)

"""Periodic ticks (APScheduler 3). Durable work lives in database tables, not here."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from aiogram.utils.i18n import gettext as _
from apscheduler.events import EVENT_JOB_SUBMITTED, JobSubmissionEvent
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.presentation.erasure import erasure
from bot.presentation.polls import renderer
from bot.runtime import Runtime
from bot.services import dashboard_access, digest, maintenance
from bot.services.ideas import card_translation as idea_translations
from bot.services.meetings import reminders as meeting_reminders
from bot.services.polls import closing as poll_closing
from bot.services.polls import lifecycle as polls
from bot.storage import forget_in_redis

log = logging.getLogger(__name__)
REMINDER_TICK = 15  # seconds; reminders are queued a minute ahead, so this is not the precision
POLL_TICK = 15  # seconds: scheduled polls start and due polls close at most this late
TRANSLATION_TICK = 20  # seconds: a new idea's card gets its translation about this late
DIGEST_TICK = 60  # seconds: the digest goes out at most this late after DIGEST_TIME
BUDGET_TICK = 30  # seconds: a Bürgerhaushalt's phase follows its dates at most this late


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
    scheduler.add_job(
        digest_tick, "interval", seconds=DIGEST_TICK, args=[runtime], id="digest",
        max_instances=1, coalesce=True,
    )  # fmt: skip
    scheduler.add_job(
        budget_tick, "interval", seconds=BUDGET_TICK, args=[runtime], id="budget",
        max_instances=1, coalesce=True,
    )  # fmt: skip
    scheduler.add_listener(_tick_lag_recorder(runtime), EVENT_JOB_SUBMITTED)
    if runtime.translator is not None:
        scheduler.add_job(
            translation_tick, "interval", seconds=TRANSLATION_TICK, args=[runtime],
            id="translations", max_instances=1, coalesce=True,
        )  # fmt: skip
    return scheduler


def _tick_lag_recorder(runtime: Runtime) -> Callable[[JobSubmissionEvent], None]:
    """stadtstimme_scheduler_tick_lag_seconds{job}: how late each job's last run started
    (a blocked event loop or a starved host shows here first)."""
    lag = runtime.metrics.tick_lag

    def record(event: JobSubmissionEvent) -> None:
        if event.scheduled_run_times:
            late = datetime.now(UTC) - event.scheduled_run_times[-1]
            lag.labels(event.job_id).set(max(0.0, late.total_seconds()))

    return record


async def _prune_updates(runtime: Runtime) -> None:
    count = await maintenance.prune_processed_updates(runtime.session_factory, runtime.clock)
    log.info("pruned %d processed update ids", count)
    async with runtime.session_factory() as session:
        signed_in = await dashboard_access.prune(session, runtime.clock)
    log.info("pruned %d used or expired dashboard links and idle sessions", signed_in)


async def retention_tick(runtime: Runtime) -> None:
    """Warn and delete inactive residents (their Redis conversations too); prune the audit log."""
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
    from bot.presentation.meetings import notice_renderer

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
            session,
            runtime.clock,
            settings.poll_key,
            renderer(runtime.i18n, settings.dashboard_url),
        )
    if started or closed:
        log.info("polls started: %s; closed: %s", started, closed)


async def translation_tick(runtime: Runtime) -> int:
    """Translate new ideas in other languages and queue their staff cards' edits."""
    from bot.presentation.ideas import translated_card

    if runtime.translator is None:
        return 0
    settings = runtime.settings
    render = translated_card(runtime.i18n, settings)
    async with runtime.session_factory() as session:
        done = await idea_translations.translate_cards(
            session, runtime.clock, runtime.translator, settings.default_language, render
        )
    if done:
        log.info("translated %d ideas for the staff chat", done)
    return done


async def digest_tick(runtime: Runtime) -> bool:
    """Queue the moderator digest once its time has come today (once per local date)."""
    from bot.presentation.digest import digest_renderer

    settings = runtime.settings
    at = settings.digest_at
    if at is None or settings.staff_chat_id is None:
        return False
    async with runtime.session_factory() as session:
        queued = await digest.queue_today(
            session, runtime.clock, chat_id=settings.staff_chat_id, at=at, zone=settings.zone,
            response_days=settings.idea_response_days,
            render=digest_renderer(runtime.i18n, settings),
        )  # fmt: skip
    if queued:
        log.info("queued the moderator digest for the staff chat")
    return queued


async def budget_tick(runtime: Runtime) -> list[tuple[int, str]]:
    """Move Bürgerhaushalt processes whose dates have come; count each closed one once and
    queue its results for the voters."""
    from bot.presentation.budget_news import results_renderer
    from bot.presentation.budget_notices import notice_renderer
    from bot.services.budget import closing as budget_closing
    from bot.services.budget.notices import Notifier

    settings = runtime.settings
    authors = Notifier(notice_renderer(runtime.i18n), settings.default_language)
    async with runtime.session_factory() as session:
        moved = await budget_closing.tick(
            session, runtime.clock, settings.poll_key, results_renderer(runtime.i18n),
            settings.default_language, authors,
        )  # fmt: skip
    for process_id, phase in moved:
        log.info("budget process %d moved to %s by its dates", process_id, phase)
    return [(process_id, phase.value) for process_id, phase in moved]

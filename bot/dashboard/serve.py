"""Serving the dashboard: alone (`stadtstimme dashboard`) or inside another process."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator

from aiogram import Bot
from aiogram.utils.i18n import I18n
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.dashboard.app import build_app
from bot.dashboard.state import AudienceLabels, FilterGroup, Renderers
from bot.dashboard.telegram_photos import uploader
from bot.ops.server import ProcessOps, serving_ops
from bot.runtime import Runtime, build_bot
from bot.services.clock import Clock, SystemClock
from bot.services.ideas.decisions import CommentNotice
from bot.services.ideas.moderation import Change, NoticeRenderer
from bot.services.ideas.translation import CommentTranslation
from bot.services.translation.engine import Translator
from db.models import Idea

log = logging.getLogger(__name__)


def chat_notice(i18n: I18n) -> CommentNotice:
    """The author's notice exactly as the chat's buttons send it (the comment translated, or
    the note that it could not be), usable outside an update."""
    from bot.presentation.comment_translation import with_comment_translation
    from bot.presentation.ideas import author_notice

    def for_comment(comment: CommentTranslation) -> NoticeRenderer:
        notice = with_comment_translation(author_notice, comment)

        def render(idea: Idea, change: Change, language: str) -> str:
            with i18n.context():
                return notice(idea, change, language)

        return render

    return for_comment


def audience_labels(i18n: I18n) -> AudienceLabels:
    """The audience filters with the chat wizard's labels, in the dashboard's language."""
    from bot.keyboards.audience import KINDS, kind_label, value_label
    from bot.services.audience import VOCABULARY

    def labels(language: str) -> list[FilterGroup]:
        with i18n.context(), i18n.use_locale(language):
            return [
                FilterGroup(kind, kind_label(kind),
                            [(code, value_label(kind, code)) for code in VOCABULARY[kind]])
                for kind in KINDS
            ]  # fmt: skip

    return labels


def dashboard_app(
    settings: Settings, clock: Clock, session_factory: async_sessionmaker[AsyncSession],
    i18n: I18n, translator: Translator | None = None, bot: Bot | None = None,
    bot_token: str | None = None,
) -> web.Application:  # fmt: skip
    """The dashboard with the chat's texts; `bot` uploads announcement photos, `bot_token`
    (else BOT_TOKEN) fetches idea photos."""
    from bot.presentation.idea_decisions import dashboard_card
    from bot.presentation.machine_note import with_note
    from bot.presentation.meetings import notice_renderer
    from bot.presentation.outcomes import outcome_renderer
    from bot.presentation.polls import renderer

    texts = Renderers(
        chat_notice(i18n), renderer(i18n, settings.dashboard_url),
        notice_renderer(i18n, settings.zone), dashboard_card(i18n, settings),
        audience=audience_labels(i18n), meeting_outcome=outcome_renderer(i18n, settings.zone),
        with_note=lambda text, language, machine: with_note(text, language, machine, i18n),
    )  # fmt: skip
    photos = uploader(bot) if bot is not None else None
    if bot_token is None and settings.bot_token is not None:
        bot_token = settings.bot_token.get_secret_value()
    return build_app(settings, clock, session_factory, texts, translator, photos, bot_token)


def own_bot(settings: Settings) -> Bot | None:
    """A Bot for the dashboard's uploads (an announcement's photo); None without BOT_TOKEN."""
    token = settings.bot_token
    return build_bot(settings, token.get_secret_value()) if token is not None else None


async def _close(bot: Bot | None) -> None:
    if bot is not None:
        await bot.session.close()


@contextlib.asynccontextmanager
async def beside_bot(runtime: Runtime) -> AsyncIterator[None]:
    """The dashboard inside `stadtstimme run`, on the bot's database, clock and catalogs.

    A taken port is logged and the bot runs on without it: residents matter more.
    """
    settings = runtime.settings
    bot = own_bot(settings)
    app = dashboard_app(
        settings, runtime.clock, runtime.session_factory, runtime.i18n, runtime.translator, bot
    )
    app.on_cleanup.append(lambda _app: _close(bot))
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=5.0)
    await runner.setup()
    try:
        await web.TCPSite(runner, settings.dashboard_host, settings.dashboard_port).start()
        log.info("dashboard on http://%s:%s", settings.dashboard_host, settings.dashboard_port)
    except OSError as error:
        log.error("dashboard not served on port %s: %s", settings.dashboard_port, error.strerror)
    try:
        yield
    finally:
        await runner.cleanup()  # requests in progress finish (up to 5 s)


async def serve(settings: Settings) -> None:
    """The dashboard on DASHBOARD_HOST:DASHBOARD_PORT until stopped."""
    from bot.i18n import build_i18n
    from bot.translation import build_translator
    from db import migrate
    from db.session import create_engine, create_session_factory

    engine = create_engine(settings.database_url)
    if not await migrate.is_up_to_date(engine):
        from bot.runner import StartupError

        await engine.dispose()
        raise StartupError(
            "the database schema is behind this version: run `stadtstimme db upgrade` first"
        )
    session_factory = create_session_factory(engine)

    bot = own_bot(settings)
    app = dashboard_app(
        settings, SystemClock(), session_factory, build_i18n(settings.default_language),
        build_translator(settings), bot,
    )  # fmt: skip
    app.on_cleanup.append(lambda _app: _close(bot))
    ops = ProcessOps(engine, session_factory)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=5.0)
    await runner.setup()
    await web.TCPSite(runner, settings.dashboard_host, settings.dashboard_port).start()
    log.info("dashboard on http://%s:%s", settings.dashboard_host, settings.dashboard_port)
    stop = asyncio.Event()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(signal_number, stop.set)
    try:
        async with serving_ops(ops, settings.ops_host, settings.ops_port_for("dashboard")):
            ops.health.ready = True
            await stop.wait()
            ops.health.stopping = True
    finally:
        await runner.cleanup()  # requests in progress finish (up to 5 s)
        await engine.dispose()

"""Start the bot: prepare the database, publish commands, then poll or serve a webhook."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiohttp import web
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import build_dispatcher
from bot.config import Settings, SettingsError, webhook_credentials
from bot.delivery.sender import Sender
from bot.ops.server import serving_ops
from bot.polling import poll
from bot.runtime import Runtime, build_bot, create_runtime
from bot.scheduler import build_scheduler
from bot.services.language import detection as language
from bot.staff_chat import queue_missed_posts
from bot.staff_menus import publish_all_menus
from bot.tuning import freeze_start_up_objects, response_models
from bot.webhook import HANDLER, build_webhook_app
from db import migrate

log = logging.getLogger(__name__)
# Seconds for the updates in progress at SIGTERM to finish (Docker and systemd wait 10 s in all).
DRAIN_SECONDS = 5.0
# Served beside the bot for as long as it takes updates: the staff dashboard, which the CLI
# passes in (it sits above the runner; docs/ARCHITECTURE.md).
Beside = Callable[[Runtime], contextlib.AbstractAsyncContextManager[None]]


class StartupError(Exception):
    """The bot cannot start; the message is one line for the operator."""


async def prepare_database(runtime: Runtime) -> None:
    """SQLite is migrated automatically; PostgreSQL must already be at the newest schema."""
    if runtime.settings.is_sqlite:
        database = make_url(runtime.settings.database_url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        await migrate.upgrade(runtime.engine)
        return
    if not await migrate.is_up_to_date(runtime.engine):
        raise StartupError(
            "the database schema is behind this version: run `stadtstimme db upgrade` first"
        )


async def warn_old_poll_key(
    session_factory: async_sessionmaker[AsyncSession], old_key: bytes
) -> None:
    """One warning line while votes keyed with the token (before POLL_SECRET) remain."""
    from bot.services.polls.rekey import old_key_in_use

    async with session_factory() as session:
        if await old_key_in_use(session, old_key):
            log.warning(
                "votes stored before POLL_SECRET was set are still keyed with the bot token: "
                "/delete misses them; stop the bot and run `stadtstimme polls rekey` once"
            )


async def warm_up_language_detector() -> None:
    """Load the detector before taking updates: lazily, the first free text waited ~2 s."""
    started = time.perf_counter()
    # In a thread so a sandbox's web page keeps answering meanwhile.
    await asyncio.to_thread(language.warm_up)
    log.info("language detector ready in %.1f s", time.perf_counter() - started)


async def start_bot(
    settings: Settings, token: str, runtime: Runtime | None = None
) -> tuple[Runtime, Bot, Dispatcher]:
    """Everything up to the point where updates can flow (`runtime`: one already prepared)."""
    if runtime is None:
        runtime = create_runtime(settings)
        await prepare_database(runtime)
    if settings.bot_token is not None:  # the sandbox's votes were never keyed with a token
        await warn_old_poll_key(runtime.session_factory, token.encode())
    await warm_up_language_detector()
    bot = build_bot(settings, token)
    dispatcher = build_dispatcher(runtime)
    await publish_all_menus(bot, runtime)
    # Held by the dispatcher for the life of the process (see bot.tuning).
    dispatcher["response_models"] = response_models()
    # Ideas handed in while STAFF_CHAT_ID was unset reach the staff chat once it is set.
    await queue_missed_posts(bot, runtime)
    return runtime, bot, dispatcher


@contextlib.asynccontextmanager
async def background_work(
    runtime: Runtime, bot: Bot, beside: Beside | None = None
) -> AsyncIterator[None]:
    """The scheduler's ticks, the outbox sender and `beside`, for as long as the bot runs."""
    scheduler = build_scheduler(runtime)
    scheduler.start()
    stop = asyncio.Event()
    sender = asyncio.create_task(Sender(runtime, bot).run(stop))
    try:
        async with beside(runtime) if beside else contextlib.nullcontext():
            yield
    finally:
        stop.set()
        scheduler.shutdown(wait=False)
        await sender


async def run_polling(settings: Settings, token: str, beside: Beside | None = None) -> None:
    """Long-poll getUpdates until SIGTERM/SIGINT; the batch in hand is finished first."""
    runtime = create_runtime(settings)
    await prepare_database(runtime)
    async with serving_ops(runtime, settings.ops_host, settings.ops_port_for("bot")):
        runtime, bot, dispatcher = await start_bot(settings, token, runtime)
        # Only now: a SIGTERM during start-up ends the process at once (nothing taken yet).
        stop = _signalled(runtime)
        try:
            async with background_work(runtime, bot, beside):
                await bot.delete_webhook()
                log.info("polling %s", settings.telegram_api_url)
                freeze_start_up_objects()
                used = dispatcher.resolve_used_update_types()
                runtime.health.ready = True
                await poll(dispatcher, bot, stop, allowed_updates=used)
                log.info("stopped taking updates; finishing the sender's work")
        finally:
            await bot.session.close()
            await runtime.engine.dispose()


async def run_sender(settings: Settings, token: str) -> None:
    """Only the outbox sender (a dedicated process beside webhook workers)."""
    runtime = create_runtime(settings)
    await prepare_database(runtime)
    if settings.bot_token is not None:  # the sandbox's votes were never keyed with a token
        await warn_old_poll_key(runtime.session_factory, token.encode())
    bot = build_bot(settings, token)
    stop = _signalled(runtime)
    _models = response_models()  # held for the life of the process (see bot.tuning)
    freeze_start_up_objects()
    async with serving_ops(runtime, settings.ops_host, settings.ops_port_for("sender")):
        runtime.health.ready = True
        try:
            await Sender(runtime, bot).run(stop)
        finally:
            await bot.session.close()
            await runtime.engine.dispose()


async def run_webhook(
    settings: Settings,
    token: str,
    beside: Beside | None = None,
    *,
    listener: socket.socket | None = None,
    ops_port: int | None = None,
) -> None:
    """Serve the webhook; answer 200 only after an update was processed.

    `listener`: a socket already listening (`--workers`, bot/prefork.py) instead of binding
    WEBHOOK_HOST:WEBHOOK_PORT; `ops_port`: this worker's health port instead of the setting.

    SIGTERM: new requests get 503 (Telegram sends them again, to another worker behind the
    proxy), the ones in progress finish, then the sender settles and releases its lock.
    """
    try:
        _token, secret = webhook_credentials(settings)
    except SettingsError as error:
        raise StartupError(str(error)) from None
    assert settings.webhook_url is not None  # checked by webhook_credentials
    runtime = create_runtime(settings)
    await prepare_database(runtime)
    port = settings.ops_port_for("bot") if ops_port is None else ops_port
    async with serving_ops(runtime, settings.ops_host, port):
        runtime, bot, dispatcher = await start_bot(settings, token, runtime)
        stop = _signalled(runtime)  # after start-up, as in run_polling
        path = urlsplit(settings.webhook_url).path or "/webhook"
        app = build_webhook_app(dispatcher, bot, secret, path, runtime.health)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=DRAIN_SECONDS)
        await runner.setup()
        if listener is not None:
            await web.SockSite(runner, listener).start()
        else:
            await web.TCPSite(runner, settings.webhook_host, settings.webhook_port).start()
        await bot.set_webhook(
            settings.webhook_url,
            secret_token=secret,
            allowed_updates=dispatcher.resolve_used_update_types(),
        )
        log.info("webhook listening on %s:%s%s", settings.webhook_host, settings.webhook_port, path)
        freeze_start_up_objects()
        try:
            async with background_work(runtime, bot, beside):
                runtime.health.ready = True
                await stop.wait()
                left = await app[HANDLER].drained(DRAIN_SECONDS)
                log.info("stopped taking updates (%d still in progress); finishing", left)
        finally:
            await runner.cleanup()
            await runtime.engine.dispose()


def _signalled(runtime: Runtime) -> asyncio.Event:
    """An event set by SIGINT or SIGTERM; /readyz says "shutting down" from then on."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def stopping() -> None:
        runtime.health.stopping = True
        stop.set()

    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stopping)
    return stop

"""Build the Bot and the Dispatcher with middlewares and routers in their documented order."""

from __future__ import annotations

from dataclasses import dataclass, field

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.fsm.storage.base import BaseStorage
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.utils.callback_answer import CallbackAnswerMiddleware
from aiogram.utils.i18n import I18n
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.api_session import JsonSession
from bot.config import Settings
from bot.i18n import build_i18n
from bot.middlewares.database import DatabaseMiddleware
from bot.middlewares.i18n import LocaleMiddleware
from bot.middlewares.throttling import Limits, ThrottlingMiddleware
from bot.middlewares.user import UserMiddleware
from bot.services.clock import Clock, SystemClock
from bot.storage import DatabaseStorage
from db.session import create_engine, create_session_factory, pool_capacity
from handlers import build_router


@dataclass
class Runtime:
    """Everything one running bot needs, created once at start-up."""

    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    i18n: I18n
    clock: Clock = field(default_factory=SystemClock)


def create_runtime(settings: Settings, clock: Clock | None = None) -> Runtime:
    """Engine, session factory and catalogs for these settings."""
    engine = create_engine(settings.database_url, pool_size=settings.db_pool_size)
    return Runtime(
        settings=settings,
        engine=engine,
        session_factory=create_session_factory(engine),
        i18n=build_i18n(settings.default_language),
        clock=clock or SystemClock(),
    )


def build_bot(settings: Settings, token: str) -> Bot:
    """A Bot talking to TELEGRAM_API_URL, HTML parse mode by default."""
    session = JsonSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    return Bot(token, session=session, default=DefaultBotProperties(parse_mode="HTML"))


def build_storage(runtime: Runtime) -> BaseStorage:
    """Redis when REDIS_URL is set, else our database."""
    if runtime.settings.redis_url:
        from aiogram.fsm.storage.redis import RedisStorage

        return RedisStorage.from_url(runtime.settings.redis_url)
    return DatabaseStorage(runtime.session_factory)


def build_dispatcher(runtime: Runtime) -> Dispatcher:
    """Dispatcher with middlewares: session → user → i18n → throttling; routers last."""
    settings = runtime.settings
    dispatcher = Dispatcher(
        storage=build_storage(runtime),
        # One update at a time per person and chat: an album's photos arrive together and
        # must not overwrite each other's draft changes.
        events_isolation=SimpleEventIsolation(),
        # DatabaseMiddleware takes the lock and reads the state with the update's first query.
        disable_fsm=True,
        settings=settings,
        clock=runtime.clock,
        session_factory=runtime.session_factory,
        # Also set by LocaleMiddleware; here too for the error handler, since an update can
        # fail before that middleware has run.
        i18n=runtime.i18n,
    )
    # Two connections of the pool stay for the scheduler and the outbox sender.
    sessions_at_once = max(1, pool_capacity(settings.db_pool_size) - 2)
    dispatcher.update.outer_middleware(
        DatabaseMiddleware(dispatcher.fsm, runtime.session_factory, sessions_at_once)
    )
    dispatcher.update.outer_middleware(UserMiddleware(runtime.clock))
    dispatcher.update.outer_middleware(LocaleMiddleware(runtime.i18n))
    limits = Limits(
        settings.throttle_burst, settings.throttle_rate, settings.spam_repeats, settings.spam_window
    )
    dispatcher.update.outer_middleware(ThrottlingMiddleware(limits))
    dispatcher.callback_query.middleware(CallbackAnswerMiddleware())
    dispatcher.include_router(build_router())
    return dispatcher

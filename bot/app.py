"""Build the Dispatcher with middlewares and routers in their documented order (the Bot and
the Runtime: bot.runtime)."""

from __future__ import annotations

from aiogram import Dispatcher
from aiogram.fsm.storage.base import BaseStorage
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.utils.callback_answer import CallbackAnswerMiddleware

from bot.middlewares.database import DatabaseMiddleware
from bot.middlewares.i18n import LocaleMiddleware
from bot.middlewares.metrics import UpdateMetricsMiddleware
from bot.middlewares.throttling import Limits, ThrottlingMiddleware
from bot.middlewares.user import UserMiddleware
from bot.runtime import Runtime
from bot.storage import DatabaseStorage
from db.session import pool_capacity
from handlers import build_router


def build_storage(runtime: Runtime) -> BaseStorage:
    """Redis when REDIS_URL is set, else our database."""
    if runtime.settings.redis_url:
        from aiogram.fsm.storage.redis import RedisStorage

        return RedisStorage.from_url(runtime.settings.redis_url)
    return DatabaseStorage(runtime.session_factory)


def build_dispatcher(runtime: Runtime) -> Dispatcher:
    """Dispatcher with middlewares: metrics → session → user → i18n → throttling; routers last."""
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
        translator=runtime.translator,
    )
    # Two connections of the pool stay for the scheduler and the outbox sender.
    sessions_at_once = max(1, pool_capacity(settings.db_pool_size) - 2)
    # Outermost of ours, so an update's time includes the wait for a session slot.
    dispatcher.update.outer_middleware(UpdateMetricsMiddleware(runtime.metrics))
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

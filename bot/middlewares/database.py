"""One database session per update; a redelivered update is skipped."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.fsm.context import FSMContext
from aiogram.types import TelegramObject, Update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage import DatabaseStorage, SessionStorage
from db.repositories import updates
from db.session import record_update_on_commit

log = logging.getLogger(__name__)


class DatabaseMiddleware(BaseMiddleware):
    """Open a session, skip seen update ids, and commit what the handler left pending."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self.session_factory = session_factory

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        update_id = event.update_id if isinstance(event, Update) else None
        async with self.session_factory() as session:
            if update_id is not None:
                if await updates.was_processed(session, update_id):
                    log.info("update %s already processed; skipped", update_id)
                    return None
                record_update_on_commit(session, update_id)
            data["session"] = session
            bind_conversation(data, session)
            result = await handler(event, data)
            # Services commit their own use cases; this commit records the update as
            # processed when nothing else did (and is a no-op write otherwise).
            await session.commit()
            return result


def bind_conversation(data: dict[str, Any], session: AsyncSession) -> None:
    """Let the handler's FSMContext read and write through the update's own session.

    aiogram's FSM middleware (outside this one) has taken the per-person lock and read the
    state already; everything the handler does with `state` joins the update's transaction.
    """
    context = data.get("state")
    if isinstance(context, FSMContext) and isinstance(context.storage, DatabaseStorage):
        data["state"] = FSMContext(storage=SessionStorage(session), key=context.key)

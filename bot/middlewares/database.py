"""One database session per update, the conversation lock and state; redeliveries skipped.

This takes the place of aiogram's own FSM middleware (the Dispatcher runs with
``disable_fsm=True``) so that the seen-before check, the resident and the conversation state
come from one query on the update's own session, read after the per-person lock is held.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.fsm.context import FSMContext
from aiogram.fsm.middleware import FSMContextMiddleware
from aiogram.types import Chat, TelegramObject, Update, User
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage import DatabaseStorage, SessionStorage, storage_key
from db.repositories import updates
from db.session import record_update_on_commit

log = logging.getLogger(__name__)
Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


def private_sender(data: dict[str, Any]) -> int | None:
    """The Telegram id of a person writing in a private chat (who may become a resident)."""
    sender: User | None = data.get("event_from_user")
    chat: Chat | None = data.get("event_chat")
    if sender is None or sender.is_bot or chat is None or chat.type != "private":
        return None
    return sender.id


class DatabaseMiddleware(BaseMiddleware):
    """Lock the conversation, wait for a session slot, open a session, skip seen update ids."""

    def __init__(
        self,
        fsm: FSMContextMiddleware,
        session_factory: async_sessionmaker[AsyncSession],
        sessions_at_once: int,
    ) -> None:
        self.fsm = fsm
        self.session_factory = session_factory
        # Updates queue here, first come first served, rather than at the connection pool,
        # where a newcomer can take a connection a waiting update was woken for.
        self.session_slots = asyncio.Semaphore(sessions_at_once)

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        bot: Bot = data["bot"]
        context = self.fsm.resolve_event_context(bot, data)
        data["fsm_storage"] = self.fsm.storage
        if context is None:
            async with self.session_slots:
                return await self.in_session(handler, event, data, None)
        # State is read only once the lock is held (aiogram issue 1317).
        async with self.fsm.events_isolation.lock(key=context.key), self.session_slots:
            return await self.in_session(handler, event, data, context)

    async def in_session(
        self,
        handler: Handler,
        event: TelegramObject,
        data: dict[str, Any],
        context: FSMContext | None,
    ) -> Any:
        update_id = event.update_id if isinstance(event, Update) else 0
        in_database = context is not None and isinstance(context.storage, DatabaseStorage)
        async with self.session_factory() as session:
            look = await updates.first_look(
                session,
                update_id,
                private_sender(data),
                storage_key(context.key) if in_database and context is not None else None,
            )
            if look.seen:
                log.info("update %s already processed; skipped", update_id)
                return None
            record_update_on_commit(session, update_id)
            data["session"] = session
            data["first_look"] = look
            storage: SessionStorage | None = None
            if context is not None:
                if in_database:
                    # The handler's state changes go through the update's session.
                    storage = SessionStorage(
                        session, storage_key(context.key), look.fsm_state, look.fsm_data
                    )
                    context = FSMContext(storage=storage, key=context.key)
                    data["raw_state"] = look.fsm_state
                else:
                    data["raw_state"] = await context.get_state()
                data["state"] = context
            result = await handler(event, data)
            if storage is not None:
                await storage.flush()
            # Services commit their own use cases; this commit saves the conversation and
            # records the update as processed when nothing else did.
            await session.commit()
            return result

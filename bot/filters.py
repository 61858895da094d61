"""Async filters (aiogram runs sync callables in a thread)."""

from __future__ import annotations

from aiogram.filters import Filter
from aiogram.types import CallbackQuery, Message


class PrivateChat(Filter):
    """Passes messages and button presses that happen in a private chat."""

    async def __call__(self, event: Message | CallbackQuery) -> bool:
        if isinstance(event, CallbackQuery):
            return event.message is not None and event.message.chat.type == "private"
        return event.chat.type == "private"

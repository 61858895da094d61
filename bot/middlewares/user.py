"""Load or create the resident behind a private-chat update; staff roles for handlers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Chat, TelegramObject, Update, User

from bot.config import Settings
from bot.services.clock import Clock
from bot.services.staff import StaffService
from bot.services.users import UserService


class UserMiddleware(BaseMiddleware):
    """Put `user` (the DB row, or None outside private chats), `users` and `staff` into data."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        sender: User | None = data.get("event_from_user")
        chat: Chat | None = data.get("event_chat")
        settings: Settings = data["settings"]
        service = UserService(data["session"], self.clock)
        data["users"] = service
        data["staff"] = StaffService(data["session"], settings.admin_ids, self.clock)
        data["user"] = None
        # Only people who talk to the bot privately become residents; group members don't.
        if sender is not None and not sender.is_bot and chat is not None and chat.type == "private":
            if isinstance(event, Update) and event.my_chat_member is not None:
                # Blocking or unblocking the bot is no contact: known people only, no writes.
                data["user"] = await service.find(sender.id)
            else:
                data["user"] = await service.load_or_create(sender.id, sender.language_code)
        return await handler(event, data)

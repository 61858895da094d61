"""Load or create the resident behind a private-chat update; staff roles for handlers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update

from bot.config import Settings
from bot.middlewares.database import private_sender
from bot.services.clock import Clock
from bot.services.staff import StaffService
from bot.services.users import UserService
from db.repositories.updates import FirstLook


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
        settings: Settings = data["settings"]
        service = UserService(data["session"], self.clock)
        data["users"] = service
        data["staff"] = StaffService(data["session"], settings.admin_ids, self.clock)
        data["user"] = None
        # Only people who talk to the bot privately become residents; group members don't.
        telegram_id = private_sender(data)
        if telegram_id is not None:
            look: FirstLook = data["first_look"]  # read by DatabaseMiddleware
            if isinstance(event, Update) and event.my_chat_member is not None:
                # Blocking or unblocking the bot is no contact: known people only, no writes.
                data["user"] = look.user
            else:
                language_code = data["event_from_user"].language_code
                data["user"] = await service.greet(look.user, telegram_id, language_code)
        return await handler(event, data)

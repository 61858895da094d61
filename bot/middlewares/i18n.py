"""Choose the interface language for each update."""

from __future__ import annotations

from typing import Any

from aiogram.types import Chat, TelegramObject, User
from aiogram.utils.i18n import I18nMiddleware
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.filters import GROUP_TYPES
from bot.services import youth_groups
from bot.services.locale import group_locale, resolve_language


class LocaleMiddleware(I18nMiddleware):
    """In a youth group its language; else the stored choice, Telegram's language, the default."""

    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        stored = data.get("user")
        sender: User | None = data.get("event_from_user")
        locale = resolve_language(
            stored.language if stored is not None else None,
            sender.language_code if sender is not None else None,
            self.i18n.default_locale,
        )
        chat: Chat | None = data.get("event_chat")
        settings: Settings | None = data.get("settings")
        session: AsyncSession | None = data.get("session")
        staff_chat = settings.staff_chat_id if settings is not None else None
        if chat is not None and chat.type in GROUP_TYPES and chat.id != staff_chat and session:
            # A group speaks one language, the one its admins chose, whoever writes.
            language = await youth_groups.language_of(session, chat.id)
            locale = group_locale(language or locale)
        # The error handler runs outside this middleware and needs the same language.
        data["locale"] = locale
        return locale

"""Choose the interface language for each update."""

from __future__ import annotations

from typing import Any

from aiogram.types import TelegramObject, User
from aiogram.utils.i18n import I18nMiddleware

from bot.services.locale import resolve_language


class LocaleMiddleware(I18nMiddleware):
    """The stored choice, else Telegram's language_code (base form), else the default."""

    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        stored = data.get("user")
        sender: User | None = data.get("event_from_user")
        locale = resolve_language(
            stored.language if stored is not None else None,
            sender.language_code if sender is not None else None,
            self.i18n.default_locale,
        )
        # The error handler runs outside this middleware and needs the same language.
        data["locale"] = locale
        return locale

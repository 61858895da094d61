"""The idea's card in the staff chat, shown anew after a change (text: bot.presentation.ideas)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.utils.i18n import get_i18n
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards.ideas import moderation_keyboard
from bot.presentation.idea_translation import with_translation
from bot.presentation.ideas import card_text
from bot.services.ideas import notices as idea_notices
from bot.services.ideas.card_translation import card_translation

if TYPE_CHECKING:
    from db.models import Idea


async def edit_card(
    bot: Bot,
    session: AsyncSession,
    settings: Settings,
    idea: Idea,
    last_change: Callable[[], str] | None = None,
) -> None:
    """Show the idea's new state on its card (if it was posted), in the staff's language;
    `last_change` replaces the card's "Last change" lines (kept with the idea for later edits)."""
    where = await idea_notices.card_message(session, idea)
    if where is None:
        return
    language = settings.default_language
    if last_change is not None:
        with get_i18n().use_locale(language):
            await idea_notices.remember_staff_note(session, idea, last_change())
    shown = await card_translation(session, settings.translate_provider, idea, language)
    with get_i18n().use_locale(language), suppress(TelegramBadRequest):
        await bot.edit_message_text(
            with_translation(card_text(idea, settings.author_key), shown),
            chat_id=where[0], message_id=where[1], reply_markup=moderation_keyboard(idea),
        )  # fmt: skip

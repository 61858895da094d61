"""What erasing a person's data tells others: the waiting list a place came free for, the
staff chat where their ideas were posted, and organisations' groups where their interest cards
were posted (for /delete, the CLI and the retention tick)."""

from __future__ import annotations

from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.config import Settings
from bot.presentation.ideas import staff_chat_texts
from bot.presentation.meetings import notice_renderer
from bot.services.clock import Clock
from bot.services.personal_data.rights import Erasure


def erasure(i18n: I18n, settings: Settings, clock: Clock) -> Erasure:
    """What erasing needs, with the texts rendered in each reader's language."""
    render, staff_chat = notice_renderer(i18n, settings.zone), staff_chat_texts(i18n, settings)
    removed = volunteer_card_removed(i18n, settings.default_language)
    return Erasure(settings.poll_key, clock, render, settings.default_language, staff_chat, removed)


def volunteer_card_removed(i18n: I18n, language: str) -> str:
    """What an interest card in an organisation's group says once Telegram no longer lets the
    bot delete it (cards there are in the city's default language, German)."""
    with i18n.context(), i18n.use_locale(language):
        return _("[removed at the resident's request]")

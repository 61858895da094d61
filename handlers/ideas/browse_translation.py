"""🌐 In my language: a published idea in another language, machine-translated for the reader
and labelled so (kept apart from browse.py so the idea renderers can move without it)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _

from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import BrowseCb
from bot.keyboards.common import back
from bot.presentation.idea_translation import with_translation
from bot.services.ideas.card_translation import CardTranslation
from bot.services.ideas.engagement import Page
from bot.services.ideas.translation import offers_translation
from bot.services.locale import content_language
from bot.services.translation.engine import Translated, Translator

if TYPE_CHECKING:
    from db.models import Idea


def reader_language() -> str:
    """The content language of the reader's interface language (de@du reads German)."""
    return content_language(str(get_i18n().current_locale))


def translatable_ideas(translator: Translator | None, page: Page) -> frozenset[int]:
    """The ideas on the page that get a 🌐 button."""
    language = reader_language()
    return frozenset(
        idea.id for idea, _count in page.ideas if offers_translation(translator, idea, language)
    )


def translated_idea_text(idea: Idea, translated: Translated) -> str:
    """The idea's original, then the labelled translation (cut to fit one message)."""
    original = f"💡 <b>{escape(idea.reference)}</b>\n<blockquote>{escape(idea.text)}</blockquote>"
    return with_translation(original, CardTranslation(translated))


def unavailable_text() -> str:
    """The provider could not translate now."""
    return _("The translation is not available right now. Please try again later.")


def back_to_page(view: BrowseCb) -> InlineKeyboardMarkup:
    """Back to the page the idea was on."""
    builder = InlineKeyboardBuilder()
    builder.button(text=back(_("Back")), callback_data=view.model_copy(update={"action": "page"}))
    return builder.as_markup()

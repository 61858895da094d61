"""The machine translation below an idea's text on its staff card (kept apart from card.py so
the card renderer can move without it).

A non-German idea shows its original, then "🌐 Machine translation (LibreTranslate)" and the
translation; until the provider delivered, a line saying it will be added; once the translation
tick gave up, a line saying it is unavailable.
"""

from __future__ import annotations

from html import escape

from aiogram.utils.i18n import gettext as _

from bot.services.ideas.card_translation import CardTranslation
from bot.services.text_length import clip, utf16_len
from bot.services.translation.engine import Translated

CARD_LIMIT = 4096  # UTF-16 units of a message; the HTML is never shorter than what Telegram counts


def translation_label(translated: Translated) -> str:
    """ "🌐 Machine translation (LibreTranslate)" in the reader's language."""
    return "🌐 " + _("Machine translation ({provider})").format(provider=translated.label)


def awaiting_line() -> str:
    """Shown on a card while its translation has not arrived (provider slow or down)."""
    return "🌐 " + _("Machine translation not available yet; it will be added to this card.")


def unavailable_line() -> str:
    """Shown on a card once the translation tick gave up on the idea's text."""
    return "🌐 " + _("Machine translation unavailable for this idea.")


def with_translation(card: str, shown: CardTranslation) -> str:
    """The card with the translation below it (cut to fit one message), or a line about it."""
    translated = shown.translated
    if translated is None:
        if shown.unavailable:
            return card + "\n\n" + unavailable_line()
        return card + "\n\n" + awaiting_line() if shown.awaiting else card
    head = card + "\n\n<b>" + escape(translation_label(translated)) + "</b>\n"
    room = CARD_LIMIT - utf16_len(head) - utf16_len("<blockquote></blockquote>")
    # clip before escaping; escaping only adds characters Telegram does not count
    body = escape(clip(translated.text, max(room, 0)))
    return head + f"<blockquote>{body}</blockquote>"

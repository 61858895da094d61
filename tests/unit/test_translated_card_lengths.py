"""A staff card and a resident's "In my language" view with a translation still fit one
Telegram message (4,096 UTF-16 units as Telegram counts them), in every language."""

from __future__ import annotations

import pytest

from bot.config import LANGUAGES
from bot.presentation.idea_translation import with_translation
from bot.presentation.ideas import card_text
from bot.services.ideas.card_translation import CardTranslation
from bot.services.translation.engine import Provider, Translated
from handlers.ideas.browse_translation import translated_idea_text
from tests.unit.test_rendered_lengths import TEXT_LIMIT, idea, language, telegram_length

# The longest accepted idea, of characters that grow when escaped and count twice in UTF-16.
LONGEST = ("<&>🚀 " * 400)[:2000]
# Translations can be longer than the original (German often is).
LONG_TRANSLATION = "Übersetzung <&> 🚀 " * 300


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_card_with_a_long_translation_fits_one_message(code: str) -> None:
    translated = Translated(LONG_TRANSLATION, Provider.DEEPL)
    with language(code):
        change = "Last change: " + "🚀" * 129
        card = with_translation(
            card_text(idea(LONGEST, staff_note=change), b"key"), CardTranslation(translated)
        )
        view = translated_idea_text(idea(LONGEST), translated)
    for shown in (card, view):
        assert telegram_length(shown) <= TEXT_LIMIT, (code, telegram_length(shown))
        assert "…" in shown  # the translation was cut, visibly
    assert "DeepL" in card


def test_a_short_translation_is_shown_whole_below_the_original() -> None:
    translated = Translated("Mehr Bänke am Rhein, bitte.", Provider.LIBRETRANSLATE)
    with language("de"):
        card = with_translation(
            card_text(idea("Більше лавок"), b"key"), CardTranslation(translated)
        )
    original, _sep, below = card.partition("Maschinelle Übersetzung (LibreTranslate)")
    assert "Більше лавок" in original and "Mehr Bänke am Rhein, bitte." in below

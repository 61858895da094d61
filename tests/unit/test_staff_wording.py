"""Turnout in each language's plural forms; language names as staff read them."""

from __future__ import annotations

from functools import cache

from aiogram.utils.i18n import I18n

from bot.i18n import build_i18n
from bot.presentation.polls import turnout_line
from bot.services.bidi import isolate
from bot.services.language.names import language_label, language_name


@cache
def catalogs() -> I18n:
    return build_i18n("de")


def turnout(language: str, voters: int, recipients: int) -> str:
    i18n = catalogs()
    with i18n.context(), i18n.use_locale(language):
        return turnout_line(voters, recipients, "—")


def test_turnout_names_who_it_counts_in_the_right_plural() -> None:
    assert turnout("en", 1, 1) == "Answered: 1 of 1 resident who received the poll (turnout —)."
    assert turnout("en", 1, 4).startswith("Answered: 1 of 4 residents who received the poll")
    assert "из 1 жителя, получившего опрос" in turnout("ru", 1, 1)
    assert "из 3 жителей, получивших опрос" in turnout("ru", 2, 3)
    assert "из 21 жителя, получившего опрос" in turnout("ru", 5, 21)
    assert "z 1 mieszkańca, który otrzymał ankietę" in turnout("pl", 0, 1)
    assert "z 5 mieszkańców, którzy otrzymali ankietę" in turnout("pl", 0, 5)
    assert "von 2 Einwohnern, die die Umfrage erhalten haben" in turnout("de", 1, 2)


def test_language_names_follow_the_viewer() -> None:
    assert language_name("ar", "de") == "Arabisch"
    assert language_name("tr", "de") == "Türkisch"
    assert language_name("de", "ar") == "الألمانية"
    assert language_name("tr", "ru") == "турецкий"  # inside a sentence
    assert language_label("tr", "ru") == "Турецкий"  # on its own
    assert language_label("el", "el") == "Ελληνικά"


def test_isolate_wraps_in_first_strong_isolate_and_pop() -> None:
    assert isolate("العربية") == "\u2068العربية\u2069"

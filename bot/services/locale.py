"""Which interface language a person or a group gets, and which content language that means."""

from __future__ import annotations

from bot.config import INFORMAL_GERMAN, INTERFACE_LANGUAGES, LANGUAGES


def base_language(code: str | None) -> str | None:
    """Map a Telegram language_code such as 'de-AT' or 'pt_BR' to a supported base, if any."""
    if not code:
        return None
    base = code.replace("_", "-").split("-", 1)[0].lower()
    return base if base in LANGUAGES else None


def resolve_language(stored: str | None, telegram_code: str | None, default: str) -> str:
    """The stored choice, else Telegram's language when supported, else the default."""
    if stored in INTERFACE_LANGUAGES:
        return stored
    return base_language(telegram_code) or default


def content_language(language: str) -> str:
    """The language of staff-written texts (polls, announcements) for an interface language."""
    return "de" if language == INFORMAL_GERMAN else language


def group_locale(language: str) -> str:
    """Youth groups are addressed with "du": a German group gets the informal catalog."""
    return INFORMAL_GERMAN if content_language(language) == "de" else language

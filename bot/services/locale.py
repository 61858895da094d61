"""Which interface language a person gets."""

from __future__ import annotations

from bot.config import LANGUAGES


def base_language(code: str | None) -> str | None:
    """Map a Telegram language_code such as 'de-AT' or 'pt_BR' to a supported base, if any."""
    if not code:
        return None
    base = code.replace("_", "-").split("-", 1)[0].lower()
    return base if base in LANGUAGES else None


def resolve_language(stored: str | None, telegram_code: str | None, default: str) -> str:
    """The stored choice, else Telegram's language when supported, else the default."""
    if stored in LANGUAGES:
        return stored
    return base_language(telegram_code) or default

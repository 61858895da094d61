"""Gettext catalogs: where they live, compiling them, and the aiogram I18n instance."""

from __future__ import annotations

import logging
from pathlib import Path

from aiogram.utils.i18n import I18n, get_i18n
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.config import INFORMAL_GERMAN, INTERFACE_LANGUAGES
from bot.services.language.names import language_label

DOMAIN = "messages"
# Shown in each language's own name and script, whatever the interface language is.
NATIVE_NAMES = {
    "de": "Deutsch",
    INFORMAL_GERMAN: "Deutsch (du)",
    "en": "English",
    "tr": "Türkçe",
    "ar": "العربية",
    "ru": "Русский",
    "uk": "Українська",
    "pl": "Polski",
    "bg": "Български",
    "ro": "Română",
    "el": "Ελληνικά",
}
RTL_LANGUAGES = frozenset({"ar"})
log = logging.getLogger(__name__)


def locales_dir() -> Path:
    """The catalogs: the source tree's `locales/`, or the copy inside an installed wheel."""
    source = Path(__file__).resolve().parent.parent / "locales"
    return source if source.is_dir() else Path(__file__).resolve().parent / "locales"


def po_path(language: str, base: Path | None = None) -> Path:
    """Where one language's catalog source lives."""
    return (base or locales_dir()) / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_catalogs(base: Path | None = None, *, force: bool = False) -> list[str]:
    """Build .mo files from .po where missing or stale; returns the languages compiled."""
    compiled = []
    for language in INTERFACE_LANGUAGES:
        po = po_path(language, base)
        mo = po.with_suffix(".mo")
        if not po.exists():
            continue
        if force or not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as source:
                catalog = read_po(source, locale=language)
            with mo.open("wb") as target:
                write_mo(target, catalog)
            compiled.append(language)
    if compiled:
        log.info("compiled catalogs: %s", ", ".join(compiled))
    return compiled


def build_i18n(default_language: str) -> I18n:
    """Compile what is stale and load every catalog."""
    compile_catalogs()
    return I18n(path=locales_dir(), default_locale=default_language, domain=DOMAIN)


def translate(i18n: I18n, language: str, message: str) -> str:
    """A message in a given language, outside any update (start-up, outbox)."""
    return i18n.gettext(message, locale=language)


def language_here(code: str) -> str:
    """A language's name in the current interface language, for staff views ("Arabisch" for a
    German editor). The language picker and the resident's own data keep NATIVE_NAMES."""
    return language_label(code, get_i18n().current_locale)

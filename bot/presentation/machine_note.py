"""The short note below a text that machine translation made from the German (announcements,
polls, meetings), in the reader's language: staff write once, readers know what they read."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from aiogram.utils.i18n import I18n, get_i18n
from aiogram.utils.i18n import gettext as _

from bot.config import LANGUAGES
from bot.i18n import language_here

# The note in a given language (the sender has no reader's locale of its own).
NoteText = Callable[[str], str]


def note_line() -> str:
    """ "🌐 Machine-translated from German." in the current locale."""
    return "🌐 " + _("Machine-translated from German.")


def note_in(language: str, i18n: I18n | None = None) -> str:
    """The note in `language` (a content language: each of our catalogs has it)."""
    i18n = i18n or get_i18n()
    with i18n.context(), i18n.use_locale(language):
        return note_line()


def note_text(i18n: I18n) -> NoteText:
    """The note in any language, for callers outside an update (the sender)."""
    return lambda language: note_in(language, i18n)


def with_note(text: str, language: str, machine: bool, i18n: I18n | None = None) -> str:
    """A Telegram-HTML text with the note below it when machine translation made it."""
    if not machine:
        return text
    return text + "\n\n<i>" + escape(note_in(language, i18n)) + "</i>"


def not_configured() -> str:
    """What the translate button says when TRANSLATE_PROVIDER is none (nothing is sent)."""
    return _(
        "Machine translation is not set up for this bot, so please add the language versions "
        "yourself if you need them."
    )


def names(languages: list[str] | set[str] | frozenset[str]) -> str:
    """Language names in the reader's language, in the fixed order."""
    return ", ".join(language_here(code) for code in LANGUAGES if code in languages)


def translated_lines(made: list[str], missing: list[str]) -> list[str]:
    """After translating: which drafts are new (to be checked) and which languages are left."""
    lines = []
    if made:
        lines.append(
            _(
                "🌐 New machine-translated drafts: {languages}. Please check each one: tap a "
                "language to see its text and send a better one if needed."
            ).format(languages=names(made))
        )
    if missing:
        lines.append(
            _(
                "⚠️ Not translated: {languages}. The translation service could not do these "
                "now; their readers get the German text unless you add a version."
            ).format(languages=names(missing))
        )
    return lines


def machine_line(machine: list[str] | set[str] | frozenset[str]) -> str:
    """Which versions are machine-made (their readers see a short note)."""
    return _(
        "🌐 Machine-translated: {languages}. Their readers see a short note saying so."
    ).format(languages=names(machine))


def current_version_question() -> str:
    """Asked below a version's current text, when staff open it to review."""
    return _(
        "Above is the current text of this version. Send a new text to replace it, "
        "or tap Back to keep it."
    )

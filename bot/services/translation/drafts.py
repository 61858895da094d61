"""Staff write once: the German text of a draft (announcement, poll, meeting) translated into
every language that has no version yet, as drafts for staff to review before anything is sent.

Nothing is guessed: a language the provider lacks, or can't translate now, stays missing and is
reported; its readers get the German text, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import LANGUAGES
from bot.services.translation.cache import cached, translate
from bot.services.translation.engine import Translator

SOURCE = "de"
# Room kept in every machine-made version for the "machine-translated" note its readers see.
NOTE_ROOM = 80


@dataclass
class Filled:
    """What one "translate into the other languages" gave: new versions and the languages left."""

    versions: dict[str, list[str]] = field(default_factory=dict)  # language -> texts in order
    missing: list[str] = field(default_factory=list)  # languages still without a version


def missing_languages(present: set[str] | frozenset[str]) -> list[str]:
    """The content languages without a version, in the fixed order."""
    return [code for code in LANGUAGES if code != SOURCE and code not in present]


async def fill_missing(
    session: AsyncSession,
    translator: Translator,
    german: list[str],
    present: set[str] | frozenset[str],
    *,
    html: bool,
    fits: Callable[[list[str]], bool] = lambda _texts: True,
) -> Filled:
    """Each missing language's version of the German texts (a title and a description, a
    question and its options…), through the cache. A language the provider lacks, or whose
    texts don't `fit` the limits with the note, stays missing; after the first failure (the
    provider is down or over budget) so do all the rest, without waiting on it again. Commits."""
    filled = Filled()
    failed = False
    for language in missing_languages(present):
        texts = None
        if not failed and translator.supports(SOURCE, language):
            texts = await _translated(session, translator, german, language, html=html)
            failed = texts is None
        if texts is not None and fits(texts):
            filled.versions[language] = texts
        else:
            filled.missing.append(language)
    await session.commit()
    return filled


async def _translated(
    session: AsyncSession, translator: Translator, german: list[str], language: str, *, html: bool
) -> list[str] | None:
    """The texts in `language` (an empty one stays empty), or None when the provider failed."""
    texts = []
    for text in german:
        if not text.strip():
            texts.append("")
            continue
        done = await translate(session, translator, text, SOURCE, language, idea_id=None, html=html)
        if done is None or not done.text.strip():
            return None
        texts.append(done.text.strip())
    return texts


async def still_machine_made(
    session: AsyncSession,
    translator: Translator | None,
    german: list[str],
    language: str,
    texts: list[str],
) -> bool:
    """Whether `texts` are exactly what machine translation made of the German (read from the
    cache, never asked anew): a version staff changed by hand is theirs and loses the flag, as
    in the chat. A browser's form, not the server, held the drafts in between, so this is where
    the flag is decided, never by a field the form sends."""
    if translator is None:
        return False
    for source, text in zip(german, texts, strict=True):
        if not source.strip():
            if text.strip():
                return False
            continue
        done = await cached(session, translator.provider, source.strip(), SOURCE, language)
        if done is None or _lines(done.text) != _lines(text):
            return False
    return True


def _lines(text: str) -> str:
    """A text compared without its outer blanks or the line endings a browser sends (CRLF)."""
    return text.replace("\r\n", "\n").strip()

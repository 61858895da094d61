"""A relayed message in the reader's language: the organisation's reply in the resident's, the
resident's answer in the inbox's (German).

Relayed texts are not kept, so their translations are not either: the provider is asked
directly, never through the translation cache. The caller holds no database transaction while
waiting. A provider that is down, slow, or does not know the pair never blocks the relay: the
reader gets the original, marked "translation unavailable".
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from bot.services.language.detection import detect_language
from bot.services.translation.engine import Translated, TranslationUnavailable, Translator

log = logging.getLogger(__name__)

WAIT = 15.0  # seconds at most; after that the original goes alone


@dataclass(frozen=True)
class RelayText:
    """What one side wrote and, when the reader reads another language, its translation."""

    original: str
    translated: Translated | None = None
    unavailable: bool = False  # a translation was wanted but could not be made


def source_of(text: str, expected: str) -> str:
    """The language the text is written in: as detected, else the writer's usual one."""
    return detect_language(text, expected) or expected


async def for_reader(
    translator: Translator | None, text: str, *, writer: str, reader: str
) -> RelayText:
    """`text` for a reader of `reader` (a content language); `writer`: the language its writer
    usually writes in, used when the text is too short to tell."""
    if translator is None:
        return RelayText(text)
    source = source_of(text, writer)
    if source == reader:
        return RelayText(text)
    if not translator.supports(source, reader):
        return RelayText(text, unavailable=True)
    try:
        call = translator.translate([text], source, reader, html=False)
        [result] = await asyncio.wait_for(call, WAIT)
    except (TranslationUnavailable, TimeoutError, ValueError) as error:
        log.warning("relay translation %s→%s unavailable: %s", source, reader, type(error).__name__)
        return RelayText(text, unavailable=True)
    return RelayText(text, Translated(result, translator.provider))

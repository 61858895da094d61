"""The port a translation provider implements, and what its answers look like to the services."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class Provider(StrEnum):
    """TRANSLATE_PROVIDER: where texts go to be translated (NONE: nowhere)."""

    NONE = "none"
    LIBRETRANSLATE = "libretranslate"
    DEEPL = "deepl"


# How each provider is named to readers ("Machine translation (LibreTranslate)").
PROVIDER_LABELS = {Provider.LIBRETRANSLATE: "LibreTranslate", Provider.DEEPL: "DeepL"}


def provider_label(provider: str) -> str:
    """The provider's name as shown to readers."""
    return PROVIDER_LABELS.get(Provider(provider), provider)


class TranslationUnavailable(Exception):
    """The provider could not translate now (down, refused, over budget); try again later.

    `refused`: the provider answered and declined this request (a 4xx other than 429, a pair
    it lacks), so asking again at once gets the same answer; other texts may still go through,
    while after an outage (no answer, 5xx, budget) the next texts would fail too."""

    def __init__(self, problem: str, *, refused: bool = False) -> None:
        super().__init__(problem)
        self.refused = refused


class Translator(Protocol):
    """One provider: translates texts between two of our content languages."""

    @property
    def provider(self) -> Provider:
        """Which provider this is (part of the cache key)."""
        ...

    def supports(self, source: str, target: str) -> bool:
        """Whether the provider translates from `source` into `target` (our language codes)."""
        ...

    async def translate(
        self, texts: list[str], source: str, target: str, *, html: bool
    ) -> list[str]:
        """The texts translated, in order; `html`: they hold Telegram HTML to keep intact.

        Raises TranslationUnavailable when the provider can't answer now."""
        ...


@dataclass(frozen=True)
class Translated:
    """A machine translation and who made it."""

    text: str
    provider: Provider

    @property
    def label(self) -> str:
        """The provider's name as shown to readers."""
        return provider_label(self.provider)

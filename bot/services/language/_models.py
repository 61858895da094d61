"""The lingua letter models behind bot.services.language.detection, built once per script group."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache

from lingua import Language, LanguageDetectorBuilder

from bot.services.language import _data as data

LINGUA = {
    "de": Language.GERMAN,
    "en": Language.ENGLISH,
    "tr": Language.TURKISH,
    "pl": Language.POLISH,
    "ro": Language.ROMANIAN,
    "ru": Language.RUSSIAN,
    "uk": Language.UKRAINIAN,
    "bg": Language.BULGARIAN,
}
# Languages we do not offer that share a script with ours and a good part of their words (French,
# Spanish, Italian, Portuguese read as Romanian or English, Dutch as German; Serbian, Macedonian
# as Bulgarian): a longer text lingua finds likelier in one of them is not one of ours.
NEIGHBOURS = {
    "lat": (
        Language.FRENCH,
        Language.SPANISH,
        Language.ITALIAN,
        Language.PORTUGUESE,
        Language.DUTCH,
    ),
    "cyr": (Language.SERBIAN, Language.MACEDONIAN),
}
CharModel = Callable[[str], dict[str, float]]


@cache
def char_model(group: str) -> CharModel:
    """A lingua letter-trigram model restricted to one script group, built once."""
    langs = data.GROUPS[group]
    detector = (
        LanguageDetectorBuilder.from_languages(*(LINGUA[lang] for lang in langs))
        .with_low_accuracy_mode()
        .build()
    )
    codes = {LINGUA[lang]: lang for lang in langs}

    def log_probabilities(text: str) -> dict[str, float]:
        found = {
            codes[c.language]: c.value for c in detector.compute_language_confidence_values(text)
        }
        return {lang: math.log(max(found.get(lang, 0.0), 1e-4)) for lang in langs}

    return log_probabilities


@cache
def neighbour_model(group: str) -> Callable[[str, str], bool]:
    """Whether lingua finds a neighbouring language likelier than ours, built once per group."""
    ours = tuple(LINGUA[lang] for lang in data.GROUPS[group])
    neighbours = NEIGHBOURS[group]
    detector = (
        LanguageDetectorBuilder.from_languages(*ours, *neighbours).with_low_accuracy_mode().build()
    )

    def neighbour_likelier(text: str, lang: str) -> bool:
        found = {c.language: c.value for c in detector.compute_language_confidence_values(text)}
        return max(found.get(other, 0.0) for other in neighbours) > found.get(LINGUA[lang], 0.0)

    return neighbour_likelier

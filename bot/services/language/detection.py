"""Detect which of the bot's ten interface languages a free text is written in."""

from __future__ import annotations

import math
from functools import cache

from bot.services.language import _data as data
from bot.services.language import _models as models
from bot.services.language import _suffixes as suffixes
from bot.services.language import _text as texts

# Chosen by measurement on the tuning half of tests/data/language_corpus.tsv (bench/RESULTS.md).
MIN_LETTERS = 2  # one letter ("a", ":-D") is never evidence
MAX_CHARS = 600  # the opening of a long idea decides; keeps 2000-character texts fast
FLOOR = 20  # ten times the Zipf value given to a word missing from a language's list
FOLD_PENALTY = 5  # a spelling without diacritics is a little less telling than the real one
WORD_WEIGHT = 1.0
CHAR_WEIGHT = 0.2  # the letter model decides mostly where no word is known
CHAR_OOV_WEIGHT = 1.0
MARKER_WEIGHT = 1.0
ABSENCE_WEIGHT = 2.0  # a Cyrillic text without і/ї/є is less likely Ukrainian (and so on)
SUFFIX_WEIGHT = 1.5  # the ending of a word that no list knows
SUFFIX_KNOWN_WEIGHT = 0.0  # the ending of a listed word (its frequency says more)
THRESHOLD = 0.7  # below this probability the answer is None: a wrong offer is worse than none
MARGIN = 3.0  # unless the best is this many times as likely as the runner-up
UI_RATIO = 0.5  # the interface language wins when at least this close to the best one
UI_RATIO_WORD = 0.15  # a lone word is weak evidence: "Start", "sorry" stay with the interface
UI_FLOOR = 0.25  # and it is kept, rather than None, when at least this likely
# Texts of three words or more must be mostly known words of the winner, or they are probably in
# a language we do not offer (French, Kurdish, Serbian...); more so when foreign letters show.
KNOWN_MIN = 0.4
KNOWN_MIN_FOREIGN = 0.6
FIT_LEN = 4  # an unlisted word counts as known when an ending of this many letters or more
FIT_SHARE = 0.9  # is at least this typical of the language
FOREIGN_SHARE = 0.1
# Longer texts with some unknown words are also checked against the languages we do not offer
# that read most like ours (French, Italian, Spanish as Romanian; Dutch as German).
NEIGHBOUR_MIN_WORDS = 5
NEIGHBOUR_KNOWN = 0.8
# A short phrase with few listed words ("незавършен символен указател": inflected forms the small
# lists miss) is kept when it has no foreign letters and no neighbouring language reads likelier.
RESCUE_KNOWN = 0.3
RESCUE_WORDS = 4
COMPOUND_TAIL = 6  # "Anfangsbuchstabe" is known when it ends in a listed word of 6+ letters
COMPOUND_HEAD = 3  # after at least this many letters


def detect_language(text: str, ui_language: str | None = None) -> str | None:
    """The language of ``text``, the interface language on a near tie, or None when unsure."""
    tokens = texts.tokens(text[:MAX_CHARS])
    found = _detect(tokens, ui_language)
    if found is None:  # "помилка pthread cond init": code and names outweigh the user's own words
        others = texts.non_latin(tokens)
        if others and len(others) < len(tokens):
            return _detect(others, ui_language)
    return found


def _detect(tokens: list[str], ui_language: str | None) -> str | None:
    """The language of the tokens in their dominant script (see detect_language)."""
    script, letters = texts.dominant_script(tokens)
    if letters < MIN_LETTERS or script is None:
        return None
    foreign = texts.foreign_share(tokens, script)
    if script in ("ar", "el"):  # the only language of ours in that script
        return script if foreign < 2 * FOREIGN_SHARE else None
    if script not in data.GROUPS:
        return None
    probs = _probabilities(tokens, script)
    best = max(probs, key=lambda lang: probs[lang])
    words = texts.words(tokens)
    own = [word for word in words if data.script_of(word[0]) == script]  # not "Pygments", "PEP"
    if len(own) >= 3 and _not_ours(own, tokens, best, script, foreign):
        return None
    return _decide(probs, ui_language, UI_RATIO_WORD if len(words) == 1 else UI_RATIO)


def warm_up() -> None:
    """Load the word tables and letter models now rather than on the first message."""
    for group in data.GROUPS:
        models.char_model(group)("warm up")
        models.neighbour_model(group)("warm up", data.GROUPS[group][0])
        _suffix_table(group)
        for lang in data.GROUPS[group]:
            _zipf_table(lang)


def _not_ours(own: list[str], tokens: list[str], best: str, group: str, foreign: float) -> bool:
    """Several words, too few of them known in the winner, or likelier a neighbouring language."""
    known = sum(_is_known(word, best, group) for word in own) / len(own)
    if known < (KNOWN_MIN_FOREIGN if foreign >= FOREIGN_SHARE else KNOWN_MIN):
        if known < RESCUE_KNOWN or len(own) > RESCUE_WORDS or foreign > 0:
            return True
    elif len(own) < NEIGHBOUR_MIN_WORDS or known >= NEIGHBOUR_KNOWN:
        return False
    return models.neighbour_model(group)(" ".join(tokens), best)


def _is_known(word: str, lang: str, group: str) -> bool:
    """Listed in the language, a compound ending in a listed word, or with a typical ending."""
    table = _zipf_table(lang)
    if word in table or not data.OWN_LETTERS.get(lang, frozenset()).isdisjoint(word):
        return True
    if any(word[start:] in table for start in range(COMPOUND_HEAD, len(word) - COMPOUND_TAIL + 1)):
        return True
    index = data.GROUPS[group].index(lang)
    return suffixes.ending_share(_suffix_table(group), word, index, FIT_LEN) >= FIT_SHARE


def _probabilities(tokens: list[str], group: str) -> dict[str, float]:
    """Combine word frequencies, the letter model and telltale letters into probabilities."""
    langs = data.GROUPS[group]
    scores = dict.fromkeys(langs, 0.0)
    unknown = 0
    words = texts.words(tokens)
    for word in words:
        values = [_zipf_table(lang).get(word, 0) for lang in langs]
        unknown += max(values) == 0
        weight = SUFFIX_WEIGHT if max(values) == 0 else SUFFIX_KNOWN_WEIGHT
        endings = suffixes.suffix_scores(_suffix_table(group), word, len(langs)) if weight else None
        for index, (lang, value) in enumerate(zip(langs, values, strict=True)):
            scores[lang] += WORD_WEIGHT * data.LN10 * max(value, FLOOR) / 10
            if endings is not None:
                scores[lang] += weight * endings[index]
    char_weight = CHAR_WEIGHT + CHAR_OOV_WEIGHT * unknown / max(len(words), 1)
    text = " ".join(tokens)
    char_scores = models.char_model(group)(text)
    bonus = data.marker_bonus(text, group, ABSENCE_WEIGHT)
    for lang in langs:
        scores[lang] += char_weight * char_scores[lang] + MARKER_WEIGHT * bonus.get(lang, 0.0)
    top = max(scores.values())
    exp = {lang: math.exp(score - top) for lang, score in scores.items()}
    total = sum(exp.values())
    return {lang: value / total for lang, value in exp.items()}


def _decide(probs: dict[str, float], ui_language: str | None, ui_ratio: float) -> str | None:
    """Pick the best language, prefer the interface language on a near tie, else None if unsure."""
    best = max(probs, key=lambda lang: probs[lang])
    ui = probs.get(ui_language or "")
    if ui is not None and ui >= ui_ratio * probs[best]:
        return ui_language
    second = max((p for lang, p in probs.items() if lang != best), default=0.0)
    if probs[best] >= THRESHOLD or probs[best] >= MARGIN * second:
        return best
    if ui is not None and ui >= UI_FLOOR:
        return ui_language
    return None


@cache
def _zipf_table(lang: str) -> dict[str, int]:
    """Word frequencies of one language, loaded once."""
    return data.load_zipf_table(lang, FOLD_PENALTY)


@cache
def _suffix_table(group: str) -> suffixes.SuffixTable:
    """Word endings of one script group's languages, learnt once from their word lists."""
    return suffixes.build_suffix_table([data.listed_words(lang) for lang in data.GROUPS[group]])

"""Word endings per language, learnt from the same word lists: evidence for unlisted words.

Inflected and derived forms that a frequency list misses ("фински", "узбекски", "згенерований",
"Kornisch") still end like the words of their language (-ски is Bulgarian, -ский Russian,
-ований Ukrainian, -isch German). For each ending of 1 to MAX_LEN letters we keep, per language,
the share of that language's listed words that end so; a word then counts by its longest ending
that enough listed words share.
"""

from __future__ import annotations

import math
from collections import Counter

MAX_LEN = 4
MIN_WORDS = 5  # an ending seen on fewer listed words (of all the group's languages) says little
SMOOTHING = 0.5  # added to each language's count, so one unseen ending is not proof against it

SuffixTable = dict[str, tuple[float, ...]]


def build_suffix_table(words_by_lang: list[list[str]]) -> SuffixTable:
    """Log-share of each language among the listed words with each ending (for one group)."""
    counters = [
        Counter(
            word[-length:] for word in words for length in range(1, min(MAX_LEN, len(word) - 1) + 1)
        )
        for words in words_by_lang
    ]
    sizes = [max(len(words), 1) for words in words_by_lang]
    table: SuffixTable = {}
    for ending in set().union(*counters):
        per_lang = [counter.get(ending, 0) for counter in counters]
        if sum(per_lang) < MIN_WORDS:
            continue
        rates = [(c + SMOOTHING) / size for c, size in zip(per_lang, sizes, strict=True)]
        total = sum(rates)
        table[ending] = tuple(math.log(rate / total) for rate in rates)
    return table


def suffix_scores(table: SuffixTable, word: str, n: int) -> tuple[float, ...]:
    """Log-probabilities of the group's languages from the word's longest known ending."""
    for length in range(min(MAX_LEN, len(word) - 1), 0, -1):
        found = table.get(word[-length:])
        if found is not None:
            return found
    return (0.0,) * n


def ending_share(table: SuffixTable, word: str, index: int, min_len: int) -> float:
    """Share of one language for the word's longest known ending of at least min_len letters."""
    for length in range(min(MAX_LEN, len(word) - 1), min_len - 1, -1):
        found = table.get(word[-length:])
        if found is not None:
            return math.exp(found[index])
    return 0.0

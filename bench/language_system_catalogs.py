"""Analysis set for the language detector: short phrases from the Debian system's catalogs.

Run from the project root: ``python bench/language_system_catalogs.py [--errors]``. Reads the
gettext catalogs installed under /usr/share/locale (apt, glib, gtk, coreutils... of this machine,
not in the repository, never used by the held-out test split), takes 300 translated phrases of
2-4 words per language (English: the originals of the German catalogs), placeholders removed,
with seed 7, and prints the accuracy per language with ui_language=None (in brackets % None).
Used to find systematic phrase misses besides the small tune split; see bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

from babel.messages.mofile import read_mo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LOCALE = Path("/usr/share/locale")
LANGS = ("de", "en", "tr", "ar", "ru", "uk", "pl", "bg", "ro", "el")
PER_LANG = 300
PLACEHOLDER = re.compile(
    r"%[-#0 +'I]*\d*(?:\.\d+)?[hlLqjzt]*[a-zA-Z%]|\{[^}]*\}|\$\{?\w+\}?|<[^>]*>|&\w+;|_"
)


def _clean(text: str) -> str:
    return " ".join(PLACEHOLDER.sub(" ", text).split())


def _is_phrase(text: str) -> bool:
    return 2 <= len(text.split()) <= 4 and sum(ch.isalpha() for ch in text) >= 6


def _pairs(lang: str) -> list[tuple[str, str]]:
    """(original, translation) of every translated string of the language's catalogs."""
    pairs: list[tuple[str, str]] = []
    for path in sorted((LOCALE / lang / "LC_MESSAGES").glob("*.mo")):
        if path.name.startswith("iso_"):  # lists of names, not sentences
            continue
        try:
            with path.open("rb") as f:
                catalog = read_mo(f)
        except Exception:  # a catalog babel cannot read is simply skipped
            continue
        for message in catalog:
            ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
            strs = (
                message.string if isinstance(message.string, (tuple, list)) else (message.string,)
            )
            pairs += [(i, s) for i, s in zip(ids, strs, strict=False) if i and s and s != i]
    return pairs


def sample() -> list[tuple[str, str]]:
    """(language, phrase) rows, PER_LANG per language."""
    rng = random.Random(7)
    rows: list[tuple[str, str]] = []
    for lang in LANGS:
        if lang == "en":
            continue
        pairs = _pairs(lang)
        texts = sorted({_clean(s) for _, s in pairs} - {""})
        rng.shuffle(texts)
        rows += [(lang, t) for t in [t for t in texts if _is_phrase(t)][:PER_LANG]]
        if lang == "de":
            originals = sorted({_clean(i) for i, _ in pairs} - {""})
            rng.shuffle(originals)
            rows += [("en", t) for t in [t for t in originals if _is_phrase(t)][:PER_LANG]]
    return rows


def main() -> None:
    """Print the accuracy per language (or the misses)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    from bot.services.language.detection import detect_language, warm_up

    warm_up()
    hits: Counter[str] = Counter()
    nones: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for lang, text in sample():
        got = detect_language(text)
        total[lang] += 1
        hits[lang] += got == lang
        nones[lang] += got is None
        if args.errors and got != lang:
            print(lang, got, text, sep="\t")
    cells = [
        f"{lang} {100 * hits[lang] / total[lang]:.1f} ({100 * nones[lang] / total[lang]:.0f})"
        for lang in LANGS
        if total[lang]
    ]
    print(
        f"{sum(total.values())} phrases, all {100 * sum(hits.values()) / sum(total.values()):.1f}"
    )
    print(" · ".join(cells))


if __name__ == "__main__":
    main()

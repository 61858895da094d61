"""Build tests/data/language_heldout.tsv from open texts that the detector never reads.

Sources (translations by many people, none of them ours): the gettext catalogs shipped in the
Django wheel (split ``test``) and in the Sphinx wheel (split ``tune``), plus Faker's per-locale
lorem word lists (``test`` words; Faker has none for tr, bg, ro) and the words of CLDR's names of
countries, languages, currencies, months and weekdays from Babel (``tune`` words).
Get the wheels with pip and unpack them:

    pip download --no-deps -d /tmp/src django==5.2.20 sphinx==9.0.4 faker==40.63.0
    cd /tmp/src && for f in *.whl; do unzip -qo "$f" -d x; done
    python bench/language_sources.py /tmp/src/x

Classes: ``word`` (one word: a whole one-word translation or a word taken from a translation),
``phrase`` (a translation of 2-4 words), ``chat`` (5-25 words); ``foreign``: 5-25 words in a
language we do not offer (the right answer is None). A word that also occurs in a
catalog of another language of the same script is left out (it is truly ambiguous). Samples are
drawn with a fixed seed, so the file is reproducible.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import random
import re
import sys
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bot.services.language._data import script_of

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "language_heldout.tsv"
LANGS = ("de", "en", "tr", "ar", "ru", "uk", "pl", "bg", "ro", "el")
SCRIPT = {"ru": "cyr", "uk": "cyr", "bg": "cyr", "ar": "ar", "el": "el"}
SCRIPT |= {"sr": "cyr", "mk": "cyr", "fa": "ar"}
SIZES = {
    "test": {"word": 150, "phrase": 100, "chat": 60},
    "tune": {"word": 100, "phrase": 60, "chat": 40},
}
# Languages we do not offer, neighbours of ours in script or region: their texts must give None.
FOREIGN_LANGS = ("fr", "es", "it", "nl", "cs", "hr", "sr", "mk", "fa", "hu")
FOREIGN_SIZE = 20
FAKER = {
    "de": "de_DE",
    "en": "en_US",
    "ar": "ar_AA",
    "ru": "ru_RU",
    "uk": "uk_UA",
    "pl": "pl_PL",
    "el": "el_GR",
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdrf]|%[a-zA-Z]|\{[^}]*\}|<[^>]*>|&\w+;|\S*[_/\\=@]\S*|\.\w+")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def catalog_texts(root: Path, source: str, lang: str) -> list[str]:
    """Cleaned translations (or the English originals for en) of one source's catalogs."""
    if source == "django":
        files = sorted(
            root.glob(f"django/**/locale/{'de' if lang == 'en' else lang}/LC_MESSAGES/*.po")
        )
    else:
        folder = {"uk": "uk_UA", "en": "de"}.get(lang, lang)
        files = sorted(root.glob(f"sphinx/locale/{folder}/LC_MESSAGES/*.po"))
    texts: list[str] = []
    for path in files:
        with path.open("rb") as f:
            for message in read_po(f):
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                strs = message.string if isinstance(message.string, tuple) else (message.string,)
                if (
                    not message.id
                    or message.fuzzy
                    or (lang != "en" and message.string == message.id)
                ):
                    continue  # the header, a translation nobody checked, or one left in English
                for text in ids if lang == "en" else strs:
                    if text:
                        texts.append(" ".join(PLACEHOLDER.sub(" ", str(text)).split()))
    return [t for t in dict.fromkeys(texts) if WORD.search(t)]


def cldr_words(lang: str) -> list[str]:
    """Words of the CLDR names of countries, languages, currencies, months and weekdays (Babel)."""
    locale = Locale.parse(lang)
    names = [*locale.territories.values(), *locale.languages.values()]
    names += [*locale.currencies.values(), *locale.months["format"]["wide"].values()]
    names += list(locale.days["format"]["wide"].values())
    return [w for name in names for w in WORD.findall(name)]


def faker_words(root: Path, lang: str) -> list[str]:
    """Faker's lorem word list for the language, if it has one (read from the unpacked wheel)."""
    if lang not in FAKER:
        return []
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    module = importlib.import_module(f"faker.providers.lorem.{FAKER[lang]}")
    return [w for w in module.Provider.word_list if WORD.fullmatch(w)]


def classify(texts: list[str], lang: str, english: set[str]) -> dict[str, list[str]]:
    """Sort texts into phrase and chat by word count; collect the words of all of them.

    A word is kept only in the language's own script and, for the others than en, only when the
    English originals do not contain it (untranslated terms such as "Handler", "Sphinx").
    """
    out: dict[str, list[str]] = {"word": [], "phrase": [], "chat": []}
    for text in texts:
        words = WORD.findall(text)
        if 2 <= len(words) <= 4:
            out["phrase"].append(text)
        elif 5 <= len(words) <= 25:
            out["chat"].append(text)
        out["word"].extend(
            w for w in words if len(w) >= 2 and _in_script(w, lang) and w.lower() not in english
        )
    out["word"] = list(dict.fromkeys(out["word"]))
    return out


def _in_script(word: str, lang: str) -> bool:
    """Whether every letter of the word is in the language's script."""
    script = SCRIPT.get(lang, "lat")
    return all(script_of(ch) == script for ch in word if ch.isalpha())


def build(root: Path) -> list[tuple[str, str, str, str]]:
    """Rows (lang, kind, split, text) sampled from both sources."""
    rng = random.Random(19)
    rows: list[tuple[str, str, str, str]] = []
    seen: set[str] = set()
    for split, source in (("tune", "sphinx"), ("test", "django")):
        english = {w.lower() for t in catalog_texts(root, source, "en") for w in WORD.findall(t)}
        pools = {
            lang: classify(
                catalog_texts(root, source, lang), lang, set() if lang == "en" else english
            )
            for lang in LANGS
        }
        extra = faker_words if split == "test" else lambda _, lang: cldr_words(lang)
        for lang in LANGS:
            words = [w for w in extra(root, lang) if _in_script(w, lang)]
            pools[lang]["word"] = list(dict.fromkeys(pools[lang]["word"] + words))
        for lang in LANGS:
            script = SCRIPT.get(lang, "lat")
            others = {
                w.lower()
                for other in LANGS
                if other != lang and SCRIPT.get(other, "lat") == script
                for w in pools[other]["word"]
            }
            for kind, size in SIZES[split].items():
                pool = [text for text in pools[lang][kind] if text not in seen]
                if kind == "word":
                    pool = [w for w in pool if w.lower() not in others]
                for text in rng.sample(pool, min(size, len(pool))):
                    rows.append((lang, kind, split, text))
                    seen.add(text)  # the test split never repeats a tune text
        for lang in FOREIGN_LANGS:
            pool = classify(catalog_texts(root, source, lang), lang, english)["chat"]
            for text in rng.sample(pool, min(FOREIGN_SIZE, len(pool))):
                rows.append((lang, "foreign", split, text))
    return rows


def main() -> None:
    """Write the held-out file and print how many texts each language and class got."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path, help="folder with the unpacked wheels")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # Babel warns about plural forms of some catalogs
    rows = build(args.root)
    with OUT.open("w", encoding="utf-8") as f:
        f.write("lang\tkind\tsplit\ttext\n")
        f.writelines("\t".join(row) + "\n" for row in rows)
    counts: dict[tuple[str, str, str], int] = {}
    for lang, kind, split, _ in rows:
        counts[(split, lang, kind)] = counts.get((split, lang, kind), 0) + 1
    for key, n in sorted(counts.items()):
        print(*key, n, file=sys.stderr)


if __name__ == "__main__":
    main()

"""Accuracy of detect_language on the open-source held-out corpus, per language and class.

Run from the project root: ``python bench/language_heldout.py`` prints Markdown tables for the
``tune`` split (Sphinx catalogs) and the ``test`` split (Django catalogs + Faker word lists) of
tests/data/language_heldout.tsv (built by bench/language_sources.py), plus the ``test`` half of
the hand-written tests/data/language_corpus.tsv, each with ui_language=None (texts in languages we
do not offer, class ``foreign``, count as right when answered None); then the median time
per call and the resident memory of this process after loading. ``--errors SPLIT`` lists misses.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.language_detection import KINDS, LANGS, load, rss_mb  # noqa: E402  (needs ROOT)

SETS = {
    "tune": ("language_heldout.tsv", "tune"),
    "test": ("language_heldout.tsv", "test"),
    "own-test": ("language_corpus.tsv", "test"),
}


def cell(answers: list[tuple[str, str | None]]) -> str:
    """Accuracy in % and the share answered None, as 'acc (None)'."""
    if not answers:
        return "–"
    hits = sum(lang == got for lang, got in answers)
    nones = sum(got is None for _, got in answers)
    return f"{100 * hits / len(answers):.1f} ({100 * nones / len(answers):.0f})"


def report(name: str, rows: list[dict[str, str]], answers: list[str | None]) -> str:
    """Markdown table: one row per language and one for all, one column per class."""
    lines = [f"**{name}** ({len(rows)} texts; accuracy %, in brackets % answered None)", ""]
    lines += ["| lang | " + " | ".join(KINDS) + " |", "|---|" + "---|" * len(KINDS)]
    for lang in (*LANGS, "all"):
        cells = [
            cell(
                [
                    (r["lang"], a)
                    for r, a in zip(rows, answers, strict=True)
                    if r["kind"] == kind and lang in ("all", r["lang"])
                ]
            )
            for kind in KINDS
        ]
        label = "**all**" if lang == "all" else lang
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    foreign = [a for r, a in zip(rows, answers, strict=True) if r["kind"] == "foreign"]
    if foreign:
        share = 100 * sum(a is None for a in foreign) / len(foreign)
        lines.append(f"\nLanguages we do not offer: {share:.1f} % of {len(foreign)} answered None.")
    return "\n".join(lines)


def main() -> None:
    """Print the tables, timing and memory (or the misses of one split)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", choices=SETS)
    args = parser.parse_args()
    before = rss_mb()
    from bot.services.language.detection import detect_language, warm_up

    warm_up()
    detect_language("Wann ist das nächste Treffen?")
    loaded = rss_mb()
    if args.errors:
        for row in load(*SETS[args.errors]):
            got = detect_language(row["text"])
            if got != (None if row["kind"] == "foreign" else row["lang"]):
                print(row["lang"], row["kind"], got, row["text"], sep="\t")
        return
    timings: list[int] = []
    for name, (file, split) in SETS.items():
        rows = load(file, split)
        answers = []
        for row in rows:
            start = time.perf_counter_ns()
            answers.append(detect_language(row["text"]))
            timings.append(time.perf_counter_ns() - start)
        print(report(f"{name}: {file} split {split}", rows, answers), end="\n\n")
    print(f"Median {statistics.median(timings) / 1000:.0f} µs per call over {len(timings)} calls;")
    print(f"RSS {loaded:.0f} MB after loading ({loaded - before:.0f} MB for the detector).")


if __name__ == "__main__":
    main()

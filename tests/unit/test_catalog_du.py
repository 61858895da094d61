"""The "du" catalog: complete, never formal, and flagged when the German text moves on."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from babel.dates import format_date
from babel.messages.pofile import read_po, write_po

from bot.config import INFORMAL_GERMAN, INTERFACE_LANGUAGES, LANGUAGES
from bot.i18n import build_i18n, locales_dir, po_path
from bot.i18n_informal import formal_words
from bot.i18n_tools import check
from bot.services.language.detection import detect_language
from bot.services.locale import content_language, group_locale, resolve_language


def catalog(language: str, base: Path | None = None):  # type: ignore[no-untyped-def]
    with po_path(language, base).open("rb") as source:
        return read_po(source, locale=language)


def test_no_formal_address_in_the_du_catalog() -> None:
    formal = {
        m.id: formal_words(str(m.string))
        for m in catalog(INFORMAL_GERMAN)
        if m.id and formal_words(str(m.string))
    }
    assert formal == {}
    # The rule itself catches each formal form, and leaves du and lower-case "sie"/"ihr" alone.
    assert formal_words("Senden Sie Ihre Idee, wir schreiben Ihnen. Ihr Profil") == [
        "Sie", "Ihre", "Ihnen", "Ihr",
    ]  # fmt: skip
    assert formal_words("Sende deine Idee; sie ist gut, ihr Status: neu.") == []


def test_du_differs_from_german_where_german_is_formal() -> None:
    german = {m.id: str(m.string) for m in catalog("de") if m.id}
    du = {m.id: str(m.string) for m in catalog(INFORMAL_GERMAN) if m.id}
    assert du.keys() == german.keys()
    formal_in_german = [i for i, text in german.items() if formal_words(text)]
    assert len(formal_in_german) > 100
    assert all(du[i] != german[i] for i in formal_in_german)


def test_check_fails_on_a_new_msgid_missing_or_formal_in_du(tmp_path: Path) -> None:
    copy = tmp_path / "locales"
    shutil.copytree(locales_dir(), copy)
    du = catalog(INFORMAL_GERMAN, copy)
    du.delete("Main menu")
    du.get("How old are you?").string = "Wie alt sind Sie?"
    with po_path(INFORMAL_GERMAN, copy).open("wb") as target:
        write_po(target, du)
    problems = check(copy)
    assert f"{INFORMAL_GERMAN}: missing msgid 'Main menu'" in problems
    assert any("formal address ['Sie']" in p and "How old are you?" in p for p in problems)
    assert all(p.startswith(f"{INFORMAL_GERMAN}:") for p in problems)


def test_check_flags_du_entries_whose_german_text_changed(tmp_path: Path) -> None:
    copy = tmp_path / "locales"
    shutil.copytree(locales_dir(), copy)
    german = catalog("de", copy)
    german.get("How old are you?").string = "Wie alt sind Sie denn?"
    with po_path("de", copy).open("wb") as target:
        write_po(target, german)
    assert check(copy) == [f"{INFORMAL_GERMAN}: German text changed, re-check: 'How old are you?'"]


def test_du_is_an_interface_language_with_german_dates_and_content() -> None:
    assert INFORMAL_GERMAN in INTERFACE_LANGUAGES and INFORMAL_GERMAN not in LANGUAGES
    assert format_date(date(2027, 5, 1), "full", locale=INFORMAL_GERMAN) == "Samstag, 1. Mai 2027"
    assert resolve_language(INFORMAL_GERMAN, "en", "de") == INFORMAL_GERMAN
    assert resolve_language(None, "de-AT", "de") == "de"
    assert content_language(INFORMAL_GERMAN) == "de" and group_locale("de") == INFORMAL_GERMAN
    assert group_locale("tr") == "tr"
    i18n = build_i18n("de")
    assert i18n.gettext("How old are you?", locale=INFORMAL_GERMAN) == "Wie alt bist du?"
    # The detector knows languages, not forms of address.
    assert detect_language("Wie alt bist du? Ich wohne in Hamborn.", INFORMAL_GERMAN) == "de"

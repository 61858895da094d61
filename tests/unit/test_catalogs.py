"""The catalogs are complete, not fuzzy, with the msgid's placeholders and balanced HTML."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from bot.config import INTERFACE_LANGUAGES
from bot.i18n import locales_dir
from bot.i18n_tools import check


def test_every_language_has_every_message() -> None:
    assert check() == []


def test_check_reports_broken_catalogs(tmp_path: Path) -> None:
    copy = tmp_path / "locales"
    shutil.copytree(locales_dir(), copy)
    po = copy / "tr" / "LC_MESSAGES" / "messages.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    # Break one placeholder and one tag in translations, the way a hasty translator would.
    placeholder = next(i for i, x in enumerate(lines) if x.startswith("msgstr") and "{" in x)
    tag = next(i for i, x in enumerate(lines) if x.startswith("msgstr") and "</b>" in x)
    lines[placeholder] = re.sub(r"\{\w+\}", "{dil}", lines[placeholder], count=1)
    lines[tag] = lines[tag].replace("</b>", "", 1)
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = check(copy)
    assert any(p.startswith("tr:") and "placeholders differ" in p for p in problems)
    assert any(p.startswith("tr:") and ("HTML" in p) for p in problems)
    assert all(p.startswith("tr:") for p in problems)


def test_catalog_for_each_interface_language_exists() -> None:
    for language in INTERFACE_LANGUAGES:  # the ten and German with "du"
        assert (locales_dir() / language / "LC_MESSAGES" / "messages.po").is_file()


def test_check_reads_every_plural_form(tmp_path: Path) -> None:
    copy = tmp_path / "locales"
    shutil.copytree(locales_dir(), copy)
    for language, break_form in (("ru", lambda f: ("", *f[1:])), ("pl", lambda f: (*f[:2], "x"))):
        po = copy / language / "LC_MESSAGES" / "messages.po"
        with po.open("rb") as source:
            catalog = read_po(source, locale=language)
        plural = next(m for m in catalog if isinstance(m.id, tuple))
        plural.string = break_form(plural.string)  # an empty form; a form without placeholders
        with po.open("wb") as target:
            write_po(target, catalog)
    problems = check(copy)
    assert any(p.startswith("ru: untranslated") for p in problems), problems
    assert any(p.startswith("pl: placeholders differ") for p in problems), problems

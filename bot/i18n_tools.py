"""Catalog workflow: extract, update, check (used by the CLI and the tests)."""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

from bot.config import LANGUAGES
from bot.i18n import DOMAIN, locales_dir, po_path
from bot.services.html import InvalidHtml, visible_text

PLACEHOLDER = re.compile(r"\{(\w*)\}")
TAG = re.compile(r"</?([a-z-]+)")
PROJECT = Path(__file__).resolve().parent.parent


def pot_path(base: Path | None = None) -> Path:
    """The template catalog."""
    return (base or locales_dir()) / f"{DOMAIN}.pot"


def extract() -> Path:
    """Collect msgids from bot/ and handlers/ into messages.pot."""
    target = pot_path()
    # Relative input paths keep the "#:" locations the same on every machine.
    with contextlib.chdir(PROJECT):
        CommandLineInterface().run(
        [
            "pybabel", "-q", "extract", "-F", str(PROJECT / "babel.cfg"),
            "-k", "_", "-k", "__", "--add-comments=Translators:", "--sort-by-file",
            "--project=Stadtstimme", "-o", str(target), "bot", "handlers",
        ]
        )  # fmt: skip
    return target


def update() -> None:
    """Merge the template into every language (creating missing ones); no fuzzy guesses."""
    for language in LANGUAGES:
        command = "update" if po_path(language).exists() else "init"
        args = ["pybabel", "-q", command, "-i", str(pot_path()), "-d", str(locales_dir())]
        args += ["-D", DOMAIN, "-l", language]
        if command == "update":
            args += ["--no-fuzzy-matching", "--ignore-obsolete"]
        CommandLineInterface().run(args)
    fill_source_language()


def fill_source_language(language: str = "en") -> None:
    """The msgids are English: the English catalog is their identity, kept in step."""
    path = po_path(language)
    catalog = _load(path, language)
    for message in catalog:
        if message.id:
            message.string = message.id
    with path.open("wb") as target:
        write_po(target, catalog, width=100)


def _load(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, locale=language)


def check(base: Path | None = None) -> list[str]:
    """Every problem in the catalogs, one line each; empty when all are complete and sound."""
    template = _load(pot_path(base))
    wanted = {m.id for m in template if m.id}
    problems: list[str] = []
    for language in LANGUAGES:
        path = po_path(language, base)
        if not path.exists():
            problems.append(f"{language}: catalog missing ({path})")
            continue
        catalog = _load(path, language)
        problems += [
            f"{language}: missing msgid {m!r}"
            for m in sorted(map(str, wanted - {m.id for m in catalog if m.id}))
        ]
        for message in catalog:
            if message.id and message.id in wanted:
                problems += [f"{language}: {p}: {message.id!r}" for p in _problems(message)]
    return problems


def _problems(message: object) -> list[str]:
    if "fuzzy" in message.flags:  # type: ignore[attr-defined]
        return ["fuzzy"]
    # A plural entry has a tuple of msgids and one msgstr per plural form of the language.
    ids, strings = message.id, message.string  # type: ignore[attr-defined]
    msgid = str(ids[0] if isinstance(ids, tuple) else ids)
    forms = [str(s or "") for s in (strings if isinstance(strings, tuple) else (strings,))]
    if any(not form.strip() for form in forms):
        return ["untranslated"]
    found: list[str] = []
    for msgstr in forms:
        found += [p for p in _form_problems(msgid, msgstr) if p not in found]
    return found


def _form_problems(msgid: str, msgstr: str) -> list[str]:
    found = []
    if Counter(PLACEHOLDER.findall(msgid)) != Counter(PLACEHOLDER.findall(msgstr)):
        found.append("placeholders differ")
    if Counter(TAG.findall(msgid)) != Counter(TAG.findall(msgstr)):
        found.append("HTML tags differ")
    try:
        visible_text(msgstr)
    except InvalidHtml as error:
        found.append(f"invalid HTML ({error})")
    return found

"""Catalog workflow: extract, update, check (used by the CLI and the tests)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

from bot import i18n_informal
from bot.config import INFORMAL_GERMAN, INTERFACE_LANGUAGES
from bot.i18n import DOMAIN, RTL_LANGUAGES, locales_dir, po_path
from bot.i18n_rules import message_problems, plural_rule_problems
from bot.services.bidi import isolate_ltr_runs

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
    for language in INTERFACE_LANGUAGES:
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
    wanted = {_key(m.id) for m in template if m.id}
    problems: list[str] = []
    for language in INTERFACE_LANGUAGES:
        path = po_path(language, base)
        if not path.exists():
            problems.append(f"{language}: catalog missing ({path})")
            continue
        catalog = _load(path, language)
        problems += [f"{language}: {p}" for p in plural_rule_problems(catalog, language)]
        problems += [
            f"{language}: missing msgid {m!r}"
            for m in sorted(wanted - {_key(m.id) for m in catalog if m.id})
        ]
        for message in catalog:
            if message.id and _key(message.id) in wanted:
                found = message_problems(message, language, catalog.num_plurals)
                problems += [f"{language}: {p}: {_key(message.id)!r}" for p in found]
    if not any(p.startswith(("de:", f"{INFORMAL_GERMAN}: catalog missing")) for p in problems):
        problems += i18n_informal.problems(base)
    return problems


def _key(msgid: str | tuple[str, ...] | list[str]) -> str:
    """A plural message is known by its singular msgid (as in the catalog itself)."""
    return msgid if isinstance(msgid, str) else msgid[0]


def isolate_rtl(base: Path | None = None) -> list[str]:
    """Wrap left-to-right fragments of right-to-left catalogs in isolates; the languages changed."""
    changed = []
    for language in sorted(RTL_LANGUAGES):
        path = po_path(language, base)
        catalog = _load(path, language)
        edits = 0
        for message in catalog:
            if not message.id or not message.string:
                continue
            if isinstance(message.string, tuple | list):
                fixed: str | tuple[str, ...] = tuple(map(isolate_ltr_runs, message.string))
            else:
                fixed = isolate_ltr_runs(message.string)
            if fixed != message.string:
                message.string, edits = fixed, edits + 1
        if edits:
            with path.open("wb") as target:
                write_po(target, catalog)
            changed.append(language)
    return changed

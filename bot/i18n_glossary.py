"""locales/GLOSSARY.md, written from locales/glossary.toml (``python -m bot.i18n_glossary``)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from bot.config import LANGUAGES
from bot.i18n import locales_dir

INTRO = """# Glossary

One word per idea, in every language. The machine-readable source is `glossary.toml`; this page
is written from it with `python -m bot.i18n_glossary` (a test checks that the two agree), and
`tests/unit/test_glossary.py` fails when a catalog uses a word listed under "not this".
The way to write is in `STYLE.md`.
"""


def load(base: Path | None = None) -> dict[str, Any]:
    """The glossary as read from the TOML file."""
    path = (base or locales_dir()) / "glossary.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _term(name: str, term: dict[str, Any]) -> list[str]:
    lines = [f"## {term['en']}", "", "| | use | not this |", "|---|---|---|"]
    for language in LANGUAGES:
        avoid = ", ".join(term.get("avoid", {}).get(language, [])) or "–"
        lines.append(f"| {language} | {term['use'][language]} | {avoid} |")
    scope = term.get("scope", ".")
    where = "every message" if scope == "." else f"messages whose English text matches `{scope}`"
    return [*lines, "", f"“Not this” is checked in {where}.", ""]


def render(glossary: dict[str, Any]) -> str:
    """The whole page."""
    lines = [INTRO]
    for name, term in glossary.items():
        if name != "pending":
            lines += _term(name, term)
    if pending := ", ".join(f"`{p}`" for p in glossary.get("pending", {}).get("msgids", [])):
        lines.append(f"Not checked yet (texts another branch rewrites): msgids matching {pending}.")
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> None:
    """Write GLOSSARY.md next to glossary.toml."""
    (locales_dir() / "GLOSSARY.md").write_text(render(load()), encoding="utf-8")


if __name__ == "__main__":
    main()

"""The "du" catalog (locales/de@du) kept in step with the German one; see locales/STYLE-du.md.

Each du entry carries a translator comment `de-sha: <digest>` of the German text it was
written from. `stadtstimme i18n check` fails when a du entry is missing or empty (a new msgid),
still addresses the reader formally, or was written from a German text that has changed since;
`stadtstimme i18n du-stamp` records the digests once the du texts have been brought up to date.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from bot.config import INFORMAL_GERMAN
from bot.i18n import po_path

# Formal address: "Sie", "Ihnen" and the possessive "Ihr…" are always capitalised; write the
# third person another way in this catalog ("die Idee wird …"), so no sentence stays ambiguous.
FORMAL = re.compile(r"\b(Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres)\b")
STAMP = "de-sha: "


def german_digest(text: str) -> str:
    """A short fingerprint of a German translation."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def formal_words(text: str) -> list[str]:
    """The formal-address words in a text."""
    return FORMAL.findall(text)


def _text(message: Message) -> str:
    string = message.string
    return "\n".join(string) if isinstance(string, (list, tuple)) else str(string or "")


def _stamp_of(message: Message) -> str | None:
    for comment in message.user_comments:
        if comment.startswith(STAMP):
            return comment.removeprefix(STAMP).strip()
    return None


def _load(path: Path, locale: str) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, locale=locale)


def problems(base: Path | None = None) -> list[str]:
    """Formal address in the du catalog, and du entries behind a changed German text."""
    german = _load(po_path("de", base), "de")
    informal = _load(po_path(INFORMAL_GERMAN, base), INFORMAL_GERMAN)
    found: list[str] = []
    for message in informal:
        if not message.id:
            continue
        text = _text(message)
        if words := formal_words(text):
            found.append(f"{INFORMAL_GERMAN}: formal address {sorted(set(words))}: {message.id!r}")
        source = german.get(message.id, message.context)
        if source is not None and text and _stamp_of(message) != german_digest(_text(source)):
            found.append(f"{INFORMAL_GERMAN}: German text changed, re-check: {message.id!r}")
    return found


def stamp(base: Path | None = None) -> int:
    """Record the German digest on every translated du entry; returns how many changed."""
    german = _load(po_path("de", base), "de")
    path = po_path(INFORMAL_GERMAN, base)
    informal = _load(path, INFORMAL_GERMAN)
    changed = 0
    for message in informal:
        source = german.get(message.id, message.context) if message.id else None
        if source is None or not _text(message):
            continue
        digest = german_digest(_text(source))
        if _stamp_of(message) != digest:
            kept = [c for c in message.user_comments if not c.startswith(STAMP)]
            message.user_comments = [*kept, STAMP + digest]
            changed += 1
    with path.open("wb") as target:
        write_po(target, informal, width=100)
    return changed

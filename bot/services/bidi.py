"""Unicode isolates for left-to-right fragments inside right-to-left (Arabic) text.

Without them the bidi algorithm moves neutral characters to the wrong side: "/privacy" in an
Arabic sentence shows as "privacy/", "0203 94000" as "94000 0203". An isolate (LRI … PDI for
known left-to-right text, FSI … PDI for text of unknown direction such as a user's name) keeps
the fragment in its own order and leaves the sentence around it alone.

Telegram, like a browser, lays out each line by its first strong letter, and a line break ends
an isolate: a value of several lines is isolated line by line, and a card for right-to-left
readers starts every line with a RIGHT-TO-LEFT MARK (a German title must not turn it around).
"""

from __future__ import annotations

import re

LRI = "\u2066"
RLI = "\u2067"
FSI = "\u2068"
PDI = "\u2069"
RLM = "\u200f"  # RIGHT-TO-LEFT MARK: a strong right-to-left letter nobody sees
ISOLATE_MARKS = frozenset(LRI + RLI + FSI + PDI)
RTL_LETTER = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")

_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_URL = r"https?://[^\s<>\"،]*[^\s<>\"،.,;:!?)]"
_COMMAND = r"/(?:[A-Za-z][A-Za-z0-9_]*(?:@[A-Za-z0-9_]+)?|\{\w+\})"
# A Latin word may contain dots, hyphens and apostrophes, but never ends in a full stop.
_WORD = rf"[{_LATIN}](?:[{_LATIN}0-9_'’@-]|\.(?=[{_LATIN}0-9]))*"
_NUMBER = r"\+?[0-9]+(?:[.,:/–-][0-9]+)*"
_PLACEHOLDER = r"\{\w*\}"
_TOKEN = rf"(?:{_URL}|{_COMMAND}|{_WORD}|{_NUMBER}|{_PLACEHOLDER})"
_SEPARATOR = r"(?:\.? |, |: |:| – | - )"
# Tags, entities and what is isolated already are left as they are.
_SKIP = r"<[^>]*>|&#?\w+;|[\u2066-\u2068][^\u2069]*\u2069"
_SCAN = re.compile(rf"(?P<skip>{_SKIP})|(?P<run>{_TOKEN}(?:{_SEPARATOR}{_TOKEN})*)")
_NEEDS_ISOLATE = re.compile(rf"[{_LATIN}]|/[A-Za-z{{]|[0-9](?: |:)+[0-9]|^\+[0-9]")
_PLACEHOLDERS = re.compile(_PLACEHOLDER)


def isolate_ltr(text: str) -> str:
    """A left-to-right fragment (command, Latin name, phone number, date) for RTL text."""
    return f"{LRI}{text}{PDI}"


# Each line of a card value costs its marks; a card keeps at most this many lines of a value, so
# a card of many short lines still fits Telegram's 4096 characters (further breaks become spaces).
LINES_MAX = 12


def isolate(text: str, lines_max: int | None = None) -> str:
    """Text of unknown direction (a name, a staff comment) for use inside any line: each line
    set apart on its own; with `lines_max`, lines after it are joined to the last one."""
    lines = text.split("\n")
    if lines_max is not None and len(lines) > lines_max:
        lines[lines_max - 1 :] = [" ".join(part for part in lines[lines_max - 1 :] if part)]
    return "\n".join(f"{FSI}{line}{PDI}" if line else line for line in lines)


def right_to_left(text: str) -> str:
    """The text with every non-empty line starting right-to-left."""
    return "\n".join(f"{RLM}{line}" if line else line for line in text.split("\n"))


def _needs_isolate(run: str) -> bool:
    """Latin letters, a command, or numbers joined by spaces or colons (phone numbers, times).

    Placeholders alone are left to the code that fills them: most are numbers, which the
    bidi algorithm already keeps in order.
    """
    return bool(_NEEDS_ISOLATE.search(_PLACEHOLDERS.sub("", run.replace("/{", "/x"))))


def unisolated_ltr_runs(text: str) -> list[str]:
    """The left-to-right fragments of a right-to-left text that are not isolated yet."""
    if not RTL_LETTER.search(text):
        return []
    runs = (match["run"] for match in _SCAN.finditer(text) if match["run"])
    return [run for run in runs if _needs_isolate(run)]


def isolate_ltr_runs(text: str) -> str:
    """The text with each left-to-right fragment wrapped in LRI … PDI (RTL text only)."""
    if not RTL_LETTER.search(text):
        return text

    def wrap(match: re.Match[str]) -> str:
        run = match["run"]
        return isolate_ltr(run) if run and _needs_isolate(run) else match[0]

    return _SCAN.sub(wrap, text)

"""Text lengths as Telegram counts them (UTF-16 code units) and the letters in a text.

Telegram's limits (4,096 for a message, 1,024 for a caption, 300 for a poll question …) are in
UTF-16 code units: an emoji outside the Basic Multilingual Plane counts twice. Python's len()
counts code points, so every limit in the bot goes through utf16_len instead.
"""

from __future__ import annotations

import unicodedata

ELLIPSIS = "…"


def utf16_len(text: str) -> int:
    """The length of text in UTF-16 code units, as Telegram counts it."""
    # Each code point above U+FFFF takes a surrogate pair; all others one unit.
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def letter_count(text: str) -> int:
    """How many letters (Unicode category L*) of any script the text has.

    Digits, punctuation, symbols and emoji, spaces, zero-width and other format characters and
    combining marks (a base letter with its accent is one letter) are not counted.
    """
    return sum(1 for char in text if unicodedata.category(char).startswith("L"))


def clip(text: str, limit: int) -> str:
    """The text cut to at most `limit` UTF-16 units, ending in "…" when something was cut."""
    if utf16_len(text) <= limit:
        return text
    kept, used = [], utf16_len(ELLIPSIS)
    for char in text:
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit:
            break
        kept.append(char)
    return "".join(kept).rstrip() + ELLIPSIS

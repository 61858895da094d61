"""Cards for right-to-left readers that hold text in another script (staff write in German).

Telegram, like a browser, lays out each line by its first strong letter. An Arabic card whose
title falls back to German would start left-to-right, and a German sentence inside a right-to-left
line gets its punctuation moved ("?Wo treffen Sie sich"). So every line of such a card starts with
a RIGHT-TO-LEFT MARK, and every foreign value sits in FIRST STRONG ISOLATE … POP DIRECTIONAL
ISOLATE: it keeps its own direction and does not disturb the line around it.
"""

from __future__ import annotations

# Each line of a value costs three marks; a value keeps at most this many lines, so a card of
# many short lines still fits Telegram's 4096 characters (further breaks become spaces).
LINES_MAX = 12
RLM = "\u200f"  # RIGHT-TO-LEFT MARK: a strong right-to-left letter nobody sees
FSI = "\u2068"  # FIRST STRONG ISOLATE: the value takes the direction of its own first letter
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE: ends the isolate


def isolate(text: str) -> str:
    """Each line of the text set apart in its own direction (a line break ends an isolate);
    lines after LINES_MAX are joined to the last one."""
    lines = text.split("\n")
    if len(lines) > LINES_MAX:
        lines[LINES_MAX - 1 :] = [" ".join(part for part in lines[LINES_MAX - 1 :] if part)]
    return "\n".join(f"{FSI}{line}{PDI}" if line else line for line in lines)


def right_to_left(text: str) -> str:
    """The text with every non-empty line starting right-to-left."""
    return "\n".join(f"{RLM}{line}" if line else line for line in text.split("\n"))

"""Unicode bidi isolation: text of another direction embedded in a line keeps its own order."""

from __future__ import annotations

FSI = "\u2068"  # FIRST STRONG ISOLATE: the fragment takes the direction of its first letter
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE: ends the fragment


def isolate(text: str) -> str:
    """The text as one isolated run, so an Arabic name in a German line (or the reverse) and
    the numbers after it appear in the right order."""
    return FSI + text + PDI

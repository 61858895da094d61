"""Names of the interface languages as a viewer reads them (CLDR data through Babel)."""

from __future__ import annotations

from functools import cache

from babel import Locale


@cache
def _names(viewer: str) -> dict[str, str]:
    """Babel's language names in the viewer's language (parsed once per viewer)."""
    return dict(Locale.parse(viewer).languages)


def language_name(code: str, viewer: str) -> str:
    """A language's name in the viewer's language ('ar' for a German viewer: 'Arabisch');
    the code itself when CLDR has no name for it."""
    return _names(viewer).get(code, code)


def language_label(code: str, viewer: str) -> str:
    """The name standing on its own (a button, a list entry): first letter upper-case, since
    CLDR writes e.g. Russian and Polish names in lower case for use inside a sentence."""
    name = language_name(code, viewer)
    return name[:1].upper() + name[1:]

"""Splitting a text into the words the detector weighs, and finding its script."""

from __future__ import annotations

from bot.services.language import _data as data

# Latin letters in a Cyrillic, Arabic or Greek text are mostly names and code ("صورة QuickTime",
# "Изображение OpenRaster"): the other script wins with a third as many (bench/RESULTS.md).
OTHER_SCRIPT_RATIO = 3


def tokens(text: str) -> list[str]:
    """Lower-case words without links, digits, emoji, laughter, chat jargon and Duisburg places."""
    tokens: list[str] = []
    for match in data.TOKEN.finditer(data.URLS.sub(" ", text.translate(data.APOSTROPHES))):
        word = match.group(0)
        base, quote, suffix = word.partition("'")
        if base.split("-")[0].lower() in data.PLACES:
            if quote and data.TR_SUFFIX.fullmatch(quote + suffix):
                tokens.append("'" + suffix.lower())  # keep the Turkish case ending as evidence
            continue
        lower = word.lower()
        if lower in data.NEUTRAL or data.LAUGHTER.fullmatch(lower):
            continue
        if quote and base[:1].isupper() and data.TR_SUFFIX.fullmatch(quote + suffix):
            tokens.extend((base.lower(), "'" + suffix.lower()))
            continue
        tokens.append(lower)
    return tokens


def words(tokens: list[str]) -> list[str]:
    """Tokens split at hyphens, as the word lists spell them."""
    return [part for token in tokens for part in token.strip("'").split("-") if part]


def foreign_share(tokens: list[str], script: str) -> float:
    """Share of tokens with a letter that none of our languages in this script uses."""
    foreign = data.FOREIGN.get(script, frozenset())
    return sum(not foreign.isdisjoint(token) for token in tokens) / max(len(tokens), 1)


def dominant_script(tokens: list[str]) -> tuple[str | None, int]:
    """The script with the most letters (others win over Latin names at a third as many)."""
    counts: dict[str, int] = {}
    for token in tokens:
        for ch in token:
            if ch.isalpha():
                script = data.script_of(ch)
                counts[script] = counts.get(script, 0) + 1
    if not counts:
        return None, 0
    total = sum(counts.values())
    others = {script: n for script, n in counts.items() if script != "lat"}
    if others:
        script, n = max(others.items(), key=lambda item: item[1])
        if OTHER_SCRIPT_RATIO * n >= counts.get("lat", 0):
            return script, total
    return "lat", total


def non_latin(tokens: list[str]) -> list[str]:
    """The tokens written in a script other than Latin (Cyrillic, Arabic, Greek)."""
    return [
        token
        for token in tokens
        if any(data.script_of(ch) not in ("lat", "other") for ch in token if ch.isalpha())
    ]

"""Turn (text, parse_mode) into what Telegram stores: trimmed plain text plus entities."""

from __future__ import annotations

from typing import Any

from .entities import EntityParseError, utf16_len
from .errors import ApiError, bad_request
from .html_check import parse_html
from .markdown_check import parse_markdown_v2
from .markdown_legacy import parse_markdown


def render_text(
    text: str, parse_mode: str | None, *, strict_ampersand: bool = True
) -> tuple[str, list[dict[str, Any]]]:
    """Parse `text` per `parse_mode` (case-insensitive like Telegram) and trim it."""
    mode = (parse_mode or "").lower()
    entities: list[dict[str, Any]] = []
    try:
        if not mode:
            plain = text
        elif mode == "html":
            plain, entities = parse_html(text, strict_ampersand=strict_ampersand)
        elif mode == "markdownv2":
            plain, entities = parse_markdown_v2(text)
        elif mode == "markdown":
            plain, entities = parse_markdown(text)
        else:
            raise bad_request("unsupported parse_mode")
    except EntityParseError as exc:
        raise ApiError(400, f"Bad Request: can't parse entities: {exc}") from exc
    return _trim(plain, entities)


def _trim(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Strip surrounding whitespace like Telegram does, shifting entity offsets to match."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    size = utf16_len(stripped)
    kept = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, size)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept

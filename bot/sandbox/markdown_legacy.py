"""Telegram's legacy Markdown parse mode, modelled on tdlib's parse_markdown."""

from __future__ import annotations

from typing import Any

from .entities import EntityParseError, utf16_len


def parse_markdown(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse legacy Markdown: *bold*, _italic_, `code`, ```pre```, [text](url)."""
    out, entities, pos16, i, n = [], [], 0, 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in "_*`[":
            out.append(text[i + 1])
            pos16, i = pos16 + 1, i + 2
            continue
        if c not in "_*`[":
            out.append(c)
            pos16, i = pos16 + utf16_len(c), i + 1
            continue
        begin, pre = i, text.startswith("```", i)
        closer = "```" if pre else {"[": "]"}.get(c, c)
        i += len(closer) if pre else 1
        end = text.find(closer, i)
        if end < 0:
            offset = len(text[:begin].encode())
            raise EntityParseError(f"Can't find end of the entity starting at byte offset {offset}")
        inner = text[i:end]
        entity: dict[str, Any] = {"offset": pos16, "length": utf16_len(inner)}
        entity["type"] = {"_": "italic", "*": "bold", "`": "pre" if pre else "code"}.get(c)
        i = end + len(closer)
        if c == "[":
            entity["type"], entity["url"] = "text_link", inner
            if text.startswith("(", i) and (close := text.find(")", i)) >= 0:
                entity["url"], i = text[i + 1 : close], close + 1
        out.append(inner)
        pos16 += entity["length"]
        if entity["length"]:
            entities.append(entity)
    return "".join(out), entities

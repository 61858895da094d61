"""Shared pieces of the parse modes: the error type, UTF-16 lengths and HTML tag entities."""

from __future__ import annotations

from typing import Any

_KINDS = {
    "bold": ("b", "strong"),
    "italic": ("i", "em"),
    "underline": ("u", "ins"),
    "strikethrough": ("s", "strike", "del"),
    "spoiler": ("tg-spoiler", "span"),
}
SIMPLE_ENTITIES = {tag: kind for kind, tags in _KINDS.items() for tag in tags}
SUPPORTED_TAGS = frozenset(SIMPLE_ENTITIES) | {
    "a",
    "tg-emoji",
    "tg-time",
    "pre",
    "code",
    "blockquote",
}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


class EntityParseError(ValueError):
    """The text is not valid markup for its parse mode; str(error) is tdlib-like wording."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def tag_entity(
    name: str,
    attrs: dict[str, str],
    span: tuple[int, int],
    inner: str,
    entities: list[dict[str, Any]],
) -> dict[str, Any]:
    """The entity for a closed HTML tag covering span=(offset, length) with text `inner`."""
    entity: dict[str, Any] = {"offset": span[0], "length": span[1]}
    if name in SIMPLE_ENTITIES:
        entity["type"] = SIMPLE_ENTITIES[name]
    elif name == "a":
        entity.update(type="text_link", url=attrs.get("href") or inner)
    elif name == "code":
        entity["type"] = "code"
        if attrs.get("class", "").startswith("language-"):
            entity["language"] = attrs["class"][len("language-") :]
    elif name == "pre":
        entity["type"] = "pre"
        last = entities[-1] if entities else None
        # <pre><code class="language-x"> is one pre entity with a language
        wraps_code = last and last["type"] == "code" and "language" in last
        if wraps_code and last and (last["offset"], last["length"]) == span:
            entity["language"] = entities.pop()["language"]
    elif name == "blockquote":
        entity["type"] = "expandable_blockquote" if "expandable" in attrs else "blockquote"
    elif name == "tg-emoji":
        entity.update(type="custom_emoji", custom_emoji_id=attrs["emoji-id"])
    else:
        entity.update(type="date_time", unix_time=int(attrs["unix"]))
        if attrs.get("format"):
            entity["date_time_format"] = attrs["format"]
    return entity

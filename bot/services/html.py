"""Validation of the Telegram HTML subset that staff may use in texts."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from bot.services.text_length import utf16_len

ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "blockquote",
    "tg-spoiler",
}
VOID_ENTITY = re.compile(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)")
ALLOWED_ATTRIBUTES = {"code": {"class"}, "blockquote": {"expandable"}}
SAFE_SCHEMES = ("http://", "https://", "tg://", "mailto:")


class InvalidHtml(ValueError):
    """The text is not valid Telegram HTML; the message says why (in English, for staff logs)."""


class _TagChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.visible: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            raise InvalidHtml(f"tag <{tag}> is not allowed")
        names = {name for name, _ in attrs}
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if names != {"href"} or not href.startswith(SAFE_SCHEMES):
                raise InvalidHtml("<a> needs exactly one href with http(s), tg or mailto")
        elif names - ALLOWED_ATTRIBUTES.get(tag, set()):
            raise InvalidHtml(f"attributes not allowed on <{tag}>")
        self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise InvalidHtml(f"self-closing <{tag}/> is not allowed")

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            raise InvalidHtml(f"</{tag}> does not close the last opened tag")
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.visible.append(data)

    def handle_comment(self, data: str) -> None:
        raise InvalidHtml("comments are not allowed")

    def handle_decl(self, decl: str) -> None:
        raise InvalidHtml("declarations are not allowed")


def visible_text(html: str) -> str:
    """Validate Telegram HTML and return the text a reader sees (for length limits)."""
    if VOID_ENTITY.search(html):
        raise InvalidHtml("a bare & must be written as &amp;")
    if re.search(r"<(?![a-zA-Z/])", html):
        raise InvalidHtml("a bare < must be written as &lt;")
    checker = _TagChecker()
    checker.feed(html)
    checker.close()
    if checker.open:
        raise InvalidHtml(f"<{checker.open[-1]}> is never closed")
    return "".join(checker.visible)


def validate(html: str, *, max_length: int = 4096) -> None:
    """Raise InvalidHtml unless the text is valid and at most max_length visible UTF-16 units."""
    # Telegram trims what surrounds the text: only what is left counts, and must not be empty.
    length = utf16_len(visible_text(html).strip())
    if length == 0:
        raise InvalidHtml("the text is empty")
    if length > max_length:
        raise InvalidHtml(f"the text has {length} characters; at most {max_length} are allowed")


def pack(parts: list[str], *, limit: int = 4096, separator: str = "\n\n") -> list[str]:
    """Join HTML parts into as few messages as keep within `limit` visible UTF-16 units.

    Parts are never split (each must fit on its own); a message ends where the next part
    would not fit any more.
    """
    messages: list[str] = []
    for part in parts:
        joined = messages[-1] + separator + part if messages else part
        if messages and utf16_len(visible_text(joined).strip()) <= limit:
            messages[-1] = joined
        else:
            messages.append(part)
    return messages

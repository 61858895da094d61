"""Telegram's HTML parse mode, modelled on tdlib's parser: plain text plus entities, or an error."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .entities import NAMED_ENTITIES, SUPPORTED_TAGS, EntityParseError, tag_entity, utf16_len

__all__ = ["EntityParseError", "parse_html", "utf16_len"]

_NUMERIC = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|(\d+));?")
_NAMED = re.compile(r"&([A-Za-z]*);?")
_NAME_TOKEN = re.compile(r"[A-Za-z0-9.\-]*")


@dataclass
class _Open:
    """A start tag waiting for its end tag."""

    name: str
    attrs: dict[str, str]
    start: int
    start_char: int


@dataclass
class _Parser:
    """Single pass over the text, like tdlib's parse_html."""

    text: str
    strict_ampersand: bool
    out: list[str] = field(default_factory=list)
    pos16: int = 0
    chars: int = 0
    stack: list[_Open] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)

    def offset(self, i: int) -> int:
        """Byte offset of character i, as tdlib reports positions."""
        return len(self.text[:i].encode("utf-8"))

    def emit(self, chunk: str) -> None:
        """Append decoded text and advance the UTF-16 position."""
        self.out.append(chunk)
        self.pos16 += utf16_len(chunk)
        self.chars += len(chunk)

    def ampersand(self, i: int) -> int:
        """Decode an entity at i; a stray '&' is an error in strict mode (unescaped user text)."""
        if m := _NUMERIC.match(self.text, i):
            code = int(m[1], 16) if m[1] else int(m[2])
            if 0 < code < 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
                self.emit(chr(code))
                return m.end()
        elif (m := _NAMED.match(self.text, i)) and m[1] in NAMED_ENTITIES:
            self.emit(NAMED_ENTITIES[m[1]])
            return m.end()
        if self.strict_ampersand:
            raise EntityParseError(
                f'Unescaped "&" at byte offset {self.offset(i)}; use "&amp;" for a literal "&"'
            )
        self.emit("&")
        return i + 1

    def start_tag(self, i: int) -> int:
        """Parse '<name attr="v" ...>' at i and open it."""
        begin, text, n = i, self.text, len(self.text)
        i += 1
        while i < n and not text[i].isspace() and text[i] != ">":
            i += 1
        if i >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {self.offset(begin)}")
        name = text[begin + 1 : i].lower()
        if name not in SUPPORTED_TAGS:
            raise EntityParseError(
                f'Unsupported start tag "{name}" at byte offset {self.offset(begin)}'
            )
        attrs: dict[str, str] = {}
        while True:
            while i < n and text[i].isspace():
                i += 1
            if i >= n:
                raise EntityParseError(f"Unclosed start tag at byte offset {self.offset(begin)}")
            if text[i] == ">":
                break
            i = self.attribute(i, begin, name, attrs)
        self.check_tag(name, attrs, begin)
        self.stack.append(_Open(name, attrs, self.pos16, self.chars))
        return i + 1

    def attribute(self, i: int, begin: int, tag: str, attrs: dict[str, str]) -> int:
        """Parse one attribute (name="value", name=token or a bare 'expandable')."""
        text, n, start = self.text, len(self.text), i
        while i < n and not text[i].isspace() and text[i] not in "=>":
            i += 1
        attr = text[start:i].lower()
        if not attr:
            raise EntityParseError(
                f'Empty attribute name in the tag "{tag}" at byte offset {self.offset(begin)}'
            )
        while i < n and text[i].isspace():
            i += 1
        if i >= n or text[i] != "=":
            if tag == "blockquote" and attr == "expandable":
                attrs[attr] = ""
                return i
            raise EntityParseError(
                f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                f"at byte offset {self.offset(begin)}"
            )
        i += 1
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {self.offset(begin)}")
        if text[i] in "'\"":
            end = text.find(text[i], i + 1)
            if end < 0:
                raise EntityParseError(f"Unclosed start tag at byte offset {self.offset(begin)}")
            attrs[attr] = _unescape(text[i + 1 : end])
            return end + 1
        m = _NAME_TOKEN.match(text, i)
        end = m.end() if m else i
        if end < n and not text[end].isspace() and text[end] != ">":
            raise EntityParseError(f"Unexpected end of name token at byte offset {self.offset(i)}")
        attrs[attr] = text[i:end].lower()
        return end

    def check_tag(self, name: str, attrs: dict[str, str], begin: int) -> None:
        """Reject tags that Telegram cannot turn into an entity."""
        where = f"at byte offset {self.offset(begin)}"
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise EntityParseError(f'Tag "span" must have class "tg-spoiler" {where}')
        if name == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
            raise EntityParseError(f'Tag "tg-emoji" must have a numeric "emoji-id" {where}')
        if name == "tg-time" and not attrs.get("unix", "").isdigit():
            raise EntityParseError(f'Tag "tg-time" must have a numeric "unix" attribute {where}')

    def end_tag(self, i: int) -> int:
        """Parse '</name>' at i and close the innermost open tag."""
        begin, text, n = i, self.text, len(self.text)
        if not self.stack:
            raise EntityParseError(f"Unexpected end tag at byte offset {self.offset(begin)}")
        i += 2
        while i < n and not text[i].isspace() and text[i] != ">":
            i += 1
        name = text[begin + 2 : i].lower()
        while i < n and text[i].isspace():
            i += 1
        if i >= n or text[i] != ">":
            raise EntityParseError(f"Unclosed end tag at byte offset {self.offset(begin)}")
        opened = self.stack.pop()
        if name and name != opened.name:
            raise EntityParseError(
                f"Unmatched end tag at byte offset {self.offset(begin)}, "
                f'expected "</{opened.name}>", found "</{name}>"'
            )
        self.close(opened)
        return i + 1

    def close(self, tag: _Open) -> None:
        """Turn a closed tag into an entity; empty ones are dropped like Telegram does."""
        length = self.pos16 - tag.start
        if length:
            inner = "".join(self.out)[tag.start_char :]
            span = (tag.start, length)
            self.entities.append(tag_entity(tag.name, tag.attrs, span, inner, self.entities))

    def run(self) -> tuple[str, list[dict[str, Any]]]:
        """Parse the whole text."""
        text, i, n = self.text, 0, len(self.text)
        while i < n:
            nxt = min((p for p in (text.find("<", i), text.find("&", i)) if p >= 0), default=n)
            if nxt > i:
                self.emit(text[i:nxt])
                i = nxt
            elif text[i] == "&":
                i = self.ampersand(i)
            else:
                i = self.end_tag(i) if text.startswith("</", i) else self.start_tag(i)
        if self.stack:
            raise EntityParseError(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"'
            )
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities


def _unescape(value: str) -> str:
    """Decode entities inside a quoted attribute value (never strict: URLs contain '&')."""
    parser = _Parser(value, strict_ampersand=False)
    i = 0
    while (amp := value.find("&", i)) >= 0:
        parser.emit(value[i:amp])
        i = parser.ampersand(amp)
    parser.emit(value[i:])
    return "".join(parser.out)


def parse_html(text: str, *, strict_ampersand: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into (plain text, entities); raise EntityParseError like Telegram."""
    return _Parser(text, strict_ampersand).run()

"""Telegram's MarkdownV2 and legacy Markdown parse modes, modelled on tdlib's parsers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .entities import EntityParseError, utf16_len

RESERVED_V2 = "_*[]()~`>#+-=|{}.!"
_TDLIB_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}
_OPENERS = {"*": "bold", "~": "strikethrough", "[": "text_link"}


@dataclass
class _Open:
    """An entity whose closing marker has not been seen yet."""

    kind: str
    start: int
    byte_offset: int
    start_char: int
    language: str = ""


@dataclass
class _V2:
    """Single pass over MarkdownV2 text, like tdlib's parse_markdown_v2."""

    text: str
    out: list[str] = field(default_factory=list)
    pos16: int = 0
    chars: int = 0
    stack: list[_Open] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    quote: _Open | None = None

    def at(self, i: int) -> str:
        """The character at i, or '' past the end (tdlib reads a NUL there)."""
        return self.text[i] if i < len(self.text) else ""

    def emit(self, chunk: str) -> None:
        """Append plain text."""
        self.out.append(chunk)
        self.pos16 += utf16_len(chunk)
        self.chars += len(chunk)

    def reserved(self, i: int) -> EntityParseError:
        """tdlib's error for an unescaped special character."""
        return EntityParseError(
            f"Character '{self.text[i]}' is reserved and must be escaped with the preceding '\\'"
        )

    def is_end(self, i: int) -> bool:
        """Does the character at i close the innermost open entity?"""
        kind, c, nxt = self.stack[-1].kind, self.text[i], self.at(i + 1)
        ends = {
            "bold": c == "*",
            "italic": c == "_" and nxt != "_",
            "underline": c == "_" and nxt == "_",
            "strikethrough": c == "~",
            "spoiler": c == "|" and nxt == "|",
            "code": c == "`",
            "pre": self.text.startswith("```", i),
            "text_link": c == "]",
            "custom_emoji": c == "]",
        }
        return ends[kind]

    def open(self, i: int) -> int:
        """Start an entity at i; return the index of its last marker character."""
        c, nxt, begin, language = self.text[i], self.at(i + 1), i, ""
        if c == "_":
            kind = "underline" if nxt == "_" else "italic"
            i += nxt == "_"
        elif c in _OPENERS:
            kind = _OPENERS[c]
        elif c == "|" and nxt == "|":
            kind, i = "spoiler", i + 1
        elif c == "!" and nxt == "[":
            kind, i = "custom_emoji", i + 1
        elif c == "`" and self.text.startswith("```", i):
            kind, i = "pre", i + 3
            end = i
            while end < len(self.text) and not self.text[end].isspace() and self.text[end] != "`":
                end += 1
            if end != i and end < len(self.text) and self.text[end] != "`":
                language, i = self.text[i:end], end
            if self.at(i) in "\r\n" and self.at(i):
                i += 2 if self.at(i + 1) in "\r\n" and self.at(i + 1) not in ("", self.at(i)) else 1
            i -= 1
        elif c == "`":
            kind = "code"
        else:
            raise self.reserved(i)
        byte_offset = len(self.text[:begin].encode())
        self.stack.append(_Open(kind, self.pos16, byte_offset, self.chars, language))
        return i

    def close(self, i: int) -> int:
        """Finish the innermost entity at i; return the index of its last marker character."""
        top = self.stack.pop()
        entity: dict[str, Any] = {"type": top.kind, "offset": top.start}
        if top.kind in ("underline", "spoiler"):
            i += 1
        elif top.kind == "pre":
            i += 2
            if top.language:
                entity["language"] = top.language
        elif top.kind in ("text_link", "custom_emoji"):
            url = "".join(self.out)[top.start_char :]
            if self.at(i + 1) == "(":
                i, url = self.url(i + 2)
            elif top.kind == "custom_emoji":
                raise EntityParseError("Custom emoji entity must contain a tg://emoji URL")
            if top.kind == "text_link":
                entity["url"] = url
            else:
                entity["custom_emoji_id"] = url.rpartition("id=")[2]
        entity["length"] = self.pos16 - top.start
        if entity["length"]:
            self.entities.append(entity)
        return i

    def url(self, i: int) -> tuple[int, str]:
        """Read '(url)' content from i; ')' and '\\' must be escaped inside."""
        begin, chunks = i, []
        while i < len(self.text) and self.text[i] != ")":
            if self.text[i] == "\\" and 0 < ord(self.at(i + 1) or "\0") <= 126:
                i += 1
            chunks.append(self.text[i])
            i += 1
        if i >= len(self.text):
            offset = len(self.text[:begin].encode())
            raise EntityParseError(f"Can't find end of a URL at byte offset {offset}")
        return i, "".join(chunks)

    def blockquote(self, i: int) -> int:
        """Handle '>' / '**>' at a line start and expandable '||' ends; return the next index."""
        line_start = i == 0 or self.text[i - 1] == "\n"
        if line_start and not self.stack and self.text.startswith(("**>", ">"), i):
            if self.quote is None:
                kind = "expandable_blockquote" if self.text[i] == "*" else "blockquote"
                self.quote = _Open(kind, self.pos16, 0, self.chars)
            return i + (3 if self.text[i] == "*" else 1)
        if line_start and self.quote is not None:
            self.end_quote()
        return i

    def end_quote(self) -> None:
        """Close the open blockquote (without its trailing newline)."""
        assert self.quote is not None
        end = self.pos16 - (1 if "".join(self.out).endswith("\n") else 0)
        if end > self.quote.start:
            kind = self.quote.kind
            self.entities.append({"type": kind, "offset": self.quote.start})
            self.entities[-1]["length"] = end - self.quote.start
        self.quote = None

    def run(self) -> tuple[str, list[dict[str, Any]]]:
        """Parse the whole text."""
        text, i = self.text, 0
        while i < len(text):
            i = self.blockquote(i)
            if i >= len(text):
                break
            c = text[i]
            if c == "\\" and 0 < ord(self.at(i + 1) or "\0") <= 126:
                self.emit(text[i + 1])
                i += 2
                continue
            in_code = bool(self.stack) and self.stack[-1].kind in ("code", "pre")
            expandable = self.quote is not None and self.quote.kind == "expandable_blockquote"
            if (
                expandable
                and not self.stack
                and text.startswith("||", i)
                and self.at(i + 2) in "\n"
            ):
                i += 2  # "||" closes an expandable quote at the end of its last line
            elif c not in ("`" if in_code else RESERVED_V2):
                self.emit(c)
                i += 1
            else:
                i = (self.close(i) if self.stack and self.is_end(i) else self.open(i)) + 1
        if self.stack:
            top = self.stack[-1]
            raise EntityParseError(
                f"Can't find end of {_TDLIB_NAMES[top.kind]} entity at byte offset "
                f"{top.byte_offset}"
            )
        if self.quote is not None:
            self.end_quote()
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities


def parse_markdown_v2(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse MarkdownV2 into (plain text, entities); raise EntityParseError like Telegram."""
    return _V2(text).run()

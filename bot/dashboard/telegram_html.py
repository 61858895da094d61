"""Telegram HTML as a browser shows it: the preview of what a resident will read.

Only text already accepted by `bot.services.html.validate` reaches here; it is parsed again
and written out anew, every text escaped and only the Telegram tags kept, so the preview can
never carry markup of its own (a script, an attribute, a style) into the dashboard's page.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

from markupsafe import Markup

# Telegram tag -> (browser tag, class); the rest of the subset is the same in both.
RENAMED = {"tg-spoiler": ("span", "spoiler"), "pre": ("pre", "pre"), "code": ("code", "")}
SAME = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "blockquote"}


class _Writer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.closing: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = escape(dict(attrs).get("href") or "", quote=True)
            self.out.append(f'<a href="{href}" rel="noopener noreferrer" target="_blank">')
            self.closing.append("</a>")
        elif tag in RENAMED:
            name, css = RENAMED[tag]
            self.out.append(f'<{name} class="{css}">' if css else f"<{name}>")
            self.closing.append(f"</{name}>")
        elif tag in SAME:
            self.out.append(f"<{tag}>")
            self.closing.append(f"</{tag}>")
        else:  # not Telegram HTML: validate() refuses it before a preview is asked for
            self.closing.append("")

    def handle_endtag(self, tag: str) -> None:
        if self.closing:
            self.out.append(self.closing.pop())

    def handle_data(self, data: str) -> None:
        self.out.append(escape(data, quote=False))


def to_web(text: str) -> Markup:
    """The browser's HTML for a validated Telegram text (line breaks kept by the stylesheet)."""
    writer = _Writer()
    writer.feed(text.strip())
    writer.close()
    writer.out.extend(reversed(writer.closing))
    return Markup("".join(writer.out))  # noqa: S704 - every piece above is escaped or fixed

"""The dashboard's preview of Telegram HTML: what Telegram would show, and nothing of its own."""

from __future__ import annotations

import pytest

from bot.dashboard.telegram_html import to_web
from bot.services import html


@pytest.mark.parametrize(
    ("telegram", "browser"),
    [
        ("<b>Fest</b> &amp; <i>Musik</i>", "<b>Fest</b> &amp; <i>Musik</i>"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        (
            '<a href="https://duisburg.de/?a=1&amp;b=&quot;2&quot;">Link</a>',
            '<a href="https://duisburg.de/?a=1&amp;b=&quot;2&quot;" rel="noopener noreferrer" '
            'target="_blank">Link</a>',
        ),
        ("<tg-spoiler>geheim</tg-spoiler>", '<span class="spoiler">geheim</span>'),
        (
            '<pre><code class="language-py">x = 1</code></pre>',
            '<pre class="pre"><code>x = 1</code></pre>',
        ),
        ("  Zeile 1\nZeile 2  ", "Zeile 1\nZeile 2"),
    ],
)
def test_a_valid_text_is_shown_as_telegram_shows_it(telegram: str, browser: str) -> None:
    html.validate(telegram)  # only texts the chat and the CLI accept reach a preview
    assert str(to_web(telegram)) == browser


def test_an_attribute_the_validator_allows_never_reaches_the_page() -> None:
    shown = str(to_web("<blockquote expandable>Zitat</blockquote>"))
    assert shown == "<blockquote>Zitat</blockquote>"

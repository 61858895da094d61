"""Staff HTML is checked against Telegram's subset before it is stored."""

from __future__ import annotations

import pytest

from bot.services.html import InvalidHtml, validate, visible_text


@pytest.mark.parametrize(
    "text",
    [
        "<b>bold</b> and <i>italic</i>",
        '<a href="https://www.duisburg.de">Stadt</a>',
        "<blockquote expandable>long</blockquote>",
        '<pre><code class="language-python">x = 1</code></pre>',
        "<tg-spoiler>secret</tg-spoiler> &lt;3 &amp; more",
    ],
)
def test_valid_html_passes(text: str) -> None:
    validate(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("<b>never closed", "never closed"),
        ("<b><i>crossed</b></i>", "does not close"),
        ("<script>alert(1)</script>", "not allowed"),
        ('<a href="javascript:alert(1)">x</a>', "href"),
        ('<b onclick="x">x</b>', "attributes"),
        ("1 < 2", "bare <"),
        ("Tom & Jerry", "bare &"),
        ("<br/>", "self-closing"),
        ("", "empty"),
    ],
)
def test_invalid_html_is_refused_with_reason(text: str, reason: str) -> None:
    with pytest.raises(InvalidHtml, match=reason):
        validate(text)


def test_length_counts_visible_text_only() -> None:
    text = "<b>" + "x" * 4096 + "</b>"
    validate(text)
    with pytest.raises(InvalidHtml, match="4097"):
        validate(text + "y")
    assert visible_text("a &amp; b") == "a & b"


@pytest.mark.parametrize("text", ["\n", "<b> </b>", "  <i>\n</i>  "])
def test_only_whitespace_is_an_empty_text(text: str) -> None:
    with pytest.raises(InvalidHtml, match="the text is empty"):
        validate(text)


def test_the_newline_a_file_ends_with_does_not_count() -> None:
    validate("x" * 4096 + "\n")

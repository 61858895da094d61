"""/results for the largest poll: every message within Telegram's 4,096 units, nothing lost."""

from __future__ import annotations

import pytest

from bot.config import LANGUAGES
from bot.i18n import build_i18n
from bot.presentation.polls import staff_messages
from bot.sandbox.html_check import parse_html
from bot.services.html import pack
from bot.services.polls.input import OPTION_MAX, OPTIONS_MAX, QUESTION_MAX
from bot.services.polls.results import Results, Segment
from bot.services.profile import AGE_GROUPS, DISTRICTS
from db.models import Poll


def units(html_text: str) -> int:
    visible, _entities = parse_html(html_text)
    return len(visible.strip().encode("utf-16-le")) // 2


def largest_results() -> Results:
    """Twelve answers and a question at their limits in emoji, four-digit counts everywhere."""

    def segment() -> Segment:
        return Segment([1234] * OPTIONS_MAX, 9999)

    return Results(
        Poll(id=12345), "🗳" * (QUESTION_MAX // 2), ["🚲" * (OPTION_MAX // 2)] * OPTIONS_MAX,
        segment(), segment(), 40, 99999,
        {
            "language": {code: segment() for code in LANGUAGES},
            "district": {code: segment() for code in DISTRICTS},
            "age_group": {code: segment() for code in AGE_GROUPS},
        },
    )  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_largest_results_fit_in_messages_within_the_limit(language: str) -> None:
    catalogs = build_i18n("de")
    with catalogs.context(), catalogs.use_locale(language):
        messages = staff_messages(largest_results(), language, "open")
    assert all(units(message) <= 4096 for message in messages), [units(m) for m in messages]
    whole = "\n\n".join(messages)
    assert whole.count("🚲" * (OPTION_MAX // 2)) == OPTIONS_MAX  # every answer is there
    # The youth groups line and one line per language, district and age group.
    counts = " · ".join(["1234"] * OPTIONS_MAX)
    rows = sum(counts in line for line in whole.splitlines())
    assert rows == 1 + len(LANGUAGES) + len(DISTRICTS) + len(AGE_GROUPS)


def test_pack_keeps_order_and_fills_each_message() -> None:
    parts = ["<b>a</b>" * 10, "b" * 30, "c" * 30, "&lt;" * 25]
    assert pack(parts, limit=70) == [parts[0] + "\n\n" + parts[1], parts[2] + "\n\n" + parts[3]]
    assert pack(parts) == ["\n\n".join(parts)]

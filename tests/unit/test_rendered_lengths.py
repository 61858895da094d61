"""The longest texts the checks let through still fit Telegram's 4,096 units, in every language.

For an adversarial text (astral emoji count twice, `&` and `<` grow when escaped), each check's
longest accepted prefix is rendered into the messages that show it, in all ten languages, and
measured the way Telegram measures: UTF-16 units of the text after HTML entities are parsed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import cache
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.utils.i18n import I18n
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.config import LANGUAGES
from bot.i18n import build_i18n
from bot.keyboards.callbacks import BrowseCb
from bot.presentation.ideas import card_text
from bot.presentation.meetings import card_text as meeting_card
from bot.sandbox.html_check import parse_html
from bot.services.ideas.engagement import Page
from bot.services.ideas.lifecycle import IDEA_DISTRICTS, check_text
from bot.services.meetings import edits as meeting_edits
from bot.services.meetings import lifecycle as meetings
from bot.services.meetings.lifecycle import MEETING_DISTRICTS, MeetingInput
from bot.services.meetings.registration import Seat
from bot.services.profile import TOPICS
from db.models import Idea, Meeting
from handlers.ideas.browse import page_text
from handlers.ideas.draft import preview_text
from handlers.ideas.mine import list_text

TEXT_LIMIT = 4096
ZONE = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
# Wide and narrow characters, ones that grow when escaped, letters of several scripts.
PIECES = ["🚀", "👍🏽", "&", "<", ">", '"', "a", "ß", "ا", "ж", "中", "\u200b", " ", "\n"]
patterns = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).filter(
    lambda pattern: "".join(pattern).strip()  # spaces alone are stripped to nothing
)


def adversarial(pattern: list[str], size: int) -> str:
    """Ten letters (ideas need them), then the pattern repeated past any limit."""
    body = "".join(pattern) * (size // len("".join(pattern)) + 1)
    return "Fahrradweg" + body[:size]


def longest_accepted(text: str, accepts: Callable[[str], bool]) -> str:
    """The longest prefix of `text` the check lets through (a binary search from the shortest)."""
    low = next(size for size in range(len(text)) if accepts(text[:size]))
    high = len(text)
    if accepts(text):
        return text
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if accepts(text[:middle]) else (low, middle)
    return text[:low]


def accepts(check: Callable[[str], Any]) -> Callable[[str], bool]:
    def run(text: str) -> bool:
        try:
            check(text)
        except ValueError:
            return False
        return True

    return run


def telegram_length(html_text: str) -> int:
    """What Telegram counts: the text after parsing the HTML entities, in UTF-16 units."""
    visible, _entities = parse_html(html_text)
    return len(visible.strip().encode("utf-16-le")) // 2


@cache
def catalogs() -> I18n:
    return build_i18n("de")


@contextmanager
def language(code: str) -> Iterator[None]:
    with catalogs().context(), catalogs().use_locale(code):
        yield


def idea(text: str, number: int = 1, staff_note: str | None = None) -> Idea:
    """An idea as its card shows it; `staff_note`: its kept "Last change" lines."""
    return Idea(
        id=number, reference=f"I-2026-{number:04d}", year=2026, number=number, user_id=7,
        topic="neighbourhood", district="homberg-ruhrort-baerl", text=text, language="uk",
        status="not_pursued", hidden=True, photos=json.dumps(["p1", "p2", "p3"]),
        created_at=NOW, updated_at=NOW, staff_note=staff_note,
    )  # fmt: skip


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(patterns, st.sampled_from(TOPICS), st.sampled_from(IDEA_DISTRICTS))
def test_idea_messages_fit_telegram_in_every_language(
    pattern: list[str], topic: str, district: str
) -> None:
    text = check_text(longest_accepted(adversarial(pattern, 4200), accepts(check_text)))
    own = [idea(text, number) for number in range(1, 21)]  # "My ideas" lists up to 20
    page = Page([(idea(text, n), 10**6) for n in range(1, 6)], set(), 998, 999)
    name = "🚀" * 64 + " " + "🚀" * 64  # Telegram's longest first and last name
    for code in LANGUAGES:
        with language(code):
            data = {"topic": topic, "district": district, "text": text, "photos": [1, 2, 3],
                    "lat": 51.4}  # fmt: skip
            change = (
                catalogs()
                .gettext("Last change: {status} by {name}, {date}")
                .format(status="…", name=name, date="31.12.2026, 23:59")
            )
            shown = {
                "preview": preview_text(data),
                "staff card": card_text(idea(text, staff_note=change), b"author-key"),
                "my ideas": list_text(own, SimpleNamespace(zone=ZONE)),  # type: ignore[arg-type]
                "browse": page_text(BrowseCb(action="page", t=0, d=0, s="m"), page),
            }
        for what, message in shown.items():
            assert telegram_length(message) <= TEXT_LIMIT, (code, what, telegram_length(message))


def meeting_input(**texts: Any) -> MeetingInput:
    fields: dict[str, Any] = {
        "title": {"de": "Forum"}, "district": "mitte", "venue": "Rathaus", "address": "Burgplatz",
        "starts": NOW + timedelta(days=3), "ends": NOW + timedelta(days=3, hours=2),
    }  # fmt: skip
    return MeetingInput(**(fields | texts))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(patterns, st.sampled_from(MEETING_DISTRICTS))
def test_the_meeting_card_fits_telegram_in_every_language(
    pattern: list[str], district: str
) -> None:
    raw = adversarial(pattern, 4200)

    def longest(name: str, wrap: Callable[[str], Any]) -> str:
        check = accepts(lambda text: meetings.check(meeting_input(**{name: wrap(text)}), NOW))
        return longest_accepted(raw, check)

    title = " ".join(longest("title", lambda text: {"de": text}).split())
    assert meeting_edits.clean("title", "de", title) == title  # an edit allows no more
    texts = {
        "title": json.dumps({code: title for code in LANGUAGES}),
        "description": json.dumps({"de": longest("description", lambda text: {"de": text})}),
        "accessibility": json.dumps({"de": longest("accessibility", lambda text: {"de": text})}),
    }
    place = {name: longest(name, lambda text: text).strip() for name in ("venue", "address")}
    found = Meeting(id=1, district=district, starts_at=NOW, ends_at=NOW, **texts, **place)
    for code in LANGUAGES:
        for seat in (Seat("waiting", 0, ""), Seat("registered", 99_999, "")):
            with language(code):
                card = meeting_card(found, seat, code, ZONE)
            assert telegram_length(card) <= TEXT_LIMIT, (code, telegram_length(card))

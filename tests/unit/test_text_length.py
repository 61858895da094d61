"""Every limit counts UTF-16 units as Telegram does; an idea needs ten letters of any script."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services import html
from bot.services.campaigns.input import check_text as check_announcement
from bot.services.campaigns.lifecycle import CampaignError
from bot.services.ideas.lifecycle import IdeaError
from bot.services.ideas.lifecycle import check_text as check_idea
from bot.services.meetings import edits as meeting_edits
from bot.services.meetings import lifecycle as meetings
from bot.services.meetings.lifecycle import MeetingError, MeetingInput
from bot.services.polls.input import PollError, check_option, check_question
from bot.services.text_length import clip, letter_count, utf16_len

ROCKET = "🚀"  # U+1F680: two UTF-16 units, one code point
NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


def test_astral_characters_count_twice_like_in_telegram() -> None:
    assert utf16_len("") == 0
    assert utf16_len("Duisburg") == 8
    assert utf16_len(ROCKET) == 2
    assert utf16_len("👍🏽") == 4  # thumb + skin tone: two astral code points
    assert utf16_len("ä€中") == 3  # the Basic Multilingual Plane is one unit each


@given(st.text())
def test_utf16_len_is_the_encoded_size(text: str) -> None:
    assert utf16_len(text) == len(text.encode("utf-16-le")) // 2


@pytest.mark.parametrize(
    ("text", "letters"),
    [
        ("Mehr Bänke", 9),
        ("\u200b\u200c\u200d\u2060\ufeff", 0),  # zero-width characters
        ("🚲🚲🚲 !!! 12345 ... ??? ---", 0),  # emoji, digits, punctuation, spaces
        ("e\u0301te\u0301", 3),  # a combining accent is not a letter of its own
        ("حديقة", 5),  # Arabic
        ("парк", 4),  # Cyrillic
        ("πάρκο", 5),  # Greek
        ("公园很好", 4),  # CJK
        ("٣٤٥ ١٢", 0),  # Arabic-Indic digits are digits
    ],
)
def test_letters_of_any_script_count_and_nothing_else(text: str, letters: int) -> None:
    assert letter_count(text) == letters


@pytest.mark.parametrize(
    "text",
    [
        "🚲" * 25,
        "!!!! ???? 1234567890 ....",
        "abc\u200b" + "\u200b" * 30 + "def",
        "ok 👍 ok 👍 ok 👍 1 2 3 4 5 6 7",  # 6 letters
        "e\u0301" * 9 + " 12345678901",  # nine letters with accents, the rest digits
    ],
)
def test_an_idea_without_ten_letters_is_refused(text: str) -> None:
    with pytest.raises(IdeaError) as error:
        check_idea(text)
    assert error.value.code == "too_few_letters"
    assert error.value.details == {"limit": 10}


@pytest.mark.parametrize(
    "text",
    [
        "حديقة للأطفال في الحي 🌳🌳",
        "Больше скамеек 🙂 пожалуйста",
        "Περισσότερα παγκάκια εδώ 123",
        "公园里需要更多的长椅和树木，因为夏天太热了",  # 20 letters and a full-width comma
        "e\u0301" * 10 + " 1234567890",  # ten letters with accents
    ],
)
def test_ten_letters_of_any_script_are_enough(text: str) -> None:
    assert check_idea(text) == text.strip()


def test_idea_length_counts_utf16_units() -> None:
    words = "Mehr Bäume "  # 11 units, 9 letters
    at_limit = words * 2 + ROCKET * 989  # 22 + 1978 = 2000 units in 1011 code points
    assert check_idea(at_limit) == at_limit
    with pytest.raises(IdeaError) as error:
        check_idea(at_limit + ROCKET)  # 1012 code points, but 2002 units
    assert error.value.code == "too_long"
    assert (error.value.details["length"], error.value.details["over"]) == (2002, 2)
    with pytest.raises(IdeaError) as error:
        check_idea("Baum " + ROCKET * 7)  # 12 code points, 19 units: one unit short
    assert (error.value.code, error.value.details["missing"]) == ("too_short", 1)


def test_announcement_and_caption_limits_count_utf16_units() -> None:
    check_announcement("<b>" + ROCKET * 2048 + "</b>", caption=False)  # 4096 units
    check_announcement("Foto " + ROCKET * 509, caption=True)  # 1023 units
    for text, caption, over in ((ROCKET * 2049, False, 2), ("Foto " + ROCKET * 510, True, 1)):
        with pytest.raises(CampaignError) as error:
            check_announcement(text, caption=caption)
        assert (error.value.code, error.value.details["over"]) == ("too_long", over)
    with pytest.raises(html.InvalidHtml, match="4098"):
        html.validate(ROCKET * 2049)  # info pages and campaigns share this check


def test_poll_question_and_options_count_utf16_units() -> None:
    assert check_question(ROCKET * 150) == ROCKET * 150  # 300 units
    assert check_option("Ja " + ROCKET * 48) == "Ja " + ROCKET * 48  # 99 units
    with pytest.raises(PollError) as error:
        check_question("?" + ROCKET * 150)
    assert (error.value.code, error.value.details["length"]) == ("question_too_long", 301)
    with pytest.raises(PollError) as error:
        check_option(ROCKET * 51)
    assert (error.value.code, error.value.details["length"]) == ("option_too_long", 102)


def meeting(**changes: object) -> MeetingInput:
    fields: dict[str, object] = {
        "title": {"de": "Bürgerforum"}, "district": "mitte", "venue": "Rathaus",
        "address": "Burgplatz 19, 47051 Duisburg", "starts": NOW + timedelta(days=7),
        "ends": NOW + timedelta(days=7, hours=2),
    }  # fmt: skip
    return MeetingInput(**(fields | changes))  # type: ignore[arg-type]


def test_meeting_texts_count_utf16_units() -> None:
    meetings.check(meeting(title={"de": ROCKET * 60}), NOW)  # 120 units
    for changes in (
        {"title": {"de": ROCKET * 61}},
        {"description": {"tr": ROCKET * 751}},
        {"accessibility": {"de": ROCKET * 751}},
        {"venue": ROCKET * 101},
        {"address": ROCKET * 151},
    ):
        with pytest.raises(MeetingError) as error:
            meetings.check(meeting(**changes), NOW)
        assert error.value.code == "length"
    assert meeting_edits.clean("title", "de", ROCKET * 60) == ROCKET * 60
    with pytest.raises(MeetingError):
        meeting_edits.clean("description", "de", ROCKET * 751)


@given(st.text(), st.integers(min_value=1, max_value=400))
def test_clip_keeps_within_the_limit_and_marks_the_cut(text: str, limit: int) -> None:
    clipped = clip(text, limit)
    assert utf16_len(clipped) <= limit
    if utf16_len(text) <= limit:
        assert clipped == text
    else:
        assert clipped.endswith("…")
        assert text.startswith(clipped[:-1])

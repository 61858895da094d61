"""The one `when()`: what a reader sees of a stored UTC moment, in their language and local time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from bot.presentation.dates import when

BERLIN = ZoneInfo("Europe/Berlin")
WINTER = datetime(2026, 12, 3, 17, 0, tzinfo=UTC)  # 18:00 in Berlin (CET)
SUMMER = datetime(2026, 7, 2, 16, 30, tzinfo=UTC)  # 18:30 in Berlin (CEST)


def test_local_time_in_the_readers_language() -> None:
    assert when(WINTER, BERLIN, "de") == "03.12.2026, 18:00"
    assert when(SUMMER, BERLIN, "de") == "02.07.2026, 18:30"
    assert when(WINTER, BERLIN, "en") == "Dec 3, 2026, 6:00\u202fPM"


def test_a_naive_moment_is_utc() -> None:
    assert when(WINTER.replace(tzinfo=None), BERLIN, "de") == when(WINTER, BERLIN, "de")


def test_medium_time_is_babels_format_datetime() -> None:
    for language in ("de", "en", "tr", "ar", "ru", "uk", "pl", "bg", "ro", "el"):
        expected = format_datetime(WINTER, "medium", tzinfo=BERLIN, locale=language)
        assert when(WINTER, BERLIN, language, time="medium") == expected


def test_a_glue_of_its_own() -> None:
    joined = when(WINTER, BERLIN, "de", date="full", glue="{date}, {time}")
    assert joined == "Donnerstag, 3. Dezember 2026, 18:00"

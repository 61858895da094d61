"""meeting.yaml and .ics input: every mistake is named by line or field."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.cli.support import district_code
from bot.services.meetings.files import from_yaml
from bot.services.meetings.ics import from_ics
from bot.services.meetings.lifecycle import MeetingError, check
from tests.e2e.test_cli_meetings import CALENDAR, MEETING_YAML, YEAR

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 28, 12, tzinfo=UTC)


def test_a_good_file_is_read_in_local_time() -> None:
    data = from_yaml(MEETING_YAML, district_code, BERLIN)
    check(data, NOW)
    assert data.starts == datetime(YEAR, 3, 30, 16, tzinfo=UTC)  # CEST
    assert data.title["tr"] == "Hamborn Vatandaş Forumu" and data.capacity == 40
    assert data.district == "hamborn" and data.location == (51.49, 6.77)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("capacity: 40", "capacity: 0", "capacity:"),
        ("capacity: 40", "capacity: -2", "capacity:"),
        ("capacity: 40", "capacity: viele", "capacity: expected a whole number"),
        ("district: Hamborn", "district: Atlantis", "district: unknown"),
        (f'ends: "{YEAR}-03-30 20:00"', f'ends: "{YEAR}-03-30 17:00"', "ends:"),
        (f'"{YEAR}-03-30 18:00"', '"2020-03-30 18:00"', "starts: lies in the past"),
        (f'"{YEAR}-03-30 18:00"', '"30.03. 18 Uhr"', "starts: expected 'YYYY-MM-DD HH:MM'"),
        ("venue:", "place:", "venue: missing"),
        ("location: [51.49, 6.77]", "location: Rathaus", "location: expected"),
        ('title: {de: "Bürgerforum Hamborn", ', "title: {", "title: the German text"),
        ("accessibility:", "acessibility:", "acessibility: unknown field"),
    ],
)
def test_mistakes_name_the_field(old: str, new: str, expected: str) -> None:
    text = MEETING_YAML.replace(old, new)
    assert text != MEETING_YAML
    with pytest.raises(MeetingError) as error:
        check(from_yaml(text, district_code, BERLIN), NOW)
    assert expected in str(error.value)


def test_yaml_syntax_errors_name_the_line() -> None:
    with pytest.raises(MeetingError) as error:
        from_yaml('title: "Forum"\nvenue: [Rathaus\n', district_code, BERLIN)
    assert str(error.value).startswith("line 3") or str(error.value).startswith("line 2")


def test_calendar_events_with_tzid_and_utc() -> None:
    south, centre = from_ics(CALENDAR.encode(), "sued", BERLIN, NOW)
    assert south.uid == "forum-sued-1@example.org"
    assert south.data.starts.astimezone(UTC) == datetime(YEAR, 11, 5, 17, tzinfo=UTC)  # CET
    assert (south.data.venue, south.data.address) == (
        "Bezirksamt Süd",
        "Sittardsberger Allee 14, 47249 Duisburg",
    )
    assert south.data.description == {"de": "Spielplätze und Schulwege"}
    assert centre.data.starts == datetime(YEAR, 12, 1, 17, tzinfo=UTC)


def test_malformed_calendars() -> None:
    with pytest.raises(MeetingError) as error:
        from_ics(b"this is not a calendar", "city", BERLIN, NOW)
    assert "not a valid calendar file" in str(error.value)
    with pytest.raises(MeetingError) as error:
        no_summary = CALENDAR.replace("SUMMARY:Bürgerforum Mitte\n", "").encode()
        from_ics(no_summary, "city", BERLIN, NOW)
    assert str(error.value) == "event 2: SUMMARY: missing"

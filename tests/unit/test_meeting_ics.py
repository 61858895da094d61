"""Hostile calendar files: each gets one line naming event and field, never a traceback."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.services.meetings.ics import MAX_BYTES, CalendarError, from_ics
from bot.services.meetings.lifecycle import MeetingError

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 28, 12, tzinfo=UTC)
GOOD = [
    "UID:sued@example.org",
    "SUMMARY:Bürgerforum Süd",
    "DTSTART;TZID=Europe/Berlin:20301105T180000",
    "DTEND;TZID=Europe/Berlin:20301105T200000",
    "LOCATION:Bezirksamt Süd, Sittardsberger Allee 14",
]
NORTH = [
    "UID:nord@example.org",
    "SUMMARY:Bürgerforum Nord",
    "DTSTART:20301201T170000Z",
    "DTEND:20301201T190000Z",
    "LOCATION:Rathaus Walsum, Friedrich-Ebert-Str. 152",
]


def calendar(*second: str) -> bytes:
    """A good first event and a second one made of the given lines."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN"]
    for event in (GOOD, second):
        lines += ["BEGIN:VEVENT", *event, "END:VEVENT"]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def north(**changes: str | None) -> bytes:
    """The northern event with some lines replaced (None: left out) or added."""
    lines = {line.split(":")[0].split(";")[0]: line for line in NORTH}
    for name, line in changes.items():
        lines.pop(name.replace("_", "-"), None)
        if line is not None:
            lines[name + "+"] = line
    return calendar(*lines.values())


def read(data: bytes) -> list[tuple[datetime, datetime]]:
    return [(p.data.starts, p.data.ends) for p in from_ics(data, "walsum", BERLIN, NOW)]


NAMED = 'event 2 ("Bürgerforum Nord")'
LATIN_1 = calendar(*NORTH).replace(b"Nord", "Nörd".encode("latin-1"))
CASES = {
    "broken DTSTART": (
        north(DTSTART="DTSTART:2030xx01T170000Z"),
        f"{NAMED}: DTSTART: Wrong datetime format: 2030xx01T170000Z",
    ),
    "empty DTSTART": (
        north(DTSTART="DTSTART:"),
        f"{NAMED}: DTSTART: Expected datetime, date, or time. Got: ''",
    ),
    "DTSTART as a duration": (
        north(DTSTART="DTSTART:PT2H"),
        f"{NAMED}: DTSTART: not a date or date-time",
    ),
    "DTSTART as a time": (
        north(DTSTART="DTSTART:170000"),
        f"{NAMED}: DTSTART: a time without a date or date-time",
    ),
    "PERIOD": (
        north(DTSTART="DTSTART;VALUE=PERIOD:20301201T170000Z/PT2H", DTEND=None),
        f"{NAMED}: DTSTART: a PERIOD is not supported (give DTSTART and DTEND)",
    ),
    "PERIOD without VALUE": (
        north(DTEND="DTEND:20301201T170000Z/20301201T190000Z"),
        f"{NAMED}: DTEND: a PERIOD is not supported (give DTSTART and DTEND)",
    ),
    "all-day": (
        north(DTSTART="DTSTART;VALUE=DATE:20301201", DTEND=None),
        f"{NAMED}: DTSTART: needs a time (all-day events are not supported)",
    ),
    "duplicate SUMMARY": (
        north(SUMMARY="SUMMARY:Forum A\r\nSUMMARY:Forum B"),
        "event 2: SUMMARY: given 2 times (expected once)",
    ),
    "duplicate DTSTART": (
        north(DTEND="DTSTART:20301202T170000Z"),
        f"{NAMED}: DTSTART: given 2 times (expected once)",
    ),
    "unknown TZID": (
        north(DTSTART="DTSTART;TZID=Mars/Olympus_Mons:20301201T170000"),
        f'{NAMED}: DTSTART: unknown time zone "Mars/Olympus_Mons"',
    ),
    "missing SUMMARY": (north(SUMMARY=None), "event 2: SUMMARY: missing"),
    "missing DTSTART": (north(DTSTART=None), f"{NAMED}: DTSTART: missing"),
    "missing LOCATION": (north(LOCATION=None), f"{NAMED}: LOCATION: required"),
    "DTEND and DURATION": (
        north(DURATION="DURATION:PT2H"),
        f"{NAMED}: DURATION: give DTEND or DURATION, not both",
    ),
    "DURATION not a duration": (
        north(DTEND=None, DURATION="DURATION:20301201T190000Z"),
        f"{NAMED}: DURATION: not a duration such as PT2H",
    ),
    "negative DURATION": (
        north(DTEND=None, DURATION="DURATION:-PT1H"),
        f"{NAMED}: DURATION: after the start, within 7 days",
    ),
    "endless DURATION": (
        north(DTEND=None, DURATION="DURATION:P99999999D"),
        f"{NAMED}: DURATION: out of range",
    ),
    "in the past": (
        north(DTSTART="DTSTART:20200101T170000Z", DTEND=None),
        f"{NAMED}: DTSTART: lies in the past",
    ),
    "repeating": (
        north(RRULE="RRULE:FREQ=WEEKLY;COUNT=4"),
        f"{NAMED}: RRULE: repeating events are not supported (one VEVENT each)",
    ),
    "garbage line": (
        north(X_JUNK="this is no content line"),
        f"{NAMED}: line: Content line could not be parsed into parts: 'this is no co…",
    ),
    "NUL in SUMMARY": (
        north(SUMMARY="SUMMARY:Forum\x00Nord"),
        'event 2 ("Forum?Nord"): SUMMARY: contains control characters',
    ),
    "terminal escape in SUMMARY": (
        north(SUMMARY="SUMMARY:\x1b[2JForum"),
        'event 2 ("?[2JForum"): SUMMARY: contains control characters',
    ),
    "UID too long": (north(UID="UID:" + "u" * 300), f"{NAMED}: UID: at most 255 characters"),
    "empty file": (b"", "the file is empty"),
    "only blank lines": (b"\r\n\r\n", "the file is empty"),
    "not UTF-8": (LATIN_1, f"not UTF-8 text (byte 0xf6 at offset {LATIN_1.index(0xF6)})"),
    "a PNG": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not UTF-8 text (byte 0x89 at offset 0)"),
    "control bytes": (
        b"BEGIN:VCALENDAR\r\n\x00\x1b[2J\r\n",
        "not a valid calendar file (Content line could not be parsed into parts: '??[2J': ??[2J)",
    ),
    "YAML": (
        b"title: Forum\nstarts: 2030-12-01\n",
        'not a valid calendar file (Property "TITLE" does not have a parent component.)',
    ),
    "a lone VEVENT": (
        b"BEGIN:VEVENT\r\nSUMMARY:x\r\nDTSTART:20301201T170000Z\r\nEND:VEVENT\r\n",
        "not a valid calendar file (expected BEGIN:VCALENDAR)",
    ),
    "no VEVENT": (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
        "the calendar has no VEVENT",
    ),
    "too large": (calendar(*NORTH) + b" " * MAX_BYTES, "the file is larger than 1 MB"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_calendar_gets_one_line(case: str) -> None:
    data, expected = CASES[case]
    with pytest.raises(CalendarError) as error:
        from_ics(data, "walsum", BERLIN, NOW)
    assert str(error.value) == expected
    assert "\n" not in str(error.value) and "\x1b" not in str(error.value)


def test_dtend_as_a_duration_and_duration_are_read() -> None:
    start = datetime(2030, 12, 1, 17, tzinfo=UTC)
    assert read(north(DTEND="DTEND:PT90M"))[1] == (start, start + timedelta(minutes=90))
    three_hours = read(north(DTEND=None, DURATION="DURATION:PT3H"))[1]
    assert three_hours == (start, start + timedelta(hours=3))
    assert read(north(DTEND=None))[1] == (start, start + timedelta(hours=2))
    south = datetime(2030, 11, 5, 17, tzinfo=UTC)  # 18:00 in Berlin (CET)
    assert read(north())[0] == (south, south + timedelta(hours=2))


def test_windows_and_floating_times_are_local() -> None:
    windows = north(DTSTART="DTSTART;TZID=W. Europe Standard Time:20301201T180000")
    floating = north(DTSTART="DTSTART:20301201T180000")
    assert read(windows)[1][0] == read(floating)[1][0] == datetime(2030, 12, 1, 17, tzinfo=UTC)


VALID = calendar(*NORTH)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=400),
        st.tuples(st.integers(0, len(VALID)), st.integers(0, 40), st.binary(max_size=12)).map(
            lambda cut: VALID[: cut[0]] + cut[2] + VALID[cut[0] + cut[1] :]
        ),
    )
)
def test_any_file_is_imported_or_refused_with_our_error(data: bytes) -> None:
    try:
        parsed = from_ics(data, "walsum", BERLIN, NOW)
    except MeetingError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert parsed and all(p.data.starts < p.data.ends for p in parsed)

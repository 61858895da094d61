"""Staff's .ics input, read strictly: an odd file is refused with one line naming event and field.

A calendar comes from outside (an export of some other program, or a hostile file), so every
VEVENT is checked completely — and against the meeting rules — before anything is stored;
the first problem becomes a CalendarError such as
`event 3 ("Bürgerforum Nord"): DTSTART: not a date or date-time`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

import icalendar

from bot.services.meetings.files import Parsed
from bot.services.meetings.lifecycle import MeetingError, MeetingInput, check

MAX_BYTES = 1_000_000  # a city's calendar of meetings is a few kilobytes
DEFAULT_LENGTH = timedelta(hours=2)
SINGLE = ("UID", "SUMMARY", "DTSTART", "DTEND", "DURATION", "LOCATION", "DESCRIPTION")
REPEATING = ("RRULE", "RDATE", "RECURRENCE-ID")
UID_MAX = 255  # the column size of meetings.source_uid
# The meeting field a rule names → the calendar property it came from.
PROPERTY_OF = {
    "title": "SUMMARY", "description": "DESCRIPTION", "venue": "LOCATION",
    "address": "LOCATION", "starts": "DTSTART", "ends": "DTEND",
}  # fmt: skip


class CalendarError(MeetingError):
    """What is wrong with a calendar file, as one printable line."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__("ics", message, field)


def shown(text: str, limit: int = 60) -> str:
    """Text from the file made safe for one terminal line: no control characters, shortened."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in text)
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def _decoded(data: bytes) -> str:
    if not data.strip():
        raise CalendarError("the file is empty")
    if len(data) > MAX_BYTES:
        raise CalendarError(f"the file is larger than {MAX_BYTES // 1_000_000} MB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise CalendarError(f"not UTF-8 text (byte 0x{byte:02x} at offset {error.start})") from None


def _errors(component: Any, skip: str = "") -> Iterator[tuple[str | None, str]]:
    """What the parser could not read, in the component and everything inside it."""
    pending = [component]
    while pending:  # not recursive: a file may nest components thousands deep
        current = pending.pop()
        yield from current.errors
        pending.extend(c for c in current.subcomponents if c.name != skip)


def _calendar(text: str) -> icalendar.Component:
    try:
        calendar = icalendar.Calendar.from_ical(text)
    # The parser is a library's; whatever it raises means "this is not a calendar file".
    except Exception as error:
        raise CalendarError(f"not a valid calendar file ({shown(str(error))})") from None
    if getattr(calendar, "name", None) != "VCALENDAR":
        raise CalendarError("not a valid calendar file (expected BEGIN:VCALENDAR)")
    for name, problem in _errors(calendar, skip="VEVENT"):
        where = f"{name}: " if name else ""
        raise CalendarError(f"calendar: {where}{shown(problem)}")
    return calendar


class _Event:
    """One VEVENT being read; `fail` names it by number and, when clear, by its SUMMARY."""

    def __init__(self, component: icalendar.Component, number: int) -> None:
        self.component = component
        summary = component.get("SUMMARY")
        self.summary = str(summary).strip() if isinstance(summary, str) else ""
        named = f' ("{shown(self.summary)}")' if self.summary else ""
        self.label = f"event {number}{named}"
        self.end_property = "DTEND"

    def fail(self, name: str, problem: str) -> CalendarError:
        return CalendarError(f"{self.label}: {name}: {problem}", name.lower())

    def structure(self) -> None:
        """Broken lines or values, properties given twice, repeating events."""
        for name, problem in _errors(self.component):
            raise self.fail(name or "line", shown(problem))
        for name in SINGLE:
            if isinstance(self.component.get(name), list):
                count = len(self.component.get(name))
                raise self.fail(name, f"given {count} times (expected once)")
        for name in REPEATING:
            if name in self.component:
                raise self.fail(name, "repeating events are not supported (one VEVENT each)")
        if "DTEND" in self.component and "DURATION" in self.component:
            raise self.fail("DURATION", "give DTEND or DURATION, not both")

    def text(self, name: str) -> str:
        value = self.component.get(name)
        text = str(value).strip() if value is not None else ""
        if any(not ch.isprintable() and ch not in "\n\t" for ch in text):
            raise self.fail(name, "contains control characters")
        return text

    def value(self, name: str) -> Any:
        """The property's date, date-time, duration or period."""
        try:
            return self.component.get(name).dt
        except (AttributeError, ValueError):  # VALUE=TEXT and the like; a broken value
            raise self.fail(name, "not a date or date-time") from None

    def moment(self, name: str, zone: tzinfo) -> datetime:
        """DTSTART or DTEND in UTC (floating times are local)."""
        prop = self.component.get(name)
        value = self.value(name)
        if isinstance(value, tuple):
            raise self.fail(name, "a PERIOD is not supported (give DTSTART and DTEND)")
        if isinstance(value, date) and not isinstance(value, datetime):
            raise self.fail(name, "needs a time (all-day events are not supported)")
        if not isinstance(value, datetime):
            kind = "a time without a date" if isinstance(value, time) else "not a date"
            raise self.fail(name, f"{kind} or date-time")
        if value.tzinfo is None:
            tzid = prop.params.get("TZID")
            if tzid:
                raise self.fail(name, f'unknown time zone "{shown(str(tzid))}"')
            value = value.replace(tzinfo=zone)
        try:
            return value.astimezone(UTC)
        # A VTIMEZONE from the file decides the offset; a broken one fails only here.
        except (ArithmeticError, ValueError, TypeError):
            raise self.fail(name, "the time zone cannot be applied") from None

    def later(self, starts: datetime, name: str, length: timedelta) -> datetime:
        try:
            return starts + length
        except OverflowError:
            raise self.fail(name, "out of range") from None

    def end(self, starts: datetime, zone: tzinfo) -> datetime:
        """DTEND as a date-time or (as some programs write it) a duration; or DURATION."""
        for name in ("DTEND", "DURATION"):
            if name not in self.component:
                continue
            self.end_property = name
            if isinstance(length := self.value(name), timedelta):
                return self.later(starts, name, length)
            if name == "DURATION":
                raise self.fail(name, "not a duration such as PT2H")
            return self.moment(name, zone)
        return self.later(starts, "DTSTART", DEFAULT_LENGTH)

    def uid(self) -> str | None:
        uid = self.text("UID")
        if len(uid) > UID_MAX:
            raise self.fail("UID", f"at most {UID_MAX} characters")
        return uid or None


def _read(event: _Event, district: str, zone: tzinfo, now: datetime) -> Parsed:
    event.structure()
    summary = event.text("SUMMARY")
    if not summary:
        raise event.fail("SUMMARY", "missing")
    if "DTSTART" not in event.component:
        raise event.fail("DTSTART", "missing")
    starts = event.moment("DTSTART", zone)
    venue, _sep, address = event.text("LOCATION").partition(",")
    description = event.text("DESCRIPTION")
    data = MeetingInput(
        title={"de": summary}, district=district, venue=venue.strip(),
        address=address.strip() or venue.strip(), starts=starts, ends=event.end(starts, zone),
        description={"de": description} if description else {},
    )  # fmt: skip
    try:
        check(data, now)
    except MeetingError as error:
        problem = str(error).partition(": ")[2] or str(error)
        name = event.end_property if error.field == "ends" else PROPERTY_OF.get(error.field)
        raise event.fail(name or error.field or "event", problem) from None
    return Parsed(data, event.uid())


def from_ics(data: bytes, district: str, zone: tzinfo, now: datetime) -> list[Parsed]:
    """Every VEVENT of a calendar file, all valid meetings; else the first problem."""
    calendar = _calendar(_decoded(data))
    components: list[Any] = [c for c in calendar.subcomponents if c.name == "VEVENT"]
    if not components:
        raise CalendarError("the calendar has no VEVENT")
    events = [_Event(component, number) for number, component in enumerate(components, 1)]
    return [_read(event, district, zone, now) for event in events]

"""Meetings as files: the .ics a resident adds to a calendar, and staff's meeting.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

import icalendar
import yaml

from bot.services.meetings.lifecycle import MeetingError, MeetingInput, text_of
from db.models import Meeting

PRODID = "-//Stadt Duisburg//Stadtstimme//DE"
ALARM_BEFORE = timedelta(hours=2)


def to_ics(meeting: Meeting, language: str, host: str = "stadtstimme.duisburg.de") -> bytes:
    """One VEVENT in UTC with location, description and a 2-hour alarm."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"meeting-{meeting.id}@{host}")
    event.add("sequence", meeting.version - 1)  # calendars update the entry on a change
    event.add("dtstamp", meeting.updated_at.astimezone(UTC))
    event.add("dtstart", meeting.starts_at.astimezone(UTC))
    event.add("dtend", meeting.ends_at.astimezone(UTC))
    event.add("summary", text_of(meeting.title, language))
    event.add("location", f"{meeting.venue}, {meeting.address}")
    description = text_of(meeting.description, language)
    if description:
        event.add("description", description)
    if meeting.latitude is not None and meeting.longitude is not None:
        event.add("geo", (meeting.latitude, meeting.longitude))
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text_of(meeting.title, language))
    alarm.add("trigger", -ALARM_BEFORE)
    event.add_component(alarm)
    calendar.add_component(event)
    return bytes(calendar.to_ical())


@dataclass(frozen=True)
class Parsed:
    """One meeting read from a file, with the calendar UID when it came from an .ics."""

    data: MeetingInput
    uid: str | None = None


def _local(value: Any, name: str, zone: tzinfo) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.strptime(value.strip(), "%Y-%m-%d %H:%M")
        except ValueError:
            raise MeetingError("format", f"{name}: expected 'YYYY-MM-DD HH:MM'", name) from None
    else:
        raise MeetingError("format", f"{name}: expected 'YYYY-MM-DD HH:MM'", name)
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


def _texts(value: Any, name: str) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, str):
        return {"de": value}
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return {str(k): v.strip() for k, v in value.items()}
    raise MeetingError("format", f"{name}: expected text or {{de: …, tr: …}}", name)


def _location(value: Any) -> tuple[float, float] | None:
    if value is None:
        return None
    if isinstance(value, list | tuple) and len(value) == 2:
        try:
            return float(value[0]), float(value[1])
        except (TypeError, ValueError):
            pass
    raise MeetingError("format", "location: expected [latitude, longitude]", "location")


def _capacity(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise MeetingError("format", "capacity: expected a whole number", "capacity")
    return value


def from_yaml(text: str, district_code: Any, zone: tzinfo) -> MeetingInput:
    """A meeting.yaml; MeetingError names the line (syntax) or the field."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise MeetingError("yaml", f"{where}{problem}") from None
    if not isinstance(raw, dict):
        raise MeetingError("yaml", "expected fields such as title:, district:, starts:")
    for name in ("title", "district", "venue", "address", "starts", "ends"):
        if raw.get(name) in (None, ""):
            raise MeetingError("missing", f"{name}: missing", name)
    unknown = set(raw) - {"title", "description", "district", "venue", "address", "starts",
                          "ends", "capacity", "location", "accessibility"}  # fmt: skip
    if unknown:
        raise MeetingError("unknown", f"{sorted(unknown)[0]}: unknown field", sorted(unknown)[0])
    return MeetingInput(
        title=_texts(raw["title"], "title"),
        description=_texts(raw.get("description"), "description"),
        accessibility=_texts(raw.get("accessibility"), "accessibility"),
        district=district_code(str(raw["district"])), venue=str(raw["venue"]),
        address=str(raw["address"]), starts=_local(raw["starts"], "starts", zone),
        ends=_local(raw["ends"], "ends", zone), capacity=_capacity(raw.get("capacity")),
        location=_location(raw.get("location")),
    )  # fmt: skip

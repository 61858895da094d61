"""The /newmeeting wizard's questions and how typed answers are read (no handlers here)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiogram.utils.i18n import gettext as _

from bot.config import Settings
from bot.services.meetings import lifecycle as meetings
from bot.services.meetings.lifecycle import MeetingError, MeetingInput
from bot.services.text_length import utf16_len

TIME_FORMAT = "%Y-%m-%d %H:%M"
LIMITS = {
    "title": meetings.TITLE_MAX,
    "description": meetings.TEXT_MAX,
    "venue": meetings.VENUE_MAX,
    "address": meetings.ADDRESS_MAX,
}


def question(step: str) -> str:
    """What each step asks."""
    return {
        "title": _("New meeting. What is its title (German)?"),
        "description": _("A short description (German) – or tap Skip."),
        "district": _("In which district?"),
        "venue": _("Where does it take place (the venue, e.g. Rathaus Hamborn)?"),
        "address": _("The address (street, postcode, town)?"),
        "location": _("Send the location on the map (📎 → Location) – or tap Skip."),
        "starts": _("When does it start? Local time as YYYY-MM-DD HH:MM"),
        "ends": _("When does it end? HH:MM (same day) or YYYY-MM-DD HH:MM"),
        "capacity": _("How many places? A number – or tap Skip for no limit."),
    }[step]


NEXT = {
    "title": "description",
    "description": "district",
    "venue": "address",
    "address": "location",
    "location": "starts",
    "starts": "ends",
    "ends": "capacity",
}


def parse(step: str, text: str, data: dict[str, Any], settings: Settings, now: datetime) -> Any:
    """The value of a typed answer, or MeetingError with the field."""
    if step in LIMITS:
        if not text or utf16_len(text) > LIMITS[step]:
            raise MeetingError("length", "length", step)
        return text
    if step == "capacity":
        # isdigit() alone passes "²" and other digits int() can't read.
        if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= meetings.CAPACITY_MAX:
            raise MeetingError("capacity", "capacity", step)
        return int(text)
    try:
        if step == "ends" and len(text) <= 5:
            day = datetime.fromisoformat(data["starts"]).astimezone(settings.zone).date()
            text = f"{day.isoformat()} {text}"
        moment = datetime.strptime(text, TIME_FORMAT).replace(tzinfo=settings.zone)
    except ValueError:
        raise MeetingError("format", "format", step) from None
    if step == "starts":
        meetings.check_start(moment, now)
    if step == "ends":
        starts = datetime.fromisoformat(data["starts"])
        if not starts < moment <= starts + meetings.LENGTH_MAX:
            raise MeetingError("order", "order", step)
    return moment.isoformat()


def versions_of(data: dict[str, Any]) -> dict[str, list[str]]:
    """The other languages' [title, description] (machine-made or typed by staff)."""
    return dict(data.get("versions") or {})


def machine_of(data: dict[str, Any]) -> set[str]:
    """The languages whose texts machine translation made (and staff have not replaced)."""
    return set(data.get("machine") or ()) & set(versions_of(data))


def draft_of(data: dict[str, Any]) -> MeetingInput:
    """The collected answers as a meeting."""
    location = data.get("location")
    versions = versions_of(data)
    description = {"de": data["description"]} if data.get("description") else {}
    description |= {code: texts[1] for code, texts in versions.items() if texts[1]}
    return MeetingInput(
        title={"de": data["title"]} | {code: texts[0] for code, texts in versions.items()},
        description=description,
        machine=frozenset(machine_of(data)),
        district=data["district"],
        venue=data["venue"],
        address=data["address"],
        starts=datetime.fromisoformat(data["starts"]),
        ends=datetime.fromisoformat(data["ends"]),
        capacity=data.get("capacity"),
        location=tuple(location) if location else None,
    )

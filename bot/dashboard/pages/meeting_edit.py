"""A meeting's edit form: titles and descriptions per language, place, time, capacity.

Saved through `bot.services.meetings.editing` (the chat's edit and move services); a new time
or place is told to everyone registered and waiting in their language, text edits to nobody."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web

from bot.config import LANGUAGES
from bot.dashboard.pages.render import language, page
from bot.dashboard.security import DB, VISITOR, dashboard_of
from bot.i18n import language_label
from bot.services.meetings import editing, managing
from bot.services.meetings.edits import BelowRegistered, Edit
from bot.services.meetings.lifecycle import MeetingError
from db.models import Meeting

LOCAL = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> sends and shows


def _local(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime(LOCAL)


def _values(meeting: Meeting, zone: ZoneInfo) -> dict[str, str]:
    """The form's fields as stored now."""
    values = {
        "venue": meeting.venue, "address": meeting.address,
        "starts": _local(meeting.starts_at, zone), "ends": _local(meeting.ends_at, zone),
        "capacity": "" if meeting.capacity is None else str(meeting.capacity),
    }  # fmt: skip
    for name in ("title", "description"):
        for code, text in json.loads(getattr(meeting, name) or "{}").items():
            values[f"{name}_{code}"] = text
    return values


def _seen(values: dict[str, str]) -> str:
    """What the form was opened with: a save from an older form is refused, not applied over
    what another staff member saved meanwhile."""
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()


async def _meeting(request: web.Request) -> Meeting:
    meeting = await managing.get(request[DB], int(request.match_info["meeting_id"]))
    if meeting is None:
        raise web.HTTPNotFound(text="404: no such meeting")
    return meeting


async def form(
    request: web.Request, values: dict[str, str] | None = None, error: dict[str, Any] | None = None
) -> web.StreamResponse:
    dashboard, meeting = dashboard_of(request), await _meeting(request)
    now, stored = dashboard.clock.now(), _values(meeting, dashboard.settings.zone)
    status = (409 if error["code"] == "stale" else 400) if error else 200
    return page(
        request, "meeting_edit.html", status=status, meeting=meeting, seen=_seen(stored),
        values=values if values is not None else stored,
        error=error, editable=meeting.status != "cancelled" and meeting.ends_at > now,
        languages=[(code, language_label(code, language(request))) for code in LANGUAGES],
        saved=request.query.get("saved") == "1", told=request.query.get("told"),
    )  # fmt: skip


def _time(values: dict[str, str], name: str, zone: ZoneInfo) -> datetime:
    try:
        return datetime.strptime(values.get(name, ""), LOCAL).replace(tzinfo=zone)
    except ValueError:
        raise MeetingError("format", f"{name}: expected YYYY-MM-DDTHH:MM", name) from None


def _capacity(text: str) -> int | None:
    if not text.strip():
        return None
    if not text.strip().isdigit():
        raise MeetingError("capacity", "capacity: a whole number", "capacity")
    return int(text)


async def save(request: web.Request) -> web.StreamResponse:
    dashboard, meeting_id = dashboard_of(request), int(request.match_info["meeting_id"])
    posted = await request.post()
    values = {key: str(value) for key, value in posted.items() if key not in ("csrf", "seen")}
    zone = dashboard.settings.zone
    if posted.get("seen") != _seen(_values(await _meeting(request), zone)):
        return await form(request, error={"code": "stale", "field": "", "registered": None})
    try:
        capacity = _capacity(values.get("capacity", ""))
        edit = Edit(
            texts={(name, code): values.get(f"{name}_{code}") or None
                   for name in ("title", "description") for code in LANGUAGES},
            capacity=capacity, no_limit=capacity is None,
        )  # fmt: skip
        place = editing.Place(
            _time(values, "starts", zone), _time(values, "ends", zone),
            values.get("venue", ""), values.get("address", ""),
        )  # fmt: skip
        saved = await editing.save(
            request[DB], dashboard.clock, meeting_id, edit, place, dashboard.texts.meeting_notice,
            dashboard.settings.default_language, actor=request[VISITOR].telegram_id,
        )  # fmt: skip
    except MeetingError as failure:
        await request[DB].rollback()
        registered = failure.registered if isinstance(failure, BelowRegistered) else None
        error = {"code": failure.code, "field": failure.field, "registered": registered}
        return await form(request, values=values, error=error)
    told = f"&told={saved.told}" if saved.moved else ""
    raise web.HTTPSeeOther(f"/meetings/{meeting_id}/edit?saved=1{told}")

"""Meetings: the list with registered and waiting counts, the QR code and the A4 poster,
cancelling, the feedback."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import Any

from aiohttp import web

from bot.dashboard import sorting
from bot.dashboard.pages.render import downloaded, language, page
from bot.dashboard.security import DB, VISITOR, dashboard_of
from bot.presentation.dates import when
from bot.services.meetings import changes, feedback_report, managing, poster
from bot.services.meetings.lifecycle import MeetingError, text_of
from bot.services.polls.suppression import Mark

SORT_KEYS: dict[str, sorting.Key[Any]] = {
    "id": lambda row: row[0].id,
    "starts": lambda row: row[0].starts_at,
    "status": lambda row: row[0].status,
    "district": lambda row: row[0].district,
    "title": lambda row: row[1],
    "registered": lambda row: row[2].registered,
    "waiting": lambda row: row[2].waiting,
}


async def listing(request: web.Request, error: str | None = None) -> web.StreamResponse:
    now = dashboard_of(request).clock.now()
    order = sorting.order_of(request, tuple(SORT_KEYS))
    rows = [
        (meeting, text_of(meeting.title, "de"), counts,
         meeting.status != "cancelled" and meeting.ends_at > now)
        for meeting, counts in await managing.with_attendance(request[DB])
    ]  # fmt: skip
    return page(request, "meetings.html", status=400 if error else 200, error=error,
                rows=sorting.arranged(rows, order, SORT_KEYS), order=order,
                told=request.query.get("told"))  # fmt: skip


async def qr(request: web.Request) -> web.StreamResponse:
    """The poster's QR code (the meeting's deep link), as `stadtstimme meetings qr` makes it."""
    meeting_id = int(request.match_info["meeting_id"])
    if await managing.get(request[DB], meeting_id) is None:
        raise web.HTTPNotFound(text="404: no such meeting")
    link = poster.deep_link(dashboard_of(request).settings.bot_username, meeting_id)
    return downloaded(poster.qr_png(link), f"meeting-{meeting_id}-qr.png")


async def poster_pdf(request: web.Request) -> web.StreamResponse:
    """The A4 poster: title, date (Babel, the city's time), place, QR code, short link."""
    dashboard, meeting_id = dashboard_of(request), int(request.match_info["meeting_id"])
    meeting = await managing.get(request[DB], meeting_id)
    if meeting is None:
        raise web.HTTPNotFound(text="404: no such meeting")
    lang = language(request)
    draw = partial(
        poster.a4_pdf, title=text_of(meeting.title, lang),
        when=when(meeting.starts_at, dashboard.settings.zone, lang, date="full"),
        place=f"{meeting.venue}, {meeting.address}",
        link=poster.deep_link(dashboard.settings.bot_username, meeting_id),
        call=dashboard.translations[lang].gettext("Scan the code to register in Telegram"),
    )  # fmt: skip
    # Seconds of drawing: in a worker thread, so other pages (and the bot beside) go on.
    body = await asyncio.get_running_loop().run_in_executor(None, draw)
    return downloaded(body, f"meeting-{meeting_id}-poster.pdf")


async def cancel(request: web.Request) -> web.StreamResponse:
    """The chat's cancel: queued reminders withdrawn, registered and waiting people told."""
    dashboard = dashboard_of(request)
    if (await request.post()).get("confirm") != "yes":
        return await listing(request, error="not_confirmed")
    try:
        told = await changes.cancel(
            request[DB], dashboard.clock, int(request.match_info["meeting_id"]),
            dashboard.texts.meeting_notice, dashboard.settings.default_language,
            actor=request[VISITOR].telegram_id,
        )  # fmt: skip
    except MeetingError as error:
        await request[DB].rollback()
        return await listing(request, error=error.code)
    raise web.HTTPSeeOther(f"/meetings?told={told}")


async def feedback(request: web.Request) -> web.StreamResponse:
    """Ratings 1–5 (small counts hidden) and the comments, never who gave them."""
    meeting = await managing.get(request[DB], int(request.match_info["meeting_id"]))
    if meeting is None:
        raise web.HTTPNotFound(text="404: no such meeting")
    report = await feedback_report.report(request[DB], meeting.id)
    return page(
        request, "meeting_feedback.html", meeting=meeting, title=text_of(meeting.title, "de"),
        report=report, ratings=feedback_report.RATINGS, hidden=Mark.HIDDEN.value,
    )  # fmt: skip

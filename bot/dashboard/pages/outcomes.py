"""A meeting's outcome: write it per language (machine translation optional), send it once to
everyone registered and the district's subscribers, publish it on its public page."""

from __future__ import annotations

from aiohttp import web

from bot.config import LANGUAGES
from bot.dashboard.pages.render import language, page
from bot.dashboard.security import DB, VISITOR, dashboard_of
from bot.i18n import language_label
from bot.services.meetings import outcomes
from bot.services.meetings.lifecycle import MeetingError, text_of


def _meeting_id(request: web.Request) -> int:
    return int(request.match_info["meeting_id"])


async def editor(
    request: web.Request, error: str | None = None, texts: dict[str, str] | None = None
) -> web.StreamResponse:
    """The outcome's form, its state (sent, public) and its actions."""
    try:
        meeting, outcome = await outcomes.get(request[DB], _meeting_id(request))
    except MeetingError as failure:
        raise web.HTTPNotFound(text="404: no such meeting") from failure
    dashboard = dashboard_of(request)
    return page(
        request, "outcome.html", status=400 if error else 200, meeting=meeting,
        title=text_of(meeting.title, "de"), outcome=outcome, error=error,
        texts=texts if texts is not None else outcomes.texts_of(outcome),
        languages=[(code, language_label(code, language(request))) for code in LANGUAGES],
        ended=meeting.ends_at <= dashboard.clock.now(),
        can_translate=dashboard.translator is not None,
        told=request.query.get("told"), public_link=outcomes.public_path(meeting.id),
    )  # fmt: skip


async def save(request: web.Request) -> web.StreamResponse:
    """Store the texts; "translate" fills the empty languages from the German text first."""
    dashboard, form = dashboard_of(request), await request.post()
    texts = {code: str(form.get(f"text_{code}") or "") for code in LANGUAGES}
    if form.get("translate") == "yes":
        texts = await outcomes.fill_missing(request[DB], dashboard.translator, texts)
    try:
        await outcomes.save(request[DB], dashboard.clock, _meeting_id(request), texts,
                            actor=request[VISITOR].telegram_id)  # fmt: skip
    except MeetingError as failure:
        await request[DB].rollback()
        return await editor(request, error=failure.code, texts=texts)
    raise web.HTTPSeeOther(f"/meetings/{_meeting_id(request)}/outcome")


async def send(request: web.Request) -> web.StreamResponse:
    """Send the outcome once (through the outbox), after the confirmation box was ticked."""
    dashboard = dashboard_of(request)
    if (await request.post()).get("confirm") != "yes":
        return await editor(request, error="not_confirmed")
    try:
        told = await outcomes.send(
            request[DB], dashboard.clock, _meeting_id(request), dashboard.texts.meeting_outcome,
            dashboard.settings.default_language, dashboard.settings.dashboard_url,
            actor=request[VISITOR].telegram_id,
        )  # fmt: skip
    except MeetingError as failure:
        await request[DB].rollback()
        return await editor(request, error=failure.code)
    raise web.HTTPSeeOther(f"/meetings/{_meeting_id(request)}/outcome?told={told}")


async def publish(request: web.Request) -> web.StreamResponse:
    """Show the outcome on its public page ("public" = yes) or withdraw it."""
    dashboard, form = dashboard_of(request), await request.post()
    try:
        await outcomes.set_public(
            request[DB], dashboard.clock, _meeting_id(request), form.get("public") == "yes",
            actor=request[VISITOR].telegram_id,
        )  # fmt: skip
    except MeetingError as failure:
        await request[DB].rollback()
        return await editor(request, error=failure.code)
    raise web.HTTPSeeOther(f"/meetings/{_meeting_id(request)}/outcome")

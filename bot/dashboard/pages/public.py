"""The public results pages (no sign-in): only what staff published, in all ten languages,
small numbers hidden; anything else is 404, whether it exists or not."""

from __future__ import annotations

from aiohttp import web

from bot.config import LANGUAGES
from bot.dashboard.pages.render import page, public_language
from bot.dashboard.security import DB, dashboard_of
from bot.i18n import NATIVE_NAMES
from bot.presentation.dates import when
from bot.services.meetings import outcomes
from bot.services.meetings.lifecycle import text_of
from bot.services.polls.publishing import public_results
from bot.services.polls.suppression import Mark

NOT_PUBLISHED = "404: nothing published here"


def _languages() -> list[tuple[str, str]]:
    """The language links, each in its own language."""
    return [(code, NATIVE_NAMES[code]) for code in LANGUAGES]


async def poll(request: web.Request) -> web.StreamResponse:
    lang = public_language(request)
    found = await public_results(request[DB], int(request.match_info["poll_id"]), lang)
    if found is None:
        raise web.HTTPNotFound(text=NOT_PUBLISHED)
    return page(request, "public_poll.html", lang=lang, found=found, languages=_languages(),
                hidden=Mark.HIDDEN.value, path=request.path)  # fmt: skip


async def outcome(request: web.Request) -> web.StreamResponse:
    lang = public_language(request)
    found = await outcomes.published(request[DB], int(request.match_info["meeting_id"]))
    if found is None:
        raise web.HTTPNotFound(text=NOT_PUBLISHED)
    meeting, texts = found
    zone = dashboard_of(request).settings.zone
    return page(
        request, "public_outcome.html", lang=lang, languages=_languages(), path=request.path,
        title=text_of(meeting.title, lang), text=texts.get(lang) or texts.get("de", ""),
        date=when(meeting.starts_at, zone, lang, date="full"),
        place=f"{meeting.venue}, {meeting.address}",
    )  # fmt: skip

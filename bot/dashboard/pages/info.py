"""Information pages: every page with its languages; one language version edited with a
preview. The CLI's `info set` service checks and stores it (Telegram HTML, lengths, audit).
The German version's "🌐 Translate into the other languages" is in `info_drafts`."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from aiohttp import web

from bot.config import LANGUAGES
from bot.dashboard.pages.render import language, page
from bot.dashboard.security import DB, VISITOR, dashboard_of
from bot.dashboard.telegram_html import to_web
from bot.presentation.info import page_text
from bot.services import info

STEPS = ("preview", "save")
# What `request.post()` gives.
Posted = Mapping[str, object]


async def listing(request: web.Request) -> web.StreamResponse:
    """The pages in menu order; `?slug=` opens (or starts) the page with that slug."""
    wanted = request.query.get("slug", "").strip().lower()
    if wanted and info.SLUG.fullmatch(wanted) and wanted != info.PRIVACY_SLUG:
        raise web.HTTPSeeOther(f"/info/{wanted}?language=de")
    pages = await info.all_versions(request[DB])
    return page(request, "info_pages.html", status=400 if wanted else 200, pages=pages,
                languages=LANGUAGES, bad_slug=wanted)  # fmt: skip


def names_of(request: web.Request) -> dict[str, str]:
    """Language codes with their names in the staff member's language."""
    groups = dashboard_of(request).texts.audience(language(request))
    return dict(next(group.choices for group in groups if group.kind == "languages"))


def field(form: Posted, name: str) -> str:
    """A form field as typed, with a browser's CRLF line endings as the chat's LF."""
    value = form.get(name)
    return value.replace("\r\n", "\n") if isinstance(value, str) else ""


@dataclass(frozen=True)
class Review:
    """Machine-made drafts shown below the German version until staff save or drop them."""

    drafts: dict[str, tuple[str, str]]  # language -> (title, body), as the form now has them
    source: str  # the German they were made from (`source_of`)
    missing: list[str] = dataclass_field(default_factory=list)  # languages not translated
    stale: bool = False  # the German changed since: translate again before saving them


def source_of(title: str, body: str) -> str:
    """The German a set of drafts was made from, so saving them can tell it changed since."""
    return hashlib.sha256(json.dumps([title.strip(), body.strip()]).encode()).hexdigest()


def review_of(form: Posted) -> Review | None:
    """The drafts under review a form brings back (None: it had none), empty ones left out."""
    source = form.get("source")
    if not isinstance(source, str):
        return None
    drafts = {
        code: (field(form, f"title_{code}"), field(form, f"body_{code}"))
        for code in LANGUAGES
        if code != "de" and field(form, f"body_{code}").strip()
    }
    return Review(drafts, source)


async def form_page(
    request: web.Request, chosen: str, title: str, body: str, *, problem: str | None = None,
    preview: bool = False, saved: bool = False, review: Review | None = None,
) -> web.Response:  # fmt: skip
    """The editor; `review`: machine-made drafts shown below the German version."""
    slug = request.match_info["slug"]
    versions = (await info.all_versions(request[DB])).get(slug, {})
    stored = [code for code in request.query.get("stored", "").split() if code in LANGUAGES]
    names = names_of(request)
    return page(
        request, "info_page.html", status=400 if problem or (review and review.stale) else 200,
        slug=slug, chosen=chosen, title=title, body=body, versions=versions,
        names=names, named=lambda codes: ", ".join(names[code] for code in codes),
        problem=problem, saved=saved, stored=stored,
        shown=to_web(page_text(title, body)) if preview else None, review=review,
        can_translate=dashboard_of(request).translator is not None,
    )  # fmt: skip


def _language_of(value: object) -> str:
    if value not in LANGUAGES:
        raise web.HTTPBadRequest(text="400: unknown language")
    return str(value)


async def edit(request: web.Request) -> web.StreamResponse:
    """One language version in the form (empty for a version not written yet)."""
    chosen = _language_of(request.query.get("language", "de"))
    versions = (await info.all_versions(request[DB])).get(request.match_info["slug"], {})
    stored = versions.get(chosen)
    title, body = (stored.title, stored.body) if stored else ("", "")
    return await form_page(request, chosen, title, body, saved="saved" in request.query)


async def save(request: web.Request) -> web.StreamResponse:
    """Preview or store one version; either way checked as `stadtstimme info set` checks it."""
    dashboard, slug = dashboard_of(request), request.match_info["slug"]
    form = await request.post()
    chosen = _language_of(form.get("language"))
    title, body, step = (field(form, name) for name in ("title", "body", "step"))
    if step not in STEPS:
        raise web.HTTPBadRequest(text="400: unknown step")
    try:
        info.check_page(slug, chosen, body, title)
        if step == "save":
            await info.set_page(
                request[DB], dashboard.clock, slug, chosen, body, title,
                actor=request[VISITOR].telegram_id,
            )  # fmt: skip
    except ValueError as error:  # InvalidHtml too: the reason, as the CLI gives it
        await request[DB].rollback()
        return await form_page(request, chosen, title, body, problem=str(error),
                               review=review_of(form))  # fmt: skip
    if step == "preview":
        return await form_page(request, chosen, title, body, preview=True, review=review_of(form))
    raise web.HTTPSeeOther(f"/info/{slug}?language={chosen}&saved=1")

"""Announcements: recent campaigns with their progress, a new one (count, preview, schedule,
send), cancelling. The chat's /announce services throughout: the same rules, audience, audit.

"🌐 Translate into the other languages" fills the empty language fields from the German text
(`campaigns.translation`, as /announce does) for staff to check; a version sent as the provider
made it is machine-made (its readers see a short note), one staff changed is theirs."""

from __future__ import annotations

import secrets
from dataclasses import replace
from decimal import Decimal

from aiohttp import web
from babel.numbers import format_decimal

from bot.dashboard.pages import announcement_form, announcement_photo
from bot.dashboard.pages.announcement_form import Form, Problem
from bot.dashboard.pages.render import language, page
from bot.dashboard.security import DB, VISITOR, dashboard_of
from bot.dashboard.telegram_html import to_web
from bot.services import audience as audiences
from bot.services.audience import VOCABULARY, UnknownAudienceValue
from bot.services.campaigns import lifecycle as campaigns
from bot.services.campaigns.input import check_text
from bot.services.campaigns.lifecycle import CampaignError
from bot.services.campaigns.listing import recent
from bot.services.campaigns.translation import translate_draft
from bot.services.translation.drafts import still_machine_made
from bot.services.vocabulary import CampaignStatus

SHOWN = 20
STEPS = ("count", "preview", "send", "translate")


async def listing(request: web.Request) -> web.StreamResponse:
    """The newest campaigns; the page reloads itself while one is waiting or being sent."""
    summaries = await recent(request[DB], SHOWN)
    running = any(s.progress.status in campaigns.OPEN for s in summaries)
    query = request.query
    return page(
        request, "announcements.html", summaries=summaries, running=running,
        open_statuses=campaigns.OPEN, statuses=CampaignStatus,
        created=query.get("created"), cancelled=query.get("cancelled"),
        refused=query.get("refused"), already=query.get("already"),
        now=dashboard_of(request).clock.now(),
    )  # fmt: skip


async def _form_page(
    request: web.Request, form: Form, problems: list[Problem], *, preview: bool = False,
    changed: bool = False, missing: list[str] | None = None,
) -> web.Response:  # fmt: skip
    """The form with the staff member's values, the recipient count, and the preview if asked
    (machine-made versions with their note); `missing`: languages translation could not do."""
    dashboard = dashboard_of(request)
    machine = await _machine_made(request, form)
    try:
        count: int | None = await audiences.count(
            request[DB], form.audience(), dashboard.settings.default_language
        )
    except UnknownAudienceValue:
        count = None
    groups = dashboard.texts.audience(language(request))
    names = dict(next(g.choices for g in groups if g.kind == "languages"))
    note = dashboard.texts.with_note
    previews = (
        {code: to_web(note(text, code, code in machine)) for code, text in form.texts.items()}
        if preview
        else {}
    )
    return page(
        request, "announcement_new.html", status=400 if problems else 200, form=form,
        problems=problems, count=count, groups=groups, names=names, previews=previews,
        digest=form.digest() if previews else "", changed=changed,
        others=[names[code] for code in previews if code != "de"],
        paid=dashboard.settings.paid_broadcast_rate > 0, zone=dashboard.settings.timezone,
        stars=format_decimal(Decimal(count or 0) / 10, locale=language(request)),
        can_upload=dashboard.photo_upload is not None,
        machine=machine, missing=missing or [], can_translate=dashboard.translator is not None,
        named=lambda codes: ", ".join(names[code] for code in codes),
    )  # fmt: skip


async def _machine_made(request: web.Request, form: Form) -> frozenset[str]:
    """The versions that are still exactly the machine translation of the German text (the
    provider's answers as cached; decided here, never by a field of the form)."""
    german, translator = form.texts.get("de", ""), dashboard_of(request).translator
    made = [
        code for code, text in form.texts.items() if code != "de"
        and await still_machine_made(request[DB], translator, [german], code, [text])
    ]  # fmt: skip
    return frozenset(made)


async def _translate(request: web.Request, form: Form) -> web.Response:
    """The empty language fields filled from the German text, for staff to check (nothing is
    stored or sent); without a provider the form comes back as it was, saying so."""
    translator = dashboard_of(request).translator
    if translator is None:
        return await _form_page(request, form, [])
    if "de" not in form.texts:
        return await _form_page(request, form, [Problem("de", "no_german")])
    try:
        check_text(form.texts["de"], caption=bool(form.photo))
    except CampaignError as error:
        return await _form_page(request, form, [Problem("de", error.code, error.details)])
    texts, filled = await translate_draft(
        request[DB], translator, form.texts, photo=bool(form.photo)
    )
    return await _form_page(request, replace(form, texts=texts), [], missing=filled.missing)


async def new(request: web.Request) -> web.StreamResponse:
    """An empty form (German text required, everyone, now)."""
    empty = Form({}, {}, "", secrets.token_hex(8), "")
    return await _form_page(request, empty, [])


async def submit(request: web.Request) -> web.StreamResponse:
    """Count, preview or send; "send" stores only what the last preview showed."""
    dashboard, visitor = dashboard_of(request), request[VISITOR]
    posted = await request.post()
    form = announcement_form.read(posted)
    step = posted.get("step")
    if step not in STEPS:
        raise web.HTTPBadRequest(text="400: unknown step")
    form, refused = await announcement_photo.attach(request, posted, form)
    if refused:
        return await _form_page(request, form, refused)
    if step == "count":
        return await _form_page(request, form, [])
    if step == "translate":
        return await _translate(request, form)
    paid = dashboard.settings.paid_broadcast_rate > 0
    draft, problems = announcement_form.check(
        form,
        dashboard.settings.zone,
        dashboard.clock.now(),
        paid,
        await _machine_made(request, form),
    )
    if draft is None:
        return await _form_page(request, form, problems)
    if step == "preview" or form.previewed != form.digest():
        # Changed since the preview: show what would now go out before anything is sent.
        return await _form_page(request, form, [], preview=True, changed=step == "send")
    try:
        campaign = await campaigns.create(
            request[DB], dashboard.clock, draft, created_by=visitor.telegram_id,
            progress_language=language(request),
            draft_key=f"web:{visitor.telegram_id}:{form.nonce[:32]}",
        )  # fmt: skip
    except CampaignError as error:
        if error.code == "duplicate":  # a second press (or tab): the first one was stored
            already = error.details.get("campaign", "")
            raise web.HTTPSeeOther(f"/announcements?already={already}") from None
        return await _form_page(request, form, [Problem("", error.code, error.details)])
    raise web.HTTPSeeOther(f"/announcements?created={campaign.id}")


async def count(request: web.Request) -> web.StreamResponse:
    """The live recipient count for the form's script: the chosen filters in the query."""
    dashboard = dashboard_of(request)
    chosen = {kind: request.query.getall(kind, []) for kind in VOCABULARY}
    try:
        audience = announcement_form.audience_from(chosen)
    except UnknownAudienceValue:
        raise web.HTTPBadRequest(text="400: unknown filter value") from None
    number = await audiences.count(request[DB], audience, dashboard.settings.default_language)
    translations = dashboard.translations[language(request)]
    text = translations.gettext("Recipients right now: {count}").format(count=number)
    if not number:
        text += " ⚠️ " + translations.gettext("Nobody matches this audience right now.")
    return web.json_response({"count": number, "text": text})


async def cancel(request: web.Request) -> web.StreamResponse:
    """Stop a scheduled or running campaign (audited); what was sent stays sent."""
    dashboard = dashboard_of(request)
    campaign_id = int(request.match_info["campaign_id"])
    if await campaigns.progress(request[DB], campaign_id) is None:
        raise web.HTTPNotFound(text="404: no such announcement")
    done = await campaigns.cancel(
        request[DB], dashboard.clock, campaign_id, actor=request[VISITOR].telegram_id
    )
    outcome = "cancelled" if done else "refused"
    raise web.HTTPSeeOther(f"/announcements?{outcome}={campaign_id}")

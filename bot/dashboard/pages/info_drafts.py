"""An information page's "🌐 Translate into the other languages": the German version in the form
machine-translated into every language without a version staff wrote, shown below it as drafts
to review and edit; "Save" stores the German and the drafts together. Nothing is stored unseen.

The chat's rule for the machine flag: a draft saved as the provider made it is machine-made (its
readers see a short note); one staff changed is theirs. The services of `stadtstimme info set
--translate` do the work (`info.draft_translations`, the cache, the checks, the audit).
"""

from __future__ import annotations

from aiohttp import web

from bot.dashboard.pages.info import Review, field, form_page, names_of, review_of, source_of
from bot.dashboard.security import DB, VISITOR, dashboard_of
from bot.services import info
from bot.services.info import Version
from bot.services.translation.drafts import still_machine_made


async def translate(request: web.Request) -> web.StreamResponse:
    """The German from the form, checked, then its drafts below it (nothing stored); without a
    provider the form comes back as it was, saying that machine translation is not set up."""
    dashboard, slug = dashboard_of(request), request.match_info["slug"]
    form = await request.post()
    title, body = field(form, "title"), field(form, "body")
    if dashboard.translator is None:
        return await form_page(request, "de", title, body)
    try:
        info.check_page(slug, "de", body, title)
    except ValueError as error:  # InvalidHtml too: the reason, as the CLI gives it
        return await form_page(request, "de", title, body, problem=str(error))
    filled = await info.draft_translations(request[DB], dashboard.translator, slug, title, body)
    drafts = {code: (texts[0], texts[1]) for code, texts in filled.versions.items()}
    review = Review(drafts, source_of(title, body), filled.missing)
    return await form_page(request, "de", title, body, review=review)


async def save_all(request: web.Request) -> web.StreamResponse:
    """The German version and the reviewed drafts in one transaction, each checked and audited;
    drafts made from a German text changed since are refused (translate again)."""
    dashboard, slug = dashboard_of(request), request.match_info["slug"]
    form = await request.post()
    title, body = field(form, "title"), field(form, "body")
    review = review_of(form)
    if review is None:
        raise web.HTTPBadRequest(text="400: no drafts to save")
    if review.source != source_of(title, body):
        stale = Review(review.drafts, review.source, stale=True)
        return await form_page(request, "de", title, body, review=stale)
    versions = {"de": Version(title, body)}
    for code, (draft_title, draft_body) in review.drafts.items():
        machine = await still_machine_made(
            request[DB], dashboard.translator, [title, body], code, [draft_title, draft_body]
        )
        versions[code] = Version(draft_title, draft_body, machine)
    names = names_of(request)
    for code, version in versions.items():
        try:
            info.check_page(slug, code, version.body, version.title)
        except ValueError as error:
            problem = f"{names[code]}: {error}"
            return await form_page(request, "de", title, body, problem=problem, review=review)
    await info.set_versions(
        request[DB], dashboard.clock, slug, versions, actor=request[VISITOR].telegram_id
    )
    raise web.HTTPSeeOther(f"/info/{slug}?language=de&stored={'+'.join(versions)}")

"""Every dashboard route with the role it needs: the table the access check and its test read."""

from __future__ import annotations

from bot.dashboard.access import Access, Route
from bot.dashboard.pages import (
    announcements,
    ideas,
    info,
    info_drafts,
    login,
    meeting_edit,
    meetings,
    outcomes,
    overview,
    photos,
    polls,
    public,
    roles,
    staff,
)


def routes() -> list[Route]:
    """The dashboard's routes; a route missing here is not served (no route without a check)."""
    poll = "/polls/{poll_id:[0-9]+}"
    meeting = "/meetings/{meeting_id:[0-9]+}"
    info_page = "/info/{slug:[a-z0-9-]+}"
    campaign = "/announcements/{campaign_id:[0-9]+}"
    idea_photo = "/ideas/{reference:I-[0-9]+-[0-9]+}/photo/{number:[0-9]+}"

    return [
        Route("GET", "/login", login.how_to, Access.PUBLIC),
        Route("GET", "/login/{token}", login.with_link, Access.PUBLIC),
        # No CSRF field: the one-time token in the form is itself the secret a forger lacks.
        Route("POST", "/login", login.sign_in, Access.PUBLIC),
        Route("POST", "/logout", login.logout, Access.STAFF),
        Route("GET", "/", overview.page_view, Access.STAFF),
        Route("GET", "/ideas", ideas.queue, Access.MODERATOR),
        Route("GET", "/ideas.csv", ideas.download, Access.MODERATOR),
        Route("GET", "/ideas.xlsx", ideas.download_xlsx, Access.MODERATOR),
        Route("GET", "/ideas/{reference:I-[0-9]+-[0-9]+}", ideas.detail, Access.MODERATOR),
        Route("POST", "/ideas/{reference:I-[0-9]+-[0-9]+}/decide", ideas.decide, Access.MODERATOR),
        # Fetched from Telegram per request, never stored (bot/dashboard/pages/photos.py).
        Route("GET", idea_photo, photos.photo, Access.MODERATOR),
        Route("GET", "/polls", polls.listing, Access.EDITOR),
        Route("GET", poll, polls.results, Access.EDITOR),
        Route("GET", poll + "/results.{form:csv|xlsx}", polls.download, Access.EDITOR),
        Route("POST", poll + "/close", polls.close, Access.EDITOR),
        Route("POST", poll + "/public", polls.publish, Access.EDITOR),
        Route("POST", poll + "/push", polls.push, Access.EDITOR),
        Route("GET", "/meetings", meetings.listing, Access.EDITOR),
        Route("GET", meeting + "/qr.png", meetings.qr, Access.EDITOR),
        Route("GET", meeting + "/poster.pdf", meetings.poster_pdf, Access.EDITOR),
        Route("POST", meeting + "/cancel", meetings.cancel, Access.EDITOR),
        Route("GET", meeting + "/edit", meeting_edit.form, Access.EDITOR),
        Route("POST", meeting + "/edit", meeting_edit.save, Access.EDITOR),
        Route("GET", meeting + "/feedback", meetings.feedback, Access.EDITOR),
        # Who may /announce in the chat (editors; admins may do everything).
        Route("GET", "/announcements", announcements.listing, Access.EDITOR),
        Route("GET", "/announcements/new", announcements.new, Access.EDITOR),
        Route("POST", "/announcements/new", announcements.submit, Access.EDITOR),
        Route("GET", "/announcements/count", announcements.count, Access.EDITOR),
        Route("POST", campaign + "/cancel", announcements.cancel, Access.EDITOR),
        Route("GET", "/info", info.listing, Access.EDITOR),
        Route("GET", info_page, info.edit, Access.EDITOR),
        Route("POST", info_page, info.save, Access.EDITOR),
        Route("POST", info_page + "/translate", info_drafts.translate, Access.EDITOR),
        Route("POST", info_page + "/versions", info_drafts.save_all, Access.EDITOR),
        Route("GET", meeting + "/outcome", outcomes.editor, Access.EDITOR),
        Route("POST", meeting + "/outcome", outcomes.save, Access.EDITOR),
        Route("POST", meeting + "/outcome/send", outcomes.send, Access.EDITOR),
        Route("POST", meeting + "/outcome/public", outcomes.publish, Access.EDITOR),
        Route("GET", "/staff", staff.roster, Access.ADMIN),
        Route("POST", "/staff/roles", roles.give, Access.ADMIN),
        Route("POST", "/staff/{telegram_id:[0-9]+}/remove", roles.take, Access.ADMIN),
        Route("GET", "/audit", staff.log, Access.ADMIN),
        Route("GET", "/audit.csv", staff.download, Access.ADMIN),
        # What staff published, for everyone (404 for anything not published).
        Route("GET", "/public" + poll, public.poll, Access.PUBLIC),
        Route("GET", "/public" + meeting + "/outcome", public.outcome, Access.PUBLIC),
    ]

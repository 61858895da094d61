"""Signing in with a one-time link from the bot, and signing out."""

from __future__ import annotations

from aiohttp import web

from bot.dashboard.pages.render import page
from bot.dashboard.security import COOKIE, DB, dashboard_of
from bot.services import dashboard_access as access
from bot.services.dashboard_access import LoginRefusal
from bot.services.staff import StaffService


async def how_to(request: web.Request) -> web.StreamResponse:
    """Where a visitor without a session lands: how to get a link."""
    return page(request, "login.html", refusal=None)


async def with_link(request: web.Request) -> web.StreamResponse:
    """A one-time link's page: a button that signs in. Opening it changes nothing.

    A click in Telegram comes from another site, so a session cookie set on that request's
    redirect would not be sent with the next one (SameSite=Strict), and link previews fetch
    the link too: the link is used only by the button's same-site POST.
    """
    return page(request, "login.html", refusal=None, token=request.match_info["token"])


async def sign_in(request: web.Request) -> web.StreamResponse:
    """Use a one-time link: a session cookie and the overview, or why the link did not work."""
    dashboard = dashboard_of(request)
    staff = StaffService(request[DB], dashboard.settings.admin_ids, dashboard.clock)
    sent = (await request.post()).get("token")
    token = sent if isinstance(sent, str) else ""
    opened = await access.redeem(request[DB], dashboard.clock, staff, token)
    if isinstance(opened, LoginRefusal):
        return page(request, "login.html", status=403, refusal=opened.value)
    cookie, _visitor = opened
    response = web.HTTPSeeOther("/")  # raised below: aiohttp sends an exception's cookies too
    secure = (dashboard.settings.dashboard_url or "").startswith("https://")
    response.set_cookie(
        COOKIE, cookie, httponly=True, samesite="Strict", secure=secure, path="/",
        max_age=int(access.IDLE_TIMEOUT.total_seconds()),
    )  # fmt: skip
    raise response


async def logout(request: web.Request) -> web.StreamResponse:
    await access.logout(request[DB], request.cookies.get(COOKIE, ""))
    response = web.HTTPSeeOther("/login")
    response.del_cookie(COOKIE, path="/")
    raise response

"""Every request's checks: security headers, the session, the route's role, the CSRF token."""

from __future__ import annotations

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession

from bot.dashboard.access import Access, Handler, allows
from bot.dashboard.state import dashboard_of
from bot.services import dashboard_access as access
from bot.services.dashboard_access import Visitor
from bot.services.staff import StaffService

COOKIE = "stadtstimme_session"
DB = web.RequestKey("db", AsyncSession)
VISITOR = web.RequestKey("visitor", Visitor)
HEADERS = {
    # No inline scripts or styles, nothing from elsewhere, never inside a frame.
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as error:
        error.headers.update(HEADERS)
        raise
    response.headers.update(HEADERS)
    return response


@web.middleware
async def checks(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Open the request's database session; refuse what the visitor may not see or do."""
    dashboard = dashboard_of(request)
    route = dashboard.routes.get(request.match_info.handler)
    needed = route.access if route is not None else Access.PUBLIC  # static files, 404s
    async with dashboard.session_factory() as session:
        request[DB] = session
        if needed == Access.PUBLIC:
            return await handler(request)
        staff = StaffService(session, dashboard.settings.admin_ids, dashboard.clock)
        cookie = request.cookies.get(COOKIE)
        visitor = await access.visitor(session, dashboard.clock, staff, cookie) if cookie else None
        if visitor is None:
            raise web.HTTPFound("/login")
        if not allows(needed, visitor.role):
            raise web.HTTPForbidden(text="403: not allowed for your role")
        if request.method == "POST":
            form = await request.post()
            sent = form.get("csrf")
            if not access.csrf_matches(visitor, sent if isinstance(sent, str) else None):
                raise web.HTTPForbidden(text="403: the form has expired; reload the page")
        request[VISITOR] = visitor
        return await handler(request)

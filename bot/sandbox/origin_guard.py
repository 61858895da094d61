"""The sandbox answers only its own page and the bot beside it, never other web sites.

The sandbox listens on loopback without a password. A web page open in the same browser could
otherwise drive it: a cross-site `text/plain` POST needs no CORS preflight and would create
residents, send messages as them, or call the fake Bot API; a DNS-rebinding page reaches it
under a foreign host name. So every request must name the sandbox's own address in `Host`, and
`Origin`, when a browser sends one, must be the sandbox's own page. A cross-site GET (an image
or a link on another page) sends no `Origin`: browsers mark it `Sec-Fetch-Site: cross-site`, and
the fake Bot API takes POST only (aiogram always posts), so its query-string parameters can't
drive it. The bot's own calls carry no `Origin` and `Host: 127.0.0.1:<port>`.
"""

from __future__ import annotations

import logging

from aiohttp import hdrs, web
from aiohttp.typedefs import Handler, Middleware

log = logging.getLogger(__name__)
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
REFUSED = "Forbidden: the Stadtstimme sandbox only answers its own page on this computer."


def own_hosts(host: str, port: int) -> frozenset[str]:
    """The `Host` values that name the sandbox: the configured one and loopback, with the port."""
    configured = f"[{host}]" if ":" in host and not host.startswith("[") else host
    names = (configured, *LOOPBACK_NAMES)
    bare = names if port == 80 else ()  # browsers leave out the default port
    return frozenset(name.lower() for name in (*(f"{n}:{port}" for n in names), *bare))


def same_site_only(host: str, port: int) -> Middleware:
    """Middleware refusing (403) requests for another host or from another site's page."""
    hosts = own_hosts(host, port)
    origins = frozenset(f"http://{name}" for name in hosts)

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        named = request.headers.get(hdrs.HOST, "").lower()
        origin = request.headers.get(hdrs.ORIGIN)
        if (
            named not in hosts
            or (origin is not None and origin.lower() not in origins)
            or not _same_site_fetch(request)
            or (request.path.startswith("/bot") and request.method != hdrs.METH_POST)
        ):
            log.warning("sandbox: refused %s %s (Host %r, Origin %r)",
                        request.method, request.path, named, origin)  # fmt: skip
            return web.Response(status=403, text=REFUSED)
        return await handler(request)

    return guard


def _same_site_fetch(request: web.Request) -> bool:
    """A browser's own word on where the request comes from; absent outside browsers."""
    return request.headers.get("Sec-Fetch-Site", "same-origin") in ("same-origin", "none")

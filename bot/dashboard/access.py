"""What a dashboard route is and who may open it: the kinds the route table and the checks share."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum

from aiohttp import web


class Access(StrEnum):
    """Who may open a route; admins may open every one."""

    PUBLIC = "public"  # login pages and static files: no session needed
    STAFF = "staff"  # any staff role
    MODERATOR = "moderator"
    EDITOR = "editor"
    ADMIN = "admin"


def allows(access: Access, role: str | None) -> bool:
    """Whether a person with `role` (None: no staff role) may use a route."""
    if access == Access.PUBLIC:
        return True
    if role is None:
        return False
    return access == Access.STAFF or role in {access.value, "admin"}


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    handler: Handler
    access: Access

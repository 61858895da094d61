"""Admins give, change and take staff roles: the service the chat's /staff and the CLI's
`stadtstimme staff` use (its rules: nobody changes their own role, ADMIN_IDS stay admins;
every change audited). The person's next request is checked against the new role."""

from __future__ import annotations

from typing import Literal

from aiohttp import web

from bot.dashboard.pages.staff import roster
from bot.dashboard.security import DB, VISITOR, dashboard_of
from bot.services.staff import MAX_TELEGRAM_ID, StaffError, StaffService

# Why a change on the staff page did nothing: the service's codes, and "not_staff" for
# removing someone who has no role.
Problem = Literal["fixed", "id", "role", "self", "not_staff"]


def _service(request: web.Request) -> StaffService:
    dashboard = dashboard_of(request)
    return StaffService(request[DB], dashboard.settings.admin_ids, dashboard.clock)


def _telegram_id(text: str) -> int | None:
    """A Telegram user id typed into the form (digits only); None for anything else."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) < MAX_TELEGRAM_ID:
        return None
    return int(text)


async def _refused(request: web.Request, problem: Problem) -> web.StreamResponse:
    await request[DB].rollback()
    return await roster(request, problem=problem)


async def give(request: web.Request) -> web.StreamResponse:
    """Add a staff member or change a role (form: telegram_id, role)."""
    form = await request.post()
    person = _telegram_id(str(form.get("telegram_id", "")))
    if person is None:
        return await _refused(request, "id")
    role = str(form.get("role", ""))
    try:
        await _service(request).set_role(person, role, actor=request[VISITOR].telegram_id)
    except StaffError as error:
        return await _refused(request, error.code)
    raise web.HTTPSeeOther(f"/staff?changed={person}")


async def take(request: web.Request) -> web.StreamResponse:
    """Take a person's role away (the form's confirmation ticked)."""
    person = int(request.match_info["telegram_id"])
    if (await request.post()).get("confirm") != "yes":
        raise web.HTTPSeeOther("/staff")  # nothing ticked, nothing done
    try:
        before = await _service(request).remove(person, actor=request[VISITOR].telegram_id)
    except StaffError as error:
        return await _refused(request, error.code)
    if before is None:
        return await _refused(request, "not_staff")
    raise web.HTTPSeeOther(f"/staff?removed={person}")

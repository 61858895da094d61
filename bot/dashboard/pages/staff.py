"""Admins: the staff with their roles, the audit log with filters and its CSV download."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from urllib.parse import urlencode

from aiohttp import web

from bot.dashboard import sorting
from bot.dashboard.pages.render import downloaded, page
from bot.dashboard.security import DB, VISITOR, dashboard_of
from bot.services import audit, tabular
from bot.services.audit import AuditAction
from bot.services.staff import StaffService
from db.models import StaffAudit

AUDIT_COLUMNS = ("time_utc", "actor", "action", "target", "before", "after")
PAGE_SIZE = 50  # audit entries per page; the CSV holds every one the filters match


SORT_KEYS: dict[str, sorting.Key[StaffAudit]] = {
    "time": lambda entry: entry.created_at,
    "who": lambda entry: audit.actor_label(entry.actor),
    "action": lambda entry: entry.action,
    "target": lambda entry: entry.target,
}
ROLE_NAMES = {"admin": "Admin", "editor": "Editor", "moderator": "Moderator"}  # msgids


async def roster(request: web.Request, problem: str | None = None) -> web.StreamResponse:
    """Everyone with a role, the forms to change roles, and what the last change did."""
    dashboard, visitor = dashboard_of(request), request[VISITOR]
    staff = StaffService(request[DB], dashboard.settings.admin_ids, dashboard.clock)
    rows = await staff.roster()
    changed = next((r for r in rows if str(r.telegram_id) == request.query.get("changed")), None)
    removed = request.query.get("removed", "")
    return page(
        request, "staff.html", status=400 if problem else 200, rows=rows, problem=problem,
        changed=changed, removed=removed if removed.isascii() and removed.isdigit() else None,
        role_names=ROLE_NAMES, fixed=dashboard.settings.admin_ids, me=visitor.telegram_id,
    )  # fmt: skip


def _filters(request: web.Request) -> tuple[AuditAction | None, date | None, bool]:
    """The chosen action and start day; False when one of them is not understood."""
    action_text, since_text = (request.query.get(n, "").strip() for n in ("action", "since"))
    try:
        action = AuditAction(action_text) if action_text else None
        since = date.fromisoformat(since_text) if since_text else None
    except ValueError:
        return None, None, False
    return action, since, True


async def _entries(request: web.Request) -> tuple[Sequence[StaffAudit], bool]:
    action, since, valid = _filters(request)
    start = datetime.combine(since, datetime.min.time(), UTC) if since else None
    return await audit.entries(request[DB], since=start, action=action), valid


def _page_number(request: web.Request, pages: int) -> int:
    """`?page=` (from 1) within the pages there are; anything else is the first."""
    asked = request.query.get("page", "")
    number = int(asked) if asked.isascii() and asked.isdigit() else 1
    return min(max(number, 1), pages)


async def log(request: web.Request) -> web.StreamResponse:
    entries, valid = await _entries(request)
    order = sorting.order_of(request, tuple(SORT_KEYS))
    # The link's query is built from the parsed values: a "#" or "&" in one stays inside it.
    chosen = {n: request.query.get(n, "") for n in ("action", "since")}
    pages = max(1, -(-len(entries) // PAGE_SIZE))
    number = _page_number(request, pages)
    # Previous/next keep the filters and the order: the same query with another page.
    kept = {
        **order.kept,
        **({"sort": order.column, "dir": order.direction} if order.column else {}),
    }
    arranged = sorting.arranged(entries[::-1], order, SORT_KEYS)
    return page(
        request, "audit.html", status=200 if valid else 400, order=order,
        entries=arranged[(number - 1) * PAGE_SIZE : number * PAGE_SIZE], actions=list(AuditAction),
        valid=valid, actor_label=audit.actor_label, total=len(entries), page_number=number,
        pages=pages, page_link=lambda n: urlencode({**kept, "page": n}),
        chosen=chosen, download_query=urlencode({n: v for n, v in chosen.items() if v}),
    )  # fmt: skip


async def download(request: web.Request) -> web.StreamResponse:
    """The filtered log as CSV (times in UTC), itself logged before it is handed out."""
    dashboard = dashboard_of(request)
    entries, valid = await _entries(request)
    if not valid:
        raise web.HTTPBadRequest(text="400: action or since not understood")
    await audit.record_export(
        request[DB], dashboard.clock, actor=request[VISITOR].telegram_id,
        action=AuditAction.EXPORT_AUDIT, target="audit",
        details={"filters": dict(request.query), "rows": len(entries)},
    )  # fmt: skip
    rows = [
        [entry.created_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
         audit.actor_label(entry.actor), entry.action, entry.target, entry.before or "",
         entry.after or ""]
        for entry in entries
    ]  # fmt: skip
    return downloaded(tabular.to_csv(tabular.Sheet("audit", AUDIT_COLUMNS, rows)), "audit.csv")

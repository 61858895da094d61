"""Ideas: the queue with filters, one idea with its history, decisions, the CSV/XLSX downloads."""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlencode

from aiohttp import web

from bot.dashboard import sorting
from bot.dashboard.pages.render import downloaded, page
from bot.dashboard.security import DB, VISITOR, dashboard_of
from bot.presentation.map_links import openstreetmap as map_link
from bot.services import audit, tabular
from bot.services.audit import AuditAction
from bot.services.ideas import export as idea_export
from bot.services.ideas import staff_view
from bot.services.ideas.decisions import decide_for_author
from bot.services.ideas.lifecycle import IdeaError, photos_of
from bot.services.ideas.moderation import DECLINE_REASONS, Decision
from bot.services.vocabulary import IdeaStatus

FILTERS = ("status", "topic", "district", "language")
IdeaRow = dict[str, object]


def _reference_number(row: IdeaRow) -> tuple[int, ...]:
    """I-2026-12 before I-2026-100: the reference's numbers, not its characters."""
    return tuple(int(part) for part in str(row["reference"]).split("-")[1:])


def _field(name: str) -> sorting.Key[IdeaRow]:
    return lambda row: row[name]


SORT_KEYS: dict[str, sorting.Key[IdeaRow]] = {
    "reference": _reference_number,
    **{
        name: _field(name)
        for name in ("status", "topic", "district", "language", "text", "supports")
    },
}


def cell(value: object) -> tabular.Cell:
    return value if isinstance(value, int | float | str) else str(value)


def chosen(request: web.Request) -> dict[str, str]:
    """The queue's filters from the query string; empty ones left out."""
    return {name: value for name in FILTERS if (value := request.query.get(name, "").strip())}


def matching(rows: list[dict[str, object]], filters: dict[str, str]) -> list[dict[str, object]]:
    """Rows whose topic, district and language are the chosen ones (status: in the query)."""
    rest = {name: value for name, value in filters.items() if name != "status"}
    return [row for row in rows if all(str(row[name]) == value for name, value in rest.items())]


def status_of(filters: dict[str, str]) -> IdeaStatus | None:
    """The chosen status; ValueError for one that does not exist."""
    value = filters.get("status")
    return IdeaStatus(value) if value else None


async def filtered(request: web.Request) -> list[dict[str, object]]:
    filters = chosen(request)
    try:
        status = status_of(filters)
    except ValueError:
        return []  # no idea has a status that does not exist
    return matching(await idea_export.rows(request[DB], status=status), filters)


async def queue(request: web.Request) -> web.StreamResponse:
    order = sorting.order_of(request, tuple(SORT_KEYS))
    rows = sorting.arranged(await filtered(request), order, SORT_KEYS)
    filters = chosen(request)
    # Built from the parsed values, so a "#" or "&" in one cannot cut the download link short.
    return page(request, "ideas.html", rows=rows, filters=filters, order=order,
                statuses=idea_export.STATUSES, download_query=urlencode(filters))  # fmt: skip


async def download(request: web.Request) -> web.StreamResponse:
    return await _exported(request, "csv")


async def download_xlsx(request: web.Request) -> web.StreamResponse:
    return await _exported(request, "xlsx")


async def _exported(request: web.Request, form: Literal["csv", "xlsx"]) -> web.StreamResponse:
    """The queue as CSV or XLSX (the CLI export's columns: no author, no staff ids), audited."""
    dashboard, visitor = dashboard_of(request), request[VISITOR]
    filters = chosen(request)
    try:
        status = status_of(filters)
    except ValueError:
        raise web.HTTPBadRequest(text="400: unknown status") from None
    # The CLI's export columns (text_de from the configured provider's stored translations);
    # the audit entry names the filters and the rows actually handed out.
    found = matching(
        await idea_export.rows(
            request[DB], status=status, provider=dashboard.settings.translate_provider
        ),
        filters,
    )
    await audit.record_export(
        request[DB], dashboard.clock, actor=visitor.telegram_id,
        action=AuditAction.EXPORT_IDEAS, target="ideas",
        details={"status": status, "since": None, "filters": filters, "rows": len(found),
                 "form": form},
    )  # fmt: skip
    cells = [[cell(row[column]) for column in idea_export.COLUMNS] for row in found]
    sheet = tabular.Sheet("ideas", idea_export.COLUMNS, cells)
    body = tabular.to_csv(sheet) if form == "csv" else tabular.to_xlsx(sheet)
    return downloaded(body, f"ideas.{form}")


async def detail(request: web.Request, error: str | None = None) -> web.StreamResponse:
    found = await staff_view.by_reference(request[DB], request.match_info["reference"])
    if found is None:
        raise web.HTTPNotFound(text="404: no such idea")
    return page(request, "idea.html", status=400 if error else 200, item=found, error=error,
                reasons=DECLINE_REASONS, photos=len(photos_of(found.idea)),
                map_link=map_link(found.idea.latitude, found.idea.longitude))  # fmt: skip


async def decide(request: web.Request) -> web.StreamResponse:
    """The chat buttons' decision, from a form: the same service, so both places agree (the
    comment reaches the author in their language, as from the chat)."""
    dashboard, visitor = dashboard_of(request), request[VISITOR]
    found = await staff_view.by_reference(request[DB], request.match_info["reference"])
    if found is None:
        raise web.HTTPNotFound(text="404: no such idea")
    form = await request.post()

    def field(name: str) -> str | None:
        value = form.get(name)
        return value.strip() or None if isinstance(value, str) else None

    decision = Decision(
        action=field("action") or "", staff_id=visitor.telegram_id, reason=field("reason"),
        comment=field("comment"), department=field("department"),
    )  # fmt: skip
    try:
        await decide_for_author(
            request[DB], dashboard.clock, dashboard.translator, found.idea.id, decision,
            dashboard.texts.idea_notice, dashboard.settings.default_language,
            card=dashboard.texts.idea_card,
        )  # fmt: skip
    except IdeaError as error:
        await request[DB].rollback()
        return await detail(request, error=error.code)
    raise web.HTTPSeeOther(f"/ideas/{found.idea.reference}")

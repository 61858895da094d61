"""Polls: the list, one poll's results with breakdowns (cells < 5 hidden), close early, files."""

from __future__ import annotations

from aiohttp import web
from babel.numbers import format_percent

from bot.dashboard import sorting
from bot.dashboard.charts import bar_chart
from bot.dashboard.pages.render import downloaded, language, page
from bot.dashboard.security import DB, VISITOR, dashboard_of
from bot.services import tabular
from bot.services.polls import closing, publishing
from bot.services.polls import results as poll_results
from bot.services.polls.input import PollError
from bot.services.polls.results import Results
from db.models import Poll

CLOSABLE = ("open", "scheduled")
PollRow = tuple[Poll, str, int]
SORT_KEYS: dict[str, sorting.Key[PollRow]] = {
    "id": lambda row: row[0].id,
    "status": lambda row: row[0].status,
    "closes": lambda row: row[0].closes_at,
    "question": lambda row: row[1],
    "votes": lambda row: row[2],
}


async def listing(request: web.Request) -> web.StreamResponse:
    order = sorting.order_of(request, tuple(SORT_KEYS))
    rows = sorting.arranged(await poll_results.overview(request[DB]), order, SORT_KEYS)
    return page(request, "polls.html", rows=rows, order=order)


async def _poll(request: web.Request) -> Poll:
    found = await poll_results.get_poll(request[DB], int(request.match_info["poll_id"]))
    if found is None:
        raise web.HTTPNotFound(text="404: no such poll")
    return found


async def _handed_out(request: web.Request, form: str) -> Results:
    """The results, logged as an export (as the chat's results button and the CLI do)."""
    dashboard = dashboard_of(request)
    return await poll_results.export(
        request[DB], dashboard.clock, await _poll(request), dashboard.settings.default_language,
        actor=request[VISITOR].telegram_id, form=form,
    )  # fmt: skip


async def results(
    request: web.Request, error: str | None = None, push_error: str | None = None
) -> web.StreamResponse:
    found = await _handed_out(request, "dashboard")
    counts, _voters = publishing.shown_totals(found)
    return page(
        request, "poll.html", status=400 if error or push_error else 200, found=found,
        error=error, push_error=push_error, pushed=request.query.get("pushed") == "1",
        closable=found.poll.status in CLOSABLE, cells=poll_results.by_segment(found),
        hidden=poll_results.HIDDEN, chart=bar_chart, chart_counts=counts,
        shares=shares(found, language(request)),
    )  # fmt: skip


def shares(found: Results, lang: str) -> list[str]:
    """Each option's exact share of everyone who voted, as the staff's language writes it (in
    a multiple-choice poll they add up to more than 100 %)."""
    if not found.voters:
        return ["—"] * len(found.options)
    return [
        # One decimal at most (60 %, 57.1 %), in the locale's own pattern.
        format_percent(round(count / found.voters, 3), locale=lang, decimal_quantization=False)
        for count in found.totals
    ]


async def download(request: web.Request) -> web.StreamResponse:
    """The results as CSV or XLSX: the same sheets as `stadtstimme polls results`."""
    form = request.match_info["form"]
    found = await _handed_out(request, form)
    sheets = poll_results.sheets(found)
    body = tabular.to_csv(sheets[0]) if form == "csv" else tabular.to_xlsx(*sheets)
    return downloaded(body, f"poll-{found.poll.id}-results.{form}")


async def close(request: web.Request) -> web.StreamResponse:
    """Close early: the chat's and the CLI's service (stops queued, results pushed if asked)."""
    dashboard, poll = dashboard_of(request), await _poll(request)
    form = await request.post()
    try:
        await closing.close(
            request[DB], dashboard.clock, poll.id, dashboard.settings.poll_key,
            dashboard.texts.poll_results, actor=request[VISITOR].telegram_id,
            push_results=form.get("push") == "yes",
        )  # fmt: skip
    except PollError as error:
        await request[DB].rollback()
        return await results(request, error=error.code)
    raise web.HTTPSeeOther(f"/polls/{poll.id}")


async def push(request: web.Request) -> web.StreamResponse:
    """A closed poll's results to its voters, once (the closing's own message and service)."""
    dashboard, poll = dashboard_of(request), await _poll(request)
    try:
        await closing.push_results(
            request[DB], dashboard.clock, poll.id, dashboard.settings.poll_key,
            dashboard.texts.poll_results, actor=request[VISITOR].telegram_id,
        )  # fmt: skip
    except PollError as error:
        await request[DB].rollback()
        return await results(request, push_error=error.code)
    raise web.HTTPSeeOther(f"/polls/{poll.id}?pushed=1")


async def publish(request: web.Request) -> web.StreamResponse:
    """Show a closed poll's results on its public page ("public" = yes) or withdraw them."""
    dashboard, poll = dashboard_of(request), await _poll(request)
    form = await request.post()
    try:
        await publishing.set_public(
            request[DB], dashboard.clock, poll.id, form.get("public") == "yes",
            actor=request[VISITOR].telegram_id,
        )  # fmt: skip
    except PollError as error:
        await request[DB].rollback()
        return await results(request, error=error.code)
    raise web.HTTPSeeOther(f"/polls/{poll.id}")

"""The overview: residents, activity, work waiting, messages queued, new residents per week."""

from __future__ import annotations

from aiohttp import web
from babel.dates import format_skeleton

from bot.dashboard.charts import column_chart
from bot.dashboard.pages.render import language, page
from bot.dashboard.security import DB, dashboard_of
from bot.services.overview import overview


async def page_view(request: web.Request) -> web.StreamResponse:
    dashboard = dashboard_of(request)
    figures = await overview(request[DB], dashboard.clock, dashboard.settings.zone)
    lang = language(request)
    # Each week by its Monday, day and month as the staff's language writes them (7.12. / 12/7).
    weeks = [format_skeleton("dM", monday, locale=lang) for monday, _count in figures.new_per_week]
    return page(request, "overview.html", figures=figures, chart=column_chart, weeks=weeks)

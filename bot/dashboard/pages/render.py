"""Rendering a page: the visitor's language (German or English), the template, the CSRF token."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiohttp import web

from bot.config import LANGUAGES
from bot.dashboard.security import VISITOR
from bot.dashboard.state import UI_LANGUAGES, Dashboard, dashboard_of
from bot.i18n import RTL_LANGUAGES
from bot.keyboards.ideas import action_label, place_label, reason_label, status_label
from bot.keyboards.profile import topic_label
from bot.presentation.statuses import meeting_status_label, poll_status_label


def language(request: web.Request, offered: tuple[str, ...] = UI_LANGUAGES) -> str:
    """`?lang=` if offered, else the browser's first offered preference, else German.

    Staff pages offer German and English; the public pages all ten languages."""
    asked = request.query.get("lang")
    if asked in offered:
        return asked
    for part in request.headers.get("Accept-Language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in offered:
            return code
    return "de"


def public_language(request: web.Request) -> str:
    """A public page's language: any of the ten."""
    return language(request, LANGUAGES)


FILE_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
    "png": "image/png",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def downloaded(body: bytes, filename: str) -> web.Response:
    """A file to save (CSV, XLSX, PNG), never shown inline."""
    headers = {
        "Content-Type": FILE_TYPES[filename.rsplit(".", 1)[1]],
        "Content-Disposition": f'attachment; filename="{filename}"',
    }
    return web.Response(body=body, headers=headers)


def page(
    request: web.Request, template: str, status: int = 200, lang: str | None = None,
    **context: Any,
) -> web.Response:  # fmt: skip
    """A rendered template as an HTML response (`lang`: the page's language if not the staff's)."""
    dashboard: Dashboard = dashboard_of(request)
    lang = lang or language(request)
    translations = dashboard.translations[lang]
    visitor = request.get(VISITOR)
    zone = dashboard.settings.zone

    def when(moment: datetime | None) -> str:
        """A stored UTC time as the city's local 'YYYY-MM-DD HH:MM'."""
        return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M") if moment else "—"

    gettext = translations.gettext
    # The chat's own words for an idea's status, topic, place, decisions and decline reasons,
    # and for poll and meeting statuses.
    labels = {
        "topic_label": lambda topic: topic_label(topic, gettext),
        "place_label": lambda place: place_label(place, gettext),
        "status_label": lambda status: status_label(status, gettext),
        "action_label": lambda action: action_label(action, gettext),
        "reason_label": lambda reason: reason_label(reason, gettext),
        "poll_status_label": lambda status: poll_status_label(status, gettext),
        "meeting_status_label": lambda status: meeting_status_label(status, gettext),
    }
    html = dashboard.templates.get_template(template).render(
        _=gettext, ngettext=translations.ngettext, lang=lang, visitor=visitor, **labels,
        direction="rtl" if lang in RTL_LANGUAGES else "ltr",
        csrf=visitor.csrf if visitor else "", when=when, **context,
    )  # fmt: skip
    return web.Response(text=html, status=status, content_type="text/html")

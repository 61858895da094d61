"""The dashboard's aiohttp application: dependencies, templates, routes and their checks."""

from __future__ import annotations

from pathlib import Path

import jinja2
from aiohttp import web
from babel.support import Translations
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import LANGUAGES, Settings
from bot.dashboard.routes import routes
from bot.dashboard.security import checks, security_headers
from bot.dashboard.state import DASHBOARD, Dashboard, Renderers
from bot.dashboard.telegram_photos import PHOTO_MAX, PhotoUpload
from bot.i18n import DOMAIN, locales_dir
from bot.services.clock import Clock
from bot.services.translation.engine import Translator

HERE = Path(__file__).resolve().parent


def templates() -> jinja2.Environment:
    """Server-rendered pages; every value escaped unless a template says otherwise."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined,
    )  # fmt: skip


def build_app(
    settings: Settings, clock: Clock, session_factory: async_sessionmaker[AsyncSession],
    texts: Renderers, translator: Translator | None = None,
    photo_upload: PhotoUpload | None = None, bot_token: str | None = None,
) -> web.Application:  # fmt: skip
    """The dashboard as an aiohttp application (served alone, by the bot or by the sandbox)."""
    table = routes()
    dashboard = Dashboard(
        settings, clock, session_factory, texts, translator, templates(),
        # Staff pages in German or English; the public pages in every language.
        {lang: Translations.load(locales_dir(), [lang], DOMAIN) for lang in LANGUAGES},
        {route.handler: route for route in table}, photo_upload, bot_token,
    )  # fmt: skip
    # Room for an announcement's photo (Telegram takes up to 10 MB) and the form around it.
    app = web.Application(middlewares=[security_headers, checks], client_max_size=PHOTO_MAX + 2**20)
    app[DASHBOARD] = dashboard
    for route in table:
        app.router.add_route(route.method, route.path, route.handler)
    app.router.add_static("/static", HERE / "static")
    return app

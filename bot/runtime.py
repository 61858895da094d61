"""What one running process needs, created once at start-up: settings, engine, catalogs, clock.

Below the app wiring: the sender, the scheduler, the runner and the CLI take a `Runtime` without
importing `bot.app` (which builds the Dispatcher and so loads every handler).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.utils.i18n import I18n
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.api_session import JsonSession
from bot.config import Settings
from bot.i18n import build_i18n
from bot.ops.metrics import Metrics
from bot.ops.server import Health
from bot.services.clock import Clock, SystemClock
from bot.services.translation.engine import Translator
from bot.translation import build_translator
from db.session import create_engine, create_session_factory


@dataclass
class Runtime:
    """Everything one running bot needs, created once at start-up."""

    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    i18n: I18n
    clock: Clock = field(default_factory=SystemClock)
    # This process's metrics registry and what /readyz says (bot/ops).
    metrics: Metrics = field(default_factory=Metrics)
    health: Health = field(default_factory=Health)
    # TRANSLATE_PROVIDER's client; None: nothing is sent anywhere to be translated.
    translator: Translator | None = None


def create_runtime(
    settings: Settings, clock: Clock | None = None, i18n: I18n | None = None
) -> Runtime:
    """Engine, session factory and catalogs for these settings (or the catalogs given, already
    loaded: the tests start hundreds of bots in one process)."""
    engine = create_engine(settings.database_url, pool_size=settings.db_pool_size)
    return Runtime(
        settings=settings,
        engine=engine,
        session_factory=create_session_factory(engine),
        i18n=i18n or build_i18n(settings.default_language),
        clock=clock or SystemClock(),
        translator=build_translator(settings),
    )


def build_bot(settings: Settings, token: str) -> Bot:
    """A Bot talking to TELEGRAM_API_URL, HTML parse mode by default."""
    session = JsonSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    return Bot(token, session=session, default=DefaultBotProperties(parse_mode="HTML"))

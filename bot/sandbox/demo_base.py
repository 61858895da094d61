"""What demo seeders share: their context, the demo people and chats, the demo label."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiogram.utils.i18n import I18n
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.sandbox.webchat_directory import GroupChat, Resident
from bot.services.clock import Clock

# Starts every demo text, so nobody mistakes demo content for a real resident's words.
DEMO_LABEL = "[Demo]"
# Demo people have ids below the residents you add (700001, 700002, …).
DEMO_STAFF = Resident(690_001, "Mira (demo staff, admin)", "de", demo=True)
DEMO_YOUTH = (
    Resident(690_002, "Deniz (demo)", "tr", demo=True),
    Resident(690_003, "Lina (demo)", "ar", demo=True),
)
STAFF_CHAT_ID = -1_001_000_000_001
STAFF_TITLE = "Stadtstimme staff (demo)"
YOUTH_GROUP = GroupChat(-1_001_000_000_002, "Jugendtreff Hochfeld (demo group)", "group")


@dataclass(frozen=True)
class DemoContext:
    """What a seeder may use."""

    session_factory: async_sessionmaker[AsyncSession]
    clock: Clock
    settings: Settings
    staff_id: int  # the demo staff member (an admin in the sandbox) who "decided" things
    i18n: I18n  # the bot's catalogs, for the messages a seeded item sends (e.g. to the group)


Seeder = Callable[[DemoContext], Awaitable[int]]

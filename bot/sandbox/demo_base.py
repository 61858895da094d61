"""What demo seeders share: their context and the label that marks demo content."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.services.clock import Clock

# Starts every demo text, so nobody mistakes demo content for a real resident's words.
DEMO_LABEL = "[Demo]"


@dataclass(frozen=True)
class DemoContext:
    """What a seeder may use."""

    session_factory: async_sessionmaker[AsyncSession]
    clock: Clock
    settings: Settings
    staff_id: int  # the demo staff member (an admin in the sandbox) who "decided" things


Seeder = Callable[[DemoContext], Awaitable[int]]

"""What the `announce` and `campaigns` commands share: names, time format, a ready database."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.exits import fail
from bot.config import Settings
from bot.services.audience import Audience
from db import migrate
from db.models import CampaignStatus
from db.session import create_engine, create_session_factory

if TYPE_CHECKING:
    from bot.runtime import Runtime

# The names on Duisburg's signs for the district codes of bot/services/profile.py.
DISTRICT_NAMES = {
    "walsum": "Walsum",
    "hamborn": "Hamborn",
    "meiderich-beeck": "Meiderich/Beeck",
    "homberg-ruhrort-baerl": "Homberg/Ruhrort/Baerl",
    "mitte": "Mitte",
    "rheinhausen": "Rheinhausen",
    "sued": "Süd",
    "outside": "outside Duisburg",
    "undisclosed": "district not given",
}
FINISHED = (CampaignStatus.DONE, CampaignStatus.CANCELLED)
# The CLI operator has no Telegram id; campaigns created from the shell record this one.
CLI_OPERATOR = 0
PREVIEW = 300
INTERRUPTED = 130  # the shell's status for Ctrl+C
RUN = "`stadtstimme run` (or `stadtstimme sender`)"


def district_code(value: str) -> str:
    """Reduce 'Homberg / Ruhrort / Baerl', 'SÜD', 'meiderich-beeck' to the stored code form."""
    folded = value.strip().casefold().replace("ü", "ue")
    return re.sub(r"[\s/_-]+", "-", folded).strip("-")


def local(moment: datetime | None, settings: Settings) -> str:
    """A UTC timestamp as 'YYYY-MM-DD HH:MM' in the configured time zone."""
    return moment.astimezone(settings.zone).strftime("%Y-%m-%d %H:%M") if moment else "—"


def audience_summary(audience: Audience) -> str:
    """One line for operators: the filters used, or everyone."""
    parts = []
    if audience.districts:
        names = sorted(DISTRICT_NAMES[code] for code in audience.districts)
        parts.append("districts " + ", ".join(names))
    if audience.age_groups:
        parts.append("age groups " + ", ".join(sorted(audience.age_groups)))
    if audience.topics:
        parts.append("topics " + ", ".join(sorted(audience.topics)))
    if audience.languages:
        parts.append("reading " + ", ".join(sorted(audience.languages)))
    return "; ".join(parts) or "everyone who wants announcements"


@asynccontextmanager
async def opened(settings: Settings) -> AsyncIterator[Runtime]:
    """A runtime on a ready database (SQLite migrated, PostgreSQL checked), disposed after."""
    # Imported here: aiogram takes seconds to import, and every command loads this module.
    from bot.runner import StartupError, prepare_database
    from bot.runtime import create_runtime

    runtime = create_runtime(settings)
    try:
        try:
            await prepare_database(runtime)
        except StartupError as error:
            raise fail(str(error)) from None
        yield runtime
    finally:
        await runtime.engine.dispose()


@asynccontextmanager
async def database_session(settings: Settings) -> AsyncIterator[AsyncSession]:
    """One session on a ready database, without loading aiogram (list, show, cancel)."""
    engine = create_engine(settings.database_url)
    try:
        # Same rule as `run` (bot.runner.prepare_database, which would import aiogram).
        if settings.is_sqlite:
            await migrate.upgrade(engine)
        elif not await migrate.is_up_to_date(engine):
            raise fail(
                "the database schema is behind this version: run `stadtstimme db upgrade` first"
            )
        async with create_session_factory(engine)() as opened_session:
            yield opened_session
    finally:
        await engine.dispose()


def run_db(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run database work; None after Ctrl+C, one line if the database can't be reached."""
    # Not bot.cli.run_async: it imports bot.runner (and so aiogram) just to catch StartupError.
    try:
        return asyncio.run(coroutine)
    except KeyboardInterrupt:
        return None
    except OSError as error:
        raise fail(f"cannot reach the database: {error.strerror or error}") from None
    except DBAPIError as error:
        reason = str(error.orig or error).strip().splitlines()[0]
        raise fail(f"cannot use the database: {reason}") from None

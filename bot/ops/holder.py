"""Is a bot using this database now? Every bot process runs a sender and renews the sender lease
every 2 s; a stopped one releases it. `db restore` and `db copy` refuse while it is held."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from db.models import SenderLease
from db.session import create_engine


async def running_bot_until(database_url: str) -> datetime | None:
    """When the active sender's lease ends, if a bot holds it now (None: no bot runs)."""
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            until = await connection.scalar(select(SenderLease.expires_at))
    except DBAPIError:  # no such table: an empty or foreign database
        return None
    finally:
        await engine.dispose()
    return until if until is not None and until > datetime.now(UTC) else None

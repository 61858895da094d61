"""Two bot processes on one database, and a pause that widens the window a race needs.

Each "process" is an engine of its own: its own connections, and its own in-process SQLite
write turns (db/sqlite_writes.py), so only the database's own locks stand between them, as
between two webhook workers or the CLI and the bot.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.util import await_only

from bot.presentation.meetings import notice_renderer
from bot.services.meetings import lifecycle as meetings
from bot.services.meetings.lifecycle import MeetingInput, NoticeRenderer
from db.models import MeetingRegistration, OutboxMessage, User
from db.session import create_engine, create_session_factory
from tests.db.support import FixedClock
from tests.loaded_once import catalogs

NOW = datetime(2026, 11, 20, 9, tzinfo=UTC)
STARTS = datetime(2026, 12, 3, 17, tzinfo=UTC)
Sessions = async_sessionmaker[AsyncSession]


@dataclass
class Process:
    """One bot process: its engine and its sessions."""

    engine: AsyncEngine
    sessions: Sessions


@asynccontextmanager
async def two_processes(database_url: str) -> AsyncIterator[tuple[Process, Process]]:
    engines = [create_engine(database_url) for _ in range(2)]
    try:
        first, second = (Process(e, create_session_factory(e)) for e in engines)
        yield first, second
    finally:
        for engine in engines:
            await engine.dispose()


def pause_before(engine: AsyncEngine, prefix: str, seconds: float) -> asyncio.Event:
    """Before each statement starting with `prefix`, let the loop run others for a while.

    A process can always be descheduled between reading a count and writing what it decided;
    the pause makes that happen every time instead of now and then. Set once reached.
    """
    reached = asyncio.Event()

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith(prefix.upper()):
            reached.set()
            await_only(asyncio.sleep(seconds))

    event.listen(engine.sync_engine, "before_cursor_execute", before)
    return reached


def renderer() -> NoticeRenderer:
    return notice_renderer(catalogs("de"), STARTS.tzinfo)  # type: ignore[arg-type]


async def meeting_with(sessions: Sessions, capacity: int, people: int) -> tuple[int, list[int]]:
    """A published meeting and `people` residents (user ids, in creation order)."""
    data = MeetingInput(
        title={"de": "Bürgerforum Hamborn"}, district="hamborn", venue="Rathaus Hamborn",
        address="Duisburger Str. 213, 47166 Duisburg", starts=STARTS,
        ends=STARTS + timedelta(hours=2), capacity=capacity,
    )  # fmt: skip
    async with sessions() as session:
        users = [User(telegram_id=7000 + n, language="de") for n in range(people)]
        session.add_all(users)
        meeting = await meetings.create(session, FixedClock(NOW), data, created_by=0)
        await meetings.publish(session, FixedClock(NOW), meeting, renderer(), "de", actor=0)
        await session.commit()
        return meeting.id, [user.id for user in users]


async def standing(sessions: Sessions, meeting_id: int) -> dict[str, list[int]]:
    """status → user ids, each list in waiting-list order (since, then id)."""
    async with sessions() as session:
        query = (
            select(MeetingRegistration)
            .where(MeetingRegistration.meeting_id == meeting_id)
            .order_by(MeetingRegistration.since, MeetingRegistration.id)
        )
        found: dict[str, list[int]] = {}
        for row in (await session.execute(query)).scalars():
            found.setdefault(row.status, []).append(row.user_id)
        return found


async def told_promoted(sessions: Sessions) -> list[int]:
    """Telegram ids of the people queued a "you moved up" notice, oldest first."""
    async with sessions() as session:
        query = select(OutboxMessage).where(OutboxMessage.dedupe_key.like("%:promoted:%"))
        rows = (await session.execute(query.order_by(OutboxMessage.id))).scalars()
        return [row.chat_id for row in rows]

"""SQLite: a tap waits for another process that is taking the last place, then joins the
waiting list: the places are counted only once the database's write lock is held."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import time
from pathlib import Path

from bot.services.meetings import registration as meeting_registration
from db.models import User
from db.session import create_engine, create_session_factory
from tests.db.race_support import NOW, meeting_with, standing
from tests.db.support import FixedClock


async def test_a_tap_waits_for_another_process_taking_the_last_place(
    tmp_path: Path, sqlite_template: Path
) -> None:
    path = shutil.copy(sqlite_template, tmp_path / "bot.db")
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    sessions = create_session_factory(engine)
    other = sqlite3.connect(path, isolation_level=None)  # the CLI, another bot process …
    try:
        meeting_id, (first, second) = await meeting_with(sessions, capacity=1, people=2)
        # The other process takes the last place and commits 0.3 s later.
        other.execute("BEGIN IMMEDIATE")
        other.execute(
            "INSERT INTO meeting_registrations (meeting_id, user_id, status, remind, since) "
            "VALUES (?, ?, 'registered', '1d,2h', '2026-11-20 09:00:00.000000')",
            (meeting_id, first),
        )
        asyncio.get_running_loop().call_later(0.3, other.execute, "COMMIT")
        started = time.monotonic()
        async with sessions() as session:
            user = await session.get(User, second)
            assert user is not None
            answer = await meeting_registration.register(session, FixedClock(NOW), user, meeting_id)
        waited = time.monotonic() - started
        seats = await standing(sessions, meeting_id)
    finally:
        other.close()
        await engine.dispose()
    assert answer == "waiting"
    assert seats == {"registered": [first], "waiting": [second]}
    assert waited >= 0.25  # it waited for the other process instead of failing

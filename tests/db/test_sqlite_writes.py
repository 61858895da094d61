"""SQLite write turns: many updates writing at once never meet SQLite's lock."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select

from db.models import ProcessedUpdate
from db.session import create_engine, create_session_factory


def _no_busy_wait(dbapi_connection: Any, _record: Any) -> None:
    # A writer that meets SQLite's lock fails at once instead of sleeping in the busy handler.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=0")
    cursor.close()


def copy(template: Path, folder: Path) -> Path:
    path = folder / "bot.db"
    path.write_bytes(template.read_bytes())
    return path


async def test_concurrent_writers_take_turns(tmp_path: Path, sqlite_template: Path) -> None:
    path = copy(sqlite_template, tmp_path)
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    event.listen(engine.sync_engine, "connect", _no_busy_wait)
    sessions = create_session_factory(engine)

    async def handle(update_id: int) -> None:
        async with sessions() as session:
            session.add(ProcessedUpdate(update_id=update_id))
            await session.flush()  # the write: from here this transaction holds SQLite's lock
            await asyncio.sleep(0.001)  # a Bot API call, say, before the commit
            await session.commit()

    try:
        await asyncio.gather(*(handle(n) for n in range(1, 41)))
        async with sessions() as session:
            stored = await session.scalar(select(func.count()).select_from(ProcessedUpdate))
    finally:
        await engine.dispose()
    assert stored == 40  # none failed with "database is locked"

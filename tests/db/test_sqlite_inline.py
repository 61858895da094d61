"""SQLite on the loop's thread: another process's write lock is waited out without stopping it."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

import db.session
from db.models import ProcessedUpdate
from db.session import create_engine, create_session_factory


def locked_by_another_process(template: Path, folder: Path) -> tuple[Path, sqlite3.Connection]:
    """A database whose write lock a separate connection holds (as a CLI import would)."""
    path = folder / "bot.db"
    path.write_bytes(template.read_bytes())
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("BEGIN IMMEDIATE")
    return path, holder


async def ticks_while(task: asyncio.Task[object]) -> int:
    """How often a 10 ms timer fired on the loop until the task ended."""
    ticks = 0
    while not task.done():
        await asyncio.sleep(0.01)
        ticks += 1
    return ticks


async def test_a_write_waits_for_the_lock_while_the_loop_runs_on(
    tmp_path: Path, sqlite_template: Path
) -> None:
    path, holder = locked_by_another_process(sqlite_template, tmp_path)
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    sessions = create_session_factory(engine)

    async def write() -> float:
        started = time.monotonic()
        async with sessions() as session:
            session.add(ProcessedUpdate(update_id=1))
            await session.commit()
        return time.monotonic() - started

    try:
        asyncio.get_running_loop().call_later(0.5, holder.rollback)
        writing = asyncio.create_task(write())
        ticks = await ticks_while(writing)
        waited = await writing
        async with sessions() as session:
            stored = await session.scalar(select(func.count()).select_from(ProcessedUpdate))
    finally:
        holder.close()
        await engine.dispose()
    assert stored == 1
    assert waited >= 0.45  # it did wait for the other connection's lock
    assert ticks >= 20  # ~50 possible: other updates would have been served meanwhile


async def test_a_lock_held_too_long_fails_the_write(
    tmp_path: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db.session, "LOCK_TIMEOUT", 0.3)
    path, holder = locked_by_another_process(sqlite_template, tmp_path)
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    sessions = create_session_factory(engine)
    started = time.monotonic()
    try:
        with pytest.raises(OperationalError, match="database is locked"):
            async with sessions() as session:
                session.add(ProcessedUpdate(update_id=1))
                await session.commit()
    finally:
        holder.close()
        await engine.dispose()
    assert 0.3 <= time.monotonic() - started < 2  # the limit, not SQLite's own 30 s


async def test_autocommit_works_on_the_inline_connection(tmp_path: Path) -> None:
    # SQLAlchemy sets the isolation level through aiosqlite's call queue; ours runs it at once.
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'plain.db'}")
    try:
        async with engine.connect() as connection:
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.execute(text("CREATE TABLE notes (body TEXT)"))
            await autocommit.execute(text("INSERT INTO notes VALUES ('kept')"))
        # No commit was called: the row is there only if each statement committed itself.
        async with engine.connect() as connection:
            bodies = (await connection.execute(text("SELECT body FROM notes"))).scalars().all()
    finally:
        await engine.dispose()
    assert bodies == ["kept"]

"""`stadtstimme db copy` moves an installation from SQLite to PostgreSQL: every table, and a bot
on the new database sees each resident's data exactly as before; it refuses what would lose data.

Runs on the machine's PostgreSQL, in a database of its own (tests/db/copy_support.py).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.ops.copy import CopyError, copy_database, normalise_url
from bot.services.personal_data import rights as personal_data
from db import migrate
from db.models import Campaign, Idea, Meeting, SenderLease, User
from db.session import create_engine, create_session_factory
from tests.db.copy_support import empty_tables, fresh_postgres, plant_everything
from tests.db.personal_data_support import NOW, VOTER_SECRET
from tests.db.support import FixedClock

PEOPLE = (1_000_001, 21_000_001, 5_550_123)


@pytest.fixture
def sqlite_source(tmp_path: Path, sqlite_template: Path) -> str:
    path = tmp_path / "stadtstimme.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


async def _fill(url: str) -> None:
    engine = create_engine(normalise_url(url))
    try:
        async with create_session_factory(engine)() as session:
            people = [
                User(telegram_id=telegram_id, telegram_language="de") for telegram_id in PEOPLE
            ]
            session.add_all(people)
            await session.commit()
            await plant_everything(session, people)
            assert await empty_tables(session) == []  # a row in every table of db/models
    finally:
        await engine.dispose()


async def _what_residents_see(url: str) -> dict[int, dict[str, Any]]:
    """Each resident's /mydata document (profile, ideas, votes, registrations … everything)."""
    engine = create_engine(normalise_url(url))
    try:
        async with create_session_factory(engine)() as session:
            people = (await session.scalars(select(User).order_by(User.telegram_id))).all()
            clock = FixedClock(NOW)
            return {
                person.telegram_id: await personal_data.export(session, clock, person, VOTER_SECRET)
                for person in people
            }
    finally:
        await engine.dispose()


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "DATABASE_URL"}}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "db", "copy", *args],
        env={**env, "COLUMNS": "200"}, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


async def test_copy_to_postgresql_keeps_every_residents_data(sqlite_source: str) -> None:
    await _fill(sqlite_source)
    before = await _what_residents_see(sqlite_source)
    assert len(before) == len(PEOPLE) and all(seen["ideas"] for seen in before.values())
    async with fresh_postgres() as target:
        done = await asyncio.to_thread(_cli, "--from", sqlite_source, "--to", target)
        assert done.returncode == 0, done.stderr
        assert f"migrating the empty target to {migrate.head_revision()}" in done.stdout
        assert "│ users " in done.stdout and "differs" not in done.stdout
        assert "copied " in done.stdout and "point DATABASE_URL at" in done.stdout

        assert await _what_residents_see(target) == before
        # The sequences were set past the copied ids: the bot goes on creating rows.
        engine = create_engine(normalise_url(target))
        async with create_session_factory(engine)() as session:
            highest = await session.scalar(select(func.max(Idea.id)))
            session.add_all([User(telegram_id=77_000_001), Campaign(created_by=1)])
            idea = Idea(
                reference="I-2026-9999", year=2026, number=9999, topic="mobility",
                district="mitte", text="Neu nach dem Umzug", status="published",
            )  # fmt: skip
            session.add(idea)
            await session.commit()
            assert idea.id == (highest or 0) + 1
        await engine.dispose()

        again = await asyncio.to_thread(_cli, "--from", sqlite_source, "--to", target)
        assert again.returncode == 2
        assert "error: the target holds data (" in again.stderr
        assert "copy only into a new, empty database" in again.stderr


async def test_copy_refuses_a_running_source_and_a_target_behind(sqlite_source: str) -> None:
    source_url, head = normalise_url(sqlite_source), migrate.head_revision()
    engine = create_engine(source_url)
    async with create_session_factory(engine)() as session:
        session.add(
            SenderLease(
                name="sender", holder="bot:1", expires_at=datetime.now(UTC) + timedelta(minutes=1)
            )
        )
        session.add(Meeting(title='{"de": "Forum"}', district="mitte", venue="Rathaus",
                            address="Burgplatz 19", starts_at=NOW, ends_at=NOW))  # fmt: skip
        await session.commit()
    async with fresh_postgres() as target:
        target_url = normalise_url(target)
        with pytest.raises(CopyError, match=r"a bot is running on the source .* stop every bot"):
            await copy_database(source_url, target_url)
        async with create_session_factory(engine)() as session:  # the bot stopped
            lease = await session.get(SenderLease, "sender")
            await session.delete(lease)
            await session.commit()
        await engine.dispose()

        behind = create_engine(target_url)
        await migrate.upgrade(behind, "0023")
        await behind.dispose()
        with pytest.raises(CopyError, match=f"has schema 0023, this version needs {head}: run"):
            await copy_database(source_url, target_url)


def test_urls_are_normalised_and_others_refused() -> None:
    assert (
        normalise_url("postgresql://u:pw@db:5432/city") == "postgresql+asyncpg://u:pw@db:5432/city"
    )
    assert normalise_url("postgres://db/city") == "postgresql+asyncpg://db/city"
    assert normalise_url("sqlite:///./stadtstimme.db") == "sqlite+aiosqlite:///./stadtstimme.db"
    with pytest.raises(CopyError, match="expected sqlite:///FILE or postgresql://"):
        normalise_url("mysql://db/city")

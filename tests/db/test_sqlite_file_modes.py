"""The SQLite file and its -wal/-shm hold personal data: only their owner may read them (0600).

SQLite is the only backend with files; PostgreSQL's storage is the server's business.
"""

from __future__ import annotations

import asyncio
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import insert

from db import migrate
from db.models import InfoPage
from db.session import create_engine

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The umask most servers run with: files 0644 unless the bot says otherwise."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def modes(database: Path) -> dict[str, str]:
    """Permission bits of the database and of its -wal/-shm files, where they exist."""
    files = [database, Path(f"{database}-wal"), Path(f"{database}-shm")]
    return {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in files if p.exists()}


async def test_the_bots_engine_creates_private_files(tmp_path: Path) -> None:
    database = tmp_path / "data" / "bot.db"
    database.parent.mkdir()
    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    try:
        await migrate.upgrade(engine)  # what `run` and `db upgrade` do first
        async with engine.begin() as connection:
            await connection.execute(
                insert(InfoPage).values(slug="file-modes", language="de", title="K", body="B")
            )
            # The connection is still open: the -wal and -shm files exist now.
            assert modes(database) == {
                "bot.db": "0o600",
                "bot.db-wal": "0o600",
                "bot.db-shm": "0o600",
            }
    finally:
        await engine.dispose()


def test_alembic_on_its_own_creates_a_private_file(tmp_path: Path) -> None:
    database = tmp_path / "alembic.db"
    # No connection handed in: env.py builds its own engine (`alembic upgrade head`).
    command.upgrade(migrate.alembic_config(f"sqlite+aiosqlite:///{database}"), "head")
    assert modes(database) == {"alembic.db": "0o600"}
    assert asyncio.run(revision_of(database)) == migrate.head_revision()


async def revision_of(database: Path) -> str | None:
    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    try:
        return await migrate.current_revision(engine)
    finally:
        await engine.dispose()


def test_the_cli_creates_a_private_file(tmp_path: Path) -> None:
    database = tmp_path / "cli.db"
    env = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "DATABASE_URL"}}
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "db", "upgrade"],
        env={**env, "PYTHONPATH": str(ROOT), "DATABASE_URL": f"sqlite+aiosqlite:///{database}"},
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert modes(database) == {"cli.db": "0o600"}


async def test_an_existing_file_keeps_the_operators_choice(tmp_path: Path) -> None:
    # Created by the operator (say, group-readable for a backup job): not changed behind them.
    database = tmp_path / "shared.db"
    database.touch(mode=0o640)
    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    try:
        await migrate.upgrade(engine)
    finally:
        await engine.dispose()
    assert modes(database) == {"shared.db": "0o640"}

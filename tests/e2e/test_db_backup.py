"""`stadtstimme db backup` copies a running bot's SQLite database consistently; `db restore`
refuses while a bot holds it and brings the backup's content back once it is stopped."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Settings
from bot.delivery.leadership import leadership
from bot.runtime import create_runtime
from tests.e2e.test_run_process import POLL_SECRET, TOKEN


def cli(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url, "BOT_TOKEN": TOKEN,
           "POLL_SECRET": POLL_SECRET}  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "db", *args],
        env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip


def residents(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("SELECT count(*) FROM users").fetchone()[0])


async def add_residents(database_url: str, first: int, count: int) -> None:
    from db.models import User
    from db.session import create_engine, create_session_factory

    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            session.add_all(User(telegram_id=first + i) for i in range(count))
            await session.commit()
    finally:
        await engine.dispose()


async def test_backup_while_writing_then_restore_only_once_the_bot_is_gone(
    database_url: str, tmp_path: Path
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("the online copy and restore are SQLite's; PostgreSQL uses pg_dump")
    database = Path(database_url.split(":///", 1)[1])
    await add_residents(database_url, 1_000, 200)
    backup = tmp_path / "nightly.db"
    # The bot keeps writing during the copy: the copy holds a consistent state, whole batches.
    writing = asyncio.gather(*(add_residents(database_url, 10_000 + 50 * i, 50) for i in range(20)))
    made = await asyncio.to_thread(cli, database_url, "backup", "--out", str(backup))
    await writing
    assert made.returncode == 0, made.stderr
    assert f"backup written: {backup}" in made.stdout
    copied = residents(backup)
    assert copied >= 200 and (copied - 200) % 50 == 0  # no half-written batch
    assert residents(database) == 1_200
    again = await asyncio.to_thread(cli, database_url, "backup", "--out", str(backup))
    assert again.returncode == 2 and "exists already" in again.stderr

    # A running bot is the active sender: it holds the lease, so no restore under it.
    settings = Settings(_env_file=None, database_url=database_url)  # type: ignore[call-arg]
    runtime = create_runtime(settings)
    lease = leadership(runtime, "sender")
    assert await lease.acquire()

    async def renew() -> None:  # as the running sender does every 2 s
        while True:
            assert await lease.acquire()
            await asyncio.sleep(1)

    renewing = asyncio.create_task(renew())
    refused = await asyncio.to_thread(cli, database_url, "restore", str(backup), "--yes")
    renewing.cancel()
    assert refused.returncode == 2
    assert "a bot is running on" in refused.stderr and "stop every bot process" in refused.stderr
    assert residents(database) == 1_200  # untouched
    await lease.release()  # the bot stopped
    await runtime.engine.dispose()
    with sqlite3.connect(database) as connection:  # three people deleted their data since
        connection.execute("DELETE FROM users WHERE telegram_id IN (1000, 1001, 1002)")

    restored = await asyncio.to_thread(cli, database_url, "restore", str(backup), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert residents(database) == copied
    [kept] = database.parent.glob(f"{database.name}.before-restore-*")
    assert residents(kept) == 1_197
    assert "3 residents in the backup were deleted since it was taken" in restored.stdout
    # Deleted behind the bot's back (plain SQL): no erasure log entry, so the operator is told.
    assert "3 of them have no entry in the erasure log" in restored.stdout


def test_restore_refuses_a_file_that_is_no_backup(tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database")
    done = cli(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", "restore", str(junk), "--yes")
    assert done.returncode == 2
    assert "is not an SQLite database" in done.stderr


def test_postgres_backup_names_pg_dump_or_says_how(tmp_path: Path) -> None:
    from bot.ops.backup import pg_dump_command

    command, env = pg_dump_command(
        "postgresql+asyncpg://stadt:s3cret@db.example:5432/stadtstimme", tmp_path / "x.dump"
    )
    assert command[:3] == ["pg_dump", "--format=custom", "--no-owner"]
    assert command[-1] == "postgresql://stadt@db.example:5432/stadtstimme"  # no password in argv
    assert env == {"PGPASSWORD": "s3cret"}

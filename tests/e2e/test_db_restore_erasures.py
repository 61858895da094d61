"""Erasures done after a backup are repeated when it is restored: every erasure leaves a keyed
hash of the Telegram id and its time in `erasure_log`, and `db restore` applies the log of the
content it replaces (`db reapply-erasures` does the same from another database)."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from bot.config import Settings
from bot.i18n import build_i18n
from bot.ops.copy import normalise_url
from bot.presentation.erasure import erasure
from bot.services.clock import SystemClock
from bot.services.personal_data import rights as personal_data
from db import migrate
from db.models import ErasureLog, Idea, User
from db.repositories import users as user_repo
from db.session import create_engine, create_session_factory
from tests.db.copy_support import fresh_postgres
from tests.e2e.test_db_backup import cli
from tests.e2e.test_run_process import POLL_SECRET, TOKEN

STAYS, BY_CLI, BY_DELETE, CAME_BACK = 4_100_001, 4_100_002, 4_100_003, 4_100_004


def telegram_ids(path: Path) -> set[int]:
    with sqlite3.connect(path) as connection:
        return {row[0] for row in connection.execute("SELECT telegram_id FROM users")}


async def add_resident(database_url: str, telegram_id: int) -> None:
    engine = create_engine(database_url)
    async with create_session_factory(engine)() as session:
        user = User(telegram_id=telegram_id, language="de", onboarded=True)
        session.add(user)
        await session.flush()
        session.add(Idea(
            reference=f"I-2026-{telegram_id % 10_000:04d}", year=2026, number=telegram_id % 10_000,
            topic="mobility", district="mitte", text="Ampel am Kuhtor länger grün",
            user_id=user.id, status="published",
        ))  # fmt: skip
        await session.commit()
    await engine.dispose()


async def delete_as_the_resident_does(database_url: str, telegram_id: int) -> None:
    """What /delete runs (personal_data.erase), with the installation's POLL_SECRET."""
    settings = Settings(
        _env_file=None, database_url=database_url, poll_secret=SecretStr(POLL_SECRET)
    )  # type: ignore[call-arg]
    how = erasure(build_i18n("de"), settings, SystemClock())
    engine = create_engine(database_url)
    async with create_session_factory(engine)() as session:
        user = await user_repo.get_by_telegram_id(session, telegram_id)
        assert user is not None
        await personal_data.erase(session, user, how, keep_public_ideas=False)
    await engine.dispose()


async def log_entries(database_url: str) -> list[str]:
    engine = create_engine(database_url)
    async with create_session_factory(engine)() as session:
        hashes = list(await session.scalars(select(ErasureLog.person_hash)))
    await engine.dispose()
    return hashes


async def test_a_restored_backup_erases_again_whoever_was_erased_after_it(
    database_url: str, tmp_path: Path
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("db restore is SQLite's; PostgreSQL: pg_restore, then db reapply-erasures")
    database = Path(database_url.split(":///", 1)[1])
    for telegram_id in (STAYS, BY_CLI, BY_DELETE, CAME_BACK):
        await add_resident(database_url, telegram_id)
    # Erased before the backup and back since: the backup holds their new account, to be kept.
    await delete_as_the_resident_does(database_url, CAME_BACK)
    await add_resident(database_url, CAME_BACK)
    backup = tmp_path / "nightly.db"
    made = await asyncio.to_thread(cli, database_url, "backup", "--out", str(backup))
    assert made.returncode == 0, made.stderr

    deleted = await asyncio.to_thread(_users_delete, database_url, BY_CLI)
    assert deleted.returncode == 0, deleted.stderr
    await delete_as_the_resident_does(database_url, BY_DELETE)
    logged = await log_entries(database_url)
    assert len(logged) == 3 and all(len(entry) == 64 for entry in logged)
    assert not any(str(t) in entry for entry in logged for t in (BY_CLI, BY_DELETE))

    restored = await asyncio.to_thread(cli, database_url, "restore", str(backup), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "2 residents in the backup were deleted since it was taken" in restored.stdout
    assert "erasures re-applied from the erasure log: 2" in restored.stdout
    assert "no entry in the erasure log" not in restored.stdout
    assert telegram_ids(database) == {STAYS, CAME_BACK}
    with sqlite3.connect(database) as connection:
        ideas = connection.execute("SELECT count(*) FROM ideas").fetchone()[0]
    assert ideas == 2  # the erased residents' ideas went with them
    # The restored database keeps the whole log (and the re-erasures'), for an older backup.
    assert set(logged) <= set(await log_entries(database_url))


async def test_reapply_erasures_from_another_database(database_url: str, tmp_path: Path) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("the backup file is SQLite's; the command works on PostgreSQL alike")
    database = Path(database_url.split(":///", 1)[1])
    for telegram_id in (STAYS, BY_DELETE):
        await add_resident(database_url, telegram_id)
    old = tmp_path / "old.db"
    assert (await asyncio.to_thread(cli, database_url, "backup", "--out", str(old))).returncode == 0
    await delete_as_the_resident_does(database_url, BY_DELETE)
    # The old copy becomes the live database; the current one only lends its log.
    current = tmp_path / "current.db"
    _swap(database, old, current)
    done = await asyncio.to_thread(
        cli, database_url, "reapply-erasures", "--log-from", f"sqlite:///{current}"
    )
    assert done.returncode == 0, done.stderr
    assert (
        "erasures re-applied from the erasure log: 1 (log entries carried over: 1)" in done.stdout
    )
    assert telegram_ids(database) == {STAYS}
    missing = await asyncio.to_thread(
        cli, database_url, "reapply-erasures", "--log-from", f"sqlite:///{tmp_path / 'no.db'}"
    )
    assert missing.returncode == 2 and "no SQLite database at" in missing.stderr


def _swap(live: Path, old: Path, current: Path) -> None:
    live.rename(current)
    old.rename(live)


def _users_delete(database_url: str, telegram_id: int) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url, "BOT_TOKEN": TOKEN,
           "POLL_SECRET": POLL_SECRET}  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "users", "delete", str(telegram_id)],
        env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip


async def test_reapply_erasures_after_a_postgresql_restore(database_url: str) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL's restore path (pg_restore into a new database, then this)")
    # database_url: the backup restored into a new database; `live`: the database it replaces.
    async with fresh_postgres() as live:
        engine = create_engine(normalise_url(live))
        await migrate.upgrade(engine)
        await engine.dispose()
        for telegram_id in (STAYS, BY_DELETE):
            await add_resident(database_url, telegram_id)
            await add_resident(normalise_url(live), telegram_id)
        await delete_as_the_resident_does(normalise_url(live), BY_DELETE)
        done = await asyncio.to_thread(cli, database_url, "reapply-erasures", "--log-from", live)
    assert done.returncode == 0, done.stderr
    assert (
        "erasures re-applied from the erasure log: 1 (log entries carried over: 1)" in done.stdout
    )
    engine = create_engine(database_url)
    async with create_session_factory(engine)() as session:
        left = set(await session.scalars(select(User.telegram_id)))
    await engine.dispose()
    assert left == {STAYS}

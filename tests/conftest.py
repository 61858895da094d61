"""Shared fixtures: a fresh, migrated database per test on SQLite and (if set) PostgreSQL."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from db import migrate
from db.session import create_engine
from tests.pg_reuse import ReusedPostgres

PG_URL = os.environ.get("TEST_DATABASE_URL")
BACKENDS = ["sqlite", *(["postgresql"] if PG_URL else [])]
# For tests whose outcome cannot depend on the database (input refused before any query).
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _pg_admin_url() -> str:
    return str(make_url(PG_URL).set(drivername="postgresql+asyncpg"))  # type: ignore[arg-type]


async def _pg_execute(sql: str) -> None:
    engine = create_async_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.execute(text(sql))
    await engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (migrating each time would be slow)."""
    import asyncio

    path = tmp_path_factory.mktemp("template") / "template.db"

    async def build() -> None:
        engine = create_engine(f"sqlite+aiosqlite:///{path}")
        await migrate.upgrade(engine)
        await engine.dispose()

    asyncio.run(build())
    return path


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str | None]:
    """A migrated PostgreSQL database used as CREATE DATABASE … TEMPLATE."""
    if not PG_URL:
        yield None
        return
    import asyncio

    name = f"stadtstimme_tpl_{uuid.uuid4().hex[:8]}"

    async def build() -> None:
        await _pg_execute(f'CREATE DATABASE "{name}"')
        engine = create_engine(str(make_url(_pg_admin_url()).set(database=name)))
        await migrate.upgrade(engine)
        await engine.dispose()

    asyncio.run(build())
    yield name
    asyncio.run(_pg_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def pg_reused(pg_template: str | None) -> Iterator[ReusedPostgres | None]:
    """This test process's PostgreSQL database, put back to fresh before each test."""
    if pg_template is None:
        yield None
        return
    import asyncio

    reused = ReusedPostgres(_pg_admin_url(), pg_template)
    yield reused
    asyncio.run(reused.drop())


@pytest.fixture(params=BACKENDS)
async def database_url(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    sqlite_template: Path,
    pg_reused: ReusedPostgres | None,
) -> str:
    """The URL of a fresh database at the newest schema, seeded like production."""
    if request.param == "sqlite":
        path = tmp_path / "bot.db"
        shutil.copy(sqlite_template, path)
        return f"sqlite+aiosqlite:///{path}"
    assert pg_reused is not None
    return await pg_reused.fresh()


@pytest.fixture(params=BACKENDS)
async def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """The URL of an empty database (no schema), for migration tests."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}"
        return
    name = f"stadtstimme_e_{uuid.uuid4().hex[:10]}"
    await _pg_execute(f'CREATE DATABASE "{name}"')
    yield str(make_url(_pg_admin_url()).set(database=name))
    await _pg_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# The longest tests start first: pytest-xdist hands tests out in this order, one at a time as a
# worker runs dry, so a minutes-long test collected late keeps one worker busy while the other
# idles at the end of the run (CI has two cores).
# (Only these: timing-sensitive e2e tests running beside the drill's three processes flaked.)
LONG_FIRST = (
    "tests/ops/",
    "tests/flow/test_fuzz_updates.py",
    "tests/delivery/test_processes.py",
)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: half again as many test processes as cores.

    A third of the suite's wall time is waiting, not computing (real-time pacing and clean-stop
    tests, the translation retry pauses, the real `stadtstimme` processes); one extra process per
    two cores keeps them busy meanwhile. Measured on 2 cores (docs/TESTING.md): 2 processes
    241 s, 3 processes 183 s, 4 processes 187 s for the suite without e2e.
    """
    # The cores this process may use (a container's share); macOS has no sched_getaffinity.
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(2, (cores or 1) * 3 // 2)


_RESPONSE_MODELS = pytest.StashKey[tuple[type, ...]]()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Tune each test process as `stadtstimme run` tunes the bot once start-up is over.

    Without it every full garbage collection walks all imported modules, aiogram's models and
    the catalogs again (a fifth of a flow test's CPU time, measured: docs/TESTING.md), and
    aiogram rebuilds its response models after each collection.
    """
    from bot.tuning import freeze_start_up_objects, response_models

    session.config.stash[_RESPONSE_MODELS] = response_models()  # held for the whole run
    freeze_start_up_objects()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        starts = [i for i, prefix in enumerate(LONG_FIRST) if item.nodeid.startswith(prefix)]
        return starts[0] if starts else len(LONG_FIRST)

    items.sort(key=rank)  # stable: within a rank, collection order

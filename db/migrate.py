"""Apply and inspect Alembic migrations from code (start-up, CLI, tests)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    """An Alembic config pointing at our migrations folder."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url:
        config.set_main_option("sqlalchemy.url", url)
    return config


def head_revision() -> str | None:
    """The newest revision the code knows."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Migrate the database up to a revision."""
    async with engine.begin() as connection:
        await connection.run_sync(_command, "upgrade", revision)
    await _fresh_sqlite_connections(engine)


async def downgrade(engine: AsyncEngine, revision: str = "base") -> None:
    """Migrate the database down to a revision."""
    async with engine.begin() as connection:
        await connection.run_sync(_command, "downgrade", revision)
    await _fresh_sqlite_connections(engine)


async def _fresh_sqlite_connections(engine: AsyncEngine) -> None:
    # Migrations switch SQLite's foreign keys off on their connection (see env.py); new
    # connections get them on again from db.session's connect hook.
    if engine.dialect.name == "sqlite":
        await engine.dispose()


async def current_revision(engine: AsyncEngine) -> str | None:
    """The revision the database is at (None when empty)."""
    async with engine.connect() as connection:
        return await connection.run_sync(
            lambda sync: MigrationContext.configure(sync).get_current_revision()
        )


async def is_up_to_date(engine: AsyncEngine) -> bool:
    """Whether the schema matches the code's newest migration."""
    return await current_revision(engine) == head_revision()


def _command(connection: Connection, name: str, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    getattr(command, name)(config, revision)

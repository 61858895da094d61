"""Alembic environment: runs on a connection handed in by `db.migrate`, or on its own URL."""

from __future__ import annotations

import asyncio
from typing import Any, Literal

from alembic import context
from sqlalchemy.engine import Connection

from db.models import Base
from db.session import create_engine
from db.types import EnumString

config = context.config


def _render_item(kind: str, item: Any, _context: Any) -> str | Literal[False]:
    # A status column is a plain VARCHAR: a new migration writes it so, needing no enum.
    if kind == "type" and isinstance(item, EnumString):
        return f"sa.String(length={item.length})"
    return False


def _run(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        # Batch mode drops and recreates tables; with foreign keys on, dropping a parent table
        # would cascade-delete its children's rows. db.migrate discards the connection after.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things; batch mode recreates tables so one script fits both.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_with_own_engine(url: str) -> None:
    # db.session's engine: a SQLite file it creates is private (0600), as the bot's.
    engine = create_engine(url)
    async with engine.connect() as connection:
        await connection.run_sync(_run)
        await connection.commit()
    await engine.dispose()


given = config.attributes.get("connection")
if given is not None:
    _run(given)
else:
    asyncio.run(_run_with_own_engine(config.get_main_option("sqlalchemy.url") or ""))

"""`stadtstimme db copy`: every table of one database into a new one (SQLite → PostgreSQL).

Rows go through the models' column types (UTC timestamps, enums), table by table in foreign-key
order, in batches read by primary key, all in one transaction on the target: a copy that fails
leaves the target as empty as it was. PostgreSQL's id sequences are then set past the copied ids.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Table, delete, func, insert, inspect, select, text, tuple_
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.ops.holder import running_bot_until
from db import migrate
from db.models import Base
from db.session import create_engine

BATCH = 1000  # rows read and inserted at a time
# Tables the migrations fill (the information pages): replaced by the source's rows.
SEEDED = frozenset({"info_pages"})
DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "sqlite+aiosqlite": "sqlite+aiosqlite",
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
}


class CopyError(Exception):
    """The copy cannot go ahead; the message is one line for the operator."""


@dataclass(frozen=True)
class TableCount:
    """Rows of one table in the source and, after the copy, in the target."""

    table: str
    source: int
    target: int


def normalise_url(url: str) -> str:
    """sqlite:/// and postgresql:// (or postgres://) with the drivers this program uses."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise CopyError(f"not a database URL: {url!r}") from None
    driver = DRIVERS.get(parsed.drivername)
    if driver is None:
        raise CopyError(f"{parsed.drivername}: expected sqlite:///FILE or postgresql://…")
    return parsed.set(drivername=driver).render_as_string(hide_password=False)


def shown(url: str) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def tables() -> list[Table]:
    """Every table of the models, parents before the tables that refer to them."""
    return list(Base.metadata.sorted_tables)


async def copy_database(
    source_url: str, target_url: str, *, progress: Callable[[str], None] = lambda _: None
) -> list[TableCount]:
    """Copy everything; CopyError when the source or the target is not fit for it."""
    await _check_source(source_url)
    source, target = create_engine(source_url), create_engine(target_url)
    try:
        await _check_revision(source, f"the source {shown(source_url)}")
        if await _is_blank(target):
            progress(f"migrating the empty target to {migrate.head_revision()}")
            await migrate.upgrade(target)
        await _check_revision(target, f"the target {shown(target_url)}")
        await _check_empty(target)
        async with source.connect() as reading, target.begin() as writing:
            for table in tables():
                copied = await _copy_table(reading, writing, table)
                if copied:
                    progress(f"{table.name}: {copied:,} rows")
            if writing.dialect.name == "postgresql":
                await _reset_sequences(writing)
        return await _counts(source, target)
    finally:
        await source.dispose()
        await target.dispose()


async def _check_source(source_url: str) -> None:
    if source_url.startswith("sqlite"):
        database = make_url(source_url).database
        if not database or not await asyncio.to_thread(Path(database).is_file):
            raise CopyError(f"no SQLite database at {database}")
    holder = await running_bot_until(source_url)
    if holder is not None:
        raise CopyError(
            f"a bot is running on the source (its sender lease runs until {holder:%H:%M:%S} "
            "UTC): stop every bot process first, so no change is left behind"
        )


async def _is_blank(engine: AsyncEngine) -> bool:
    async with engine.connect() as connection:
        names = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
    return not names


async def _check_revision(engine: AsyncEngine, which: str) -> None:
    revision, head = await migrate.current_revision(engine), migrate.head_revision()
    if revision != head:
        raise CopyError(
            f"{which} has schema {revision or 'none'}, this version needs {head}: run "
            "`stadtstimme db upgrade` with DATABASE_URL set to it first"
        )


async def _check_empty(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        for table in tables():
            if table.name in SEEDED:
                continue
            rows = await connection.scalar(select(func.count()).select_from(table))
            if rows:
                raise CopyError(
                    f"the target holds data ({table.name}: {rows} rows): copy only into a new, "
                    "empty database (drop and create it, or choose another)"
                )


async def _copy_table(reading: AsyncConnection, writing: AsyncConnection, table: Table) -> int:
    """Rows in primary-key order, a batch at a time (keyset: no OFFSET rescans)."""
    if table.name in SEEDED:
        await writing.execute(delete(table))
    key = tuple_(*table.primary_key.columns)
    names = [column.key for column in table.columns]
    last: tuple[object, ...] | None = None
    copied = 0
    while True:
        query = select(*table.columns).order_by(*table.primary_key.columns).limit(BATCH)
        if last is not None:
            query = query.where(key > tuple_(*last))
        rows = (await reading.execute(query)).all()
        if not rows:
            return copied
        await writing.execute(insert(table), [dict(zip(names, row, strict=True)) for row in rows])
        copied += len(rows)
        last = tuple(getattr(rows[-1], c.key) for c in table.primary_key.columns)


async def _reset_sequences(writing: AsyncConnection) -> None:
    """Rows were inserted with their ids: the next id a sequence gives must follow them."""
    for table in tables():
        column = table.autoincrement_column
        if column is None:
            continue
        await writing.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "  # noqa: S608 - names from our models
                f'COALESCE((SELECT max("{column.name}") FROM "{table.name}"), 0) + 1, false)'
            )
        )


async def _counts(source: AsyncEngine, target: AsyncEngine) -> list[TableCount]:
    async with source.connect() as left, target.connect() as right:
        return [
            TableCount(
                table.name,
                await left.scalar(select(func.count()).select_from(table)) or 0,
                await right.scalar(select(func.count()).select_from(table)) or 0,
            )
            for table in tables()
        ]

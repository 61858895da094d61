"""Queries on stored conversation state."""

from __future__ import annotations

import functools
from typing import Any, cast

from sqlalchemy import Delete, Insert, Table, bindparam, select
from sqlalchemy import delete as sa_delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import FsmRecord
from db.types import utcnow

EMPTY_DATA = "{}"


async def get_data(session: AsyncSession, key: str) -> str | None:
    """The stored data (JSON text) for a key; a column, so an upsert is never hidden by a
    cached object in the session."""
    result = await session.execute(select(FsmRecord.data).where(FsmRecord.key == key))
    return result.scalar_one_or_none()


async def get_state(session: AsyncSession, key: str) -> str | None:
    """Only the state name for a key (the hot path: asked on every update)."""
    result = await session.execute(select(FsmRecord.state).where(FsmRecord.key == key))
    return result.scalar_one_or_none()


def _table() -> Table:
    return cast(Table, FsmRecord.__table__)


@functools.cache
def _upsert_statement(dialect: str, columns: tuple[str, ...]) -> Insert:
    """Built once per dialect and set of columns: building one cost more than running it.

    On the table, not the mapped class, so the session runs it as plain Core (rows are never
    loaded as objects, so there is nothing in a session to keep in step).
    """
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(_table())
    changed = {name: statement.excluded[name] for name in (*columns, "updated_at")}
    return statement.on_conflict_do_update(index_elements=[_table().c.key], set_=changed)


async def upsert(session: AsyncSession, key: str, **values: Any) -> None:
    """Insert or update one conversation row with the given state and/or data (no commit)."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    row = {"key": key, "state": None, "data": EMPTY_DATA, "updated_at": utcnow(), **values}
    await session.execute(_upsert_statement(dialect, tuple(sorted(values))), row)


@functools.cache
def _delete_statement() -> Delete:
    return sa_delete(_table()).where(_table().c.key == bindparam("key"))


async def delete(session: AsyncSession, key: str) -> None:
    """Forget one conversation row (no commit)."""
    await session.execute(_delete_statement(), {"key": key})

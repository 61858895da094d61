"""Engine and session factory; the first commit of an update also records it as processed."""

from __future__ import annotations

import functools
from typing import Any, cast

from sqlalchemy import Insert, Table, event, insert
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session

from db.models import ProcessedUpdate
from db.sqlite_inline import inline_connector
from db.sqlite_writes import order_writes

UNRECORDED_UPDATE = "unrecorded_update_id"


class UpdateSession(Session):
    """A session that writes the pending processed-update marker with its first commit."""


@functools.cache
def marker_insert() -> Insert:
    """Built once; a Core INSERT skips the unit of work an ORM object would go through."""
    return insert(cast(Table, ProcessedUpdate.__table__))


@event.listens_for(UpdateSession, "before_commit")
def record_processed_update(session: Session) -> None:
    """Write the pending marker in the commit's own transaction."""
    # Same transaction as the update's own changes: a crash before commit leaves no
    # marker, so a redelivered update is handled again instead of being lost.
    update_id = session.info.pop(UNRECORDED_UPDATE, None)
    if update_id is not None:
        # On the connection: the session's execute would first flush (the commit does that
        # next anyway) and pass the statement through its ORM layer.
        session.connection().execute(marker_insert(), {"update_id": update_id})


def pool_capacity(pool_size: int) -> int:
    """Connections an engine opens at most: the kept ones and as many again in bursts."""
    return 2 * pool_size


LOCK_TIMEOUT = 30.0  # seconds a SQLite statement waits for another process's write lock


def create_engine(url: str, *, pool_size: int = 10, echo: bool = False) -> AsyncEngine:
    """Create the async engine; SQLite: on the loop's thread, WAL, foreign keys, write turns."""
    parsed = make_url(url)
    overflow = pool_capacity(pool_size) - pool_size
    if parsed.drivername.startswith("sqlite"):
        database = parsed.database or ":memory:"
        # A file gets a pool as PostgreSQL does; SQLAlchemy keeps :memory: on one connection.
        pool = {} if database == ":memory:" else {"pool_size": pool_size, "max_overflow": overflow}
        connect = inline_connector(database, LOCK_TIMEOUT)
        engine = create_async_engine(url, echo=echo, async_creator=connect, **pool)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        order_writes(engine, LOCK_TIMEOUT)
        return engine
    # No ping before each checkout: it cost 9 % of an update's CPU (bench/RESULTS.md, run 6). A
    # connection cut since its last use fails on first use instead; SQLAlchemy then drops the
    # whole pool, and the update meets the outage path (503, or the polling offset kept), so
    # Telegram delivers it again.
    return create_async_engine(url, echo=echo, pool_size=pool_size, max_overflow=overflow)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions keep loaded objects usable after commit (handlers render after services commit)."""
    return async_sessionmaker(engine, sync_session_class=UpdateSession, expire_on_commit=False)


def record_update_on_commit(session: AsyncSession, update_id: int) -> None:
    """Mark the update as processed together with the next commit of this session."""
    session.info[UNRECORDED_UPDATE] = update_id

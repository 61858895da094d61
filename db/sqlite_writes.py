"""SQLite write turns: one writing transaction at a time, queued in asyncio.

SQLite lets one connection write at a time. Without this, concurrent updates collide inside
SQLite, and the loser sleeps in SQLite's busy handler (1, 2, 5 … 100 ms steps) however soon the
lock frees: under a burst of updates most of their time went to these sleeps (bench/RESULTS.md,
"Updates"). Here a transaction takes the engine's turn before its first write and gives it back
once its COMMIT or ROLLBACK has run, so the next writer finds SQLite's lock free.

The turns order writers of one process only. A transaction that must read and then write on
what it read (a free place, say) calls `hold_write_lock` first: BEGIN IMMEDIATE takes
SQLite's own write lock, which holds against other processes on the same file too.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.util import await_only

# Statements that take SQLite's write lock, by their first seven characters ("BEGIN I":
# BEGIN IMMEDIATE, see hold_write_lock).
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER", "BEGIN I")
BEGIN_IMMEDIATE = "BEGIN IMMEDIATE"


def _raw(connection: Any) -> int:
    """One key per DBAPI connection, whether given the pool's proxy (fairy) or the raw one."""
    return id(getattr(connection, "dbapi_connection", None) or connection)


class WriteTurns:
    """The per-event-loop lock that orders an engine's writing transactions."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock]
        self.locks = weakref.WeakKeyDictionary()
        # DBAPI connection (id) → the lock it holds, until its transaction has ended.
        self.held: dict[int, asyncio.Lock] = {}

    def lock(self) -> asyncio.Lock:
        """This event loop's lock (tests may use one engine from several loops)."""
        loop = asyncio.get_running_loop()
        if loop not in self.locks:
            self.locks[loop] = asyncio.Lock()
        return self.locks[loop]

    def before_statement(self, dbapi_connection: Any, statement: str) -> None:
        """Take the turn before the transaction's first write."""
        key = _raw(dbapi_connection)
        if key in self.held or not statement.lstrip()[:7].upper().startswith(WRITES):
            return
        lock = self.lock()
        try:
            await_only(_take(lock, self.timeout))
        except TimeoutError as error:
            raise OperationalError(statement, None, error) from error
        self.held[key] = lock

    def give_back(self, dbapi_connection: Any) -> None:
        """The transaction has ended (or the connection left): the next writer's turn."""
        lock = self.held.pop(_raw(dbapi_connection), None)
        if lock is not None:
            lock.release()

    def after(self, end: Callable[[Any], None]) -> Callable[[Any], None]:
        """Wrap the dialect's COMMIT or ROLLBACK: give the turn back once it has run."""

        def ending(dbapi_connection: Any) -> None:
            try:
                end(dbapi_connection)
            finally:
                self.give_back(dbapi_connection)

        return ending


def order_writes(engine: AsyncEngine, timeout: float = 30.0) -> None:
    """Install write turns on a SQLite engine."""
    turns = WriteTurns(timeout)
    sync_engine = engine.sync_engine
    dialect: Any = sync_engine.dialect  # this engine's own dialect instance
    dialect.do_commit = turns.after(dialect.do_commit)
    dialect.do_rollback = turns.after(dialect.do_rollback)

    @event.listens_for(sync_engine, "before_cursor_execute")
    def _before(conn: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
        turns.before_statement(conn.connection, statement)

    @event.listens_for(sync_engine.pool, "checkin")
    def _checkin(dbapi_connection: Any, _record: Any) -> None:
        turns.give_back(dbapi_connection)

    @event.listens_for(sync_engine.pool, "close")
    def _close(dbapi_connection: Any, _record: Any) -> None:
        turns.give_back(dbapi_connection)


async def hold_write_lock(session: AsyncSession) -> None:
    """SQLite: this transaction holds the database's write lock from now until it ends.

    SQLite has no row locks, and the driver begins a transaction only at the first write, so
    what is read before it may be outdated by the time the write runs: another process can
    commit in between. Taking the write lock first makes read-then-write one step. A
    transaction that has written already holds it. Another process's lock is waited out as
    for any write (sqlite_inline.patiently); nothing happens on PostgreSQL.
    """
    connection = await session.connection()
    if connection.dialect.name != "sqlite":
        return
    driver = (await connection.get_raw_connection()).driver_connection  # InlineConnection
    if driver is None or not driver.in_transaction:
        await connection.exec_driver_sql(BEGIN_IMMEDIATE)


async def _take(lock: asyncio.Lock, seconds: float) -> None:
    """Wait for the write turn in the caller's own task.

    Not `asyncio.wait_for(lock.acquire(), …)`: on Python 3.11 it runs the wait in a task of its
    own and, when the lock was free and the caller is cancelled in the same pass, returns instead
    of raising, so a cancelled task wrote on (a lease renewal kept a CI test waiting forever).
    """
    await asyncio.sleep(0)  # the turn always let the other updates run first: keep that order
    async with asyncio.timeout(seconds):
        await lock.acquire()

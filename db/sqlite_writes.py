"""SQLite write turns: one writing transaction at a time, queued in asyncio.

SQLite lets one connection write at a time. Without this, concurrent updates collide inside
SQLite, and the loser sleeps in SQLite's busy handler (1, 2, 5 … 100 ms steps) however soon the
lock frees: under a burst of updates most of their time went to these sleeps (bench/RESULTS.md,
"Updates"). Here a transaction takes the engine's turn before its first write and gives it back
when it commits or rolls back, so the next writer starts the moment the lock is free.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.util import await_only

TURN = "sqlite_write_turn"
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


class WriteTurns:
    """The per-event-loop lock that orders an engine's writing transactions."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock]
        self.locks = weakref.WeakKeyDictionary()

    def lock(self) -> asyncio.Lock:
        """This event loop's lock (tests may use one engine from several loops)."""
        loop = asyncio.get_running_loop()
        if loop not in self.locks:
            self.locks[loop] = asyncio.Lock()
        return self.locks[loop]

    def before_statement(self, conn: Connection, statement: str) -> None:
        """Take the turn before the transaction's first write."""
        if TURN in conn.info or not statement.lstrip()[:7].upper().startswith(WRITES):
            return
        lock = self.lock()
        try:
            await_only(asyncio.wait_for(lock.acquire(), self.timeout))
        except TimeoutError as error:
            raise OperationalError(statement, None, error) from error
        conn.info[TURN] = lock

    @staticmethod
    def give_back(info: dict[str, Any]) -> None:
        """End of the transaction (or the connection went back to the pool): next writer."""
        lock = info.pop(TURN, None)
        if lock is not None:
            lock.release()


def order_writes(engine: AsyncEngine, timeout: float = 30.0) -> None:
    """Install write turns on a SQLite engine."""
    turns = WriteTurns(timeout)
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "before_cursor_execute")
    def _before(conn: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
        turns.before_statement(conn, statement)

    @event.listens_for(sync_engine, "commit")
    def _commit(conn: Connection) -> None:
        turns.give_back(conn.info)

    @event.listens_for(sync_engine, "rollback")
    def _rollback(conn: Connection) -> None:
        turns.give_back(conn.info)

    @event.listens_for(sync_engine.pool, "checkin")
    def _checkin(_dbapi: Any, record: Any) -> None:
        if record is not None:
            turns.give_back(record.info)

"""SQLite connections that run on the event loop's thread, with lock waits as asyncio sleeps.

aiosqlite sends every call (cursor, execute, fetch, close, commit) to a worker thread and back;
an update made about ten such round trips, and they cost more than half of its CPU on SQLite
(bench/RESULTS.md, run 7). SQLite's own statements here take tens of microseconds, so they run
directly on the loop. The one wait that could stop the loop is another process's write lock
(a CLI import, say): SQLite's busy handler would sleep inside the call. So the busy timeout is
0, and a statement or COMMIT that meets a lock is tried again after an asyncio sleep, up to
``wait_limit`` seconds, which is what the busy handler did, without blocking other updates.

SQLAlchemy's aiosqlite dialect drives these objects through ``async_creator`` exactly as it
drives aiosqlite's; only the methods it calls are here.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

T = TypeVar("T")
FIRST_RETRY = 0.001  # seconds; doubled per try up to LONGEST_RETRY
LONGEST_RETRY = 0.05


async def patiently(call: Callable[[], T], wait_limit: float) -> T:
    """Run a SQLite call; while another connection holds the lock, sleep and try again."""
    deadline = time.monotonic() + wait_limit
    pause = FIRST_RETRY
    while True:
        try:
            return call()
        except sqlite3.OperationalError as error:
            # Exactly SQLITE_BUSY: a lock another connection holds. Extended codes such as
            # BUSY_SNAPSHOT cannot clear by waiting (SQLite's busy handler skips them too).
            if error.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() >= deadline:
                raise
        await asyncio.sleep(pause)
        pause = min(pause * 2, LONGEST_RETRY)


class InlineCursor:
    """aiosqlite's cursor interface over a sqlite3 cursor, without the thread."""

    def __init__(self, cursor: sqlite3.Cursor, wait_limit: float) -> None:
        self._cursor = cursor
        self._wait_limit = wait_limit

    async def __aenter__(self) -> InlineCursor:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        self._cursor.close()

    async def execute(self, sql: str, parameters: Any = ()) -> InlineCursor:
        await patiently(lambda: self._cursor.execute(sql, parameters), self._wait_limit)
        return self

    async def executemany(self, sql: str, parameters: Any) -> InlineCursor:
        await patiently(lambda: self._cursor.executemany(sql, parameters), self._wait_limit)
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(size if size is not None else self._cursor.arraysize)

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value


class ImmediateQueue:
    """Stands in for aiosqlite's call queue (SQLAlchemy sets the isolation level through it)."""

    def put_nowait(self, item: tuple[asyncio.Future[Any], Callable[[], Any]]) -> None:
        future, function = item
        try:
            future.set_result(function())
        except Exception as error:  # handed to the awaiting caller, as aiosqlite does
            future.set_exception(error)


class InlineConnection:
    """aiosqlite's connection interface over a sqlite3 connection, without the thread."""

    def __init__(self, connection: sqlite3.Connection, wait_limit: float) -> None:
        self._conn: sqlite3.Connection | None = connection
        self._wait_limit = wait_limit
        self._tx = ImmediateQueue()

    @property
    def _connection(self) -> sqlite3.Connection | None:  # SQLAlchemy checks it before COMMIT
        return self._conn

    def _open(self) -> sqlite3.Connection:
        if self._conn is None:
            raise ValueError("no active connection")  # aiosqlite's words; the dialect maps them
        return self._conn

    def cursor(self) -> InlineCursor:
        return InlineCursor(self._open().cursor(), self._wait_limit)

    async def commit(self) -> None:
        await patiently(self._open().commit, self._wait_limit)

    async def rollback(self) -> None:
        self._open().rollback()

    async def close(self) -> None:
        self.stop()

    def stop(self) -> None:
        """Close at once (SQLAlchemy's terminate)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self._open().create_function(*args, **kwargs)

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open (the driver opens one at the first write)."""
        return self._conn is not None and self._conn.in_transaction

    @property
    def isolation_level(self) -> str | None:
        return self._open().isolation_level


def create_private(database: str) -> None:
    """Create a missing database file readable and writable by its owner only (0600).

    SQLite would create it 0644 (less the umask), readable by every local user; it gives the
    -wal, -shm and -journal files the database file's own permissions, so they follow.
    """
    if database in ("", ":memory:"):
        return
    try:
        handle = os.open(database, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except OSError:  # exists already, or cannot be created: SQLite opens it or names the error
        return
    os.close(handle)


def inline_connector(database: str, wait_limit: float) -> Callable[[], Awaitable[InlineConnection]]:
    """The ``async_creator`` for a SQLite file (or ``:memory:``)."""

    async def connect() -> InlineConnection:
        # Busy timeout 0: lock waits happen in `patiently`, never inside SQLite on the loop.
        # check_same_thread off: SQLAlchemy may close a connection from the garbage collector.
        create_private(database)
        connection = sqlite3.connect(database, timeout=0, check_same_thread=False)
        return InlineConnection(connection, wait_limit)

    return connect

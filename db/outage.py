"""Telling "the database can't be reached right now" apart from every other failure."""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

# SQLite's words for a file it can't use at the moment (as opposed to a broken query).
SQLITE_TRANSIENT = ("unable to open", "database is locked", "disk i/o error")


def is_outage(error: BaseException) -> bool:
    """Whether this failure means the database is unreachable, so the update must be retried."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if _unreachable(current):
            return True
        current = current.__cause__ or current.__context__
    return False


def _unreachable(error: BaseException) -> bool:
    if isinstance(error, OSError | PoolTimeout | TimeoutError):
        return True  # refused, reset, timed out; the pool waited in vain
    if isinstance(error, DBAPIError):
        if error.connection_invalidated:
            return True
        original = error.orig
        if isinstance(original, sqlite3.OperationalError):
            return str(original).lower().startswith(SQLITE_TRANSIENT)
        return original is not None and _postgres_connection_error(original)
    return _postgres_connection_error(error)


def _postgres_connection_error(error: BaseException) -> bool:
    # asyncpg's connection errors, found by name: the driver is optional (SQLite-only setups).
    names = {cls.__name__ for cls in type(error).__mro__}
    wanted = {"PostgresConnectionError", "ConnectionDoesNotExistError", "CannotConnectNowError",
              "ConnectionFailureError", "AdminShutdownError"}  # fmt: skip
    return bool(names & wanted)

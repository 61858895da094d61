"""Exactly one active sender per bot: a PostgreSQL advisory lock, or a lease row on SQLite."""

from __future__ import annotations

import uuid
import zlib
from datetime import timedelta
from typing import Protocol

from sqlalchemy import select, text, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.runtime import Runtime
from db.models import SenderLease

LEASE = timedelta(seconds=8)  # a standby takes over within LEASE + its polling interval


class Leadership(Protocol):
    """The right to be the sender."""

    async def acquire(self) -> bool:
        """Try to become (or stay) the sender."""
        ...

    async def release(self) -> None:
        """Give the role up."""
        ...


class AdvisoryLock:
    """Held on a dedicated connection; released by PostgreSQL the moment the process dies."""

    def __init__(self, runtime: Runtime, name: str) -> None:
        self.runtime = runtime
        self.key = zlib.crc32(name.encode())
        self.connection: AsyncConnection | None = None

    async def acquire(self) -> bool:
        """Take the lock, or check that the connection holding it still lives."""
        if self.connection is not None:
            try:
                await self.connection.execute(text("SELECT 1"))
                return True
            except Exception:
                await self.release()
                return False
        connection = await self.runtime.engine.connect()
        got = await connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self.key})
        if got.scalar_one():
            await connection.commit()
            self.connection = connection
            return True
        await connection.close()
        return False

    async def release(self) -> None:
        """Unlock and close the connection."""
        if self.connection is not None:
            try:
                await self.connection.execute(
                    text("SELECT pg_advisory_unlock(:k)"), {"k": self.key}
                )
                await self.connection.commit()
            finally:
                await self.connection.close()
                self.connection = None


class LeaseRow:
    """A row with a holder and an expiry, renewed while sending (SQLite: one process)."""

    def __init__(self, runtime: Runtime, name: str) -> None:
        self.runtime = runtime
        self.name = name
        self.holder = uuid.uuid4().hex

    async def acquire(self) -> bool:
        """Take or renew the lease when it is ours or expired."""
        now = self.runtime.clock.now()
        async with self.runtime.session_factory() as session:
            await session.execute(
                insert(SenderLease)
                .values(name=self.name, holder=self.holder, expires_at=now + LEASE)
                .on_conflict_do_nothing()
            )
            result = await session.execute(
                update(SenderLease)
                .where(SenderLease.name == self.name)
                .where((SenderLease.holder == self.holder) | (SenderLease.expires_at < now))
                .values(holder=self.holder, expires_at=now + LEASE)
            )
            await session.commit()
        return bool(getattr(result, "rowcount", 0))

    async def release(self) -> None:
        """Let the lease expire now, so a successor needn't wait."""
        async with self.runtime.session_factory() as session:
            await session.execute(
                update(SenderLease)
                .where(SenderLease.name == self.name, SenderLease.holder == self.holder)
                .values(expires_at=self.runtime.clock.now() - LEASE)
            )
            await session.commit()


def leadership(runtime: Runtime, name: str) -> Leadership:
    """The mechanism that fits the database."""
    return LeaseRow(runtime, name) if runtime.settings.is_sqlite else AdvisoryLock(runtime, name)


async def sender_running(runtime: Runtime, name: str = "sender") -> bool:
    """Whether another process is the active sender right now."""
    if not runtime.settings.is_sqlite:
        probe = AdvisoryLock(runtime, name)
        if await probe.acquire():
            await probe.release()
            return False
        return True
    async with runtime.session_factory() as session:
        lease = await session.scalar(select(SenderLease).where(SenderLease.name == name))
    return lease is not None and lease.expires_at > runtime.clock.now()

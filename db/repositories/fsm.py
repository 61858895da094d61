"""Queries on stored conversation state."""

from __future__ import annotations

from sqlalchemy import delete as sa_delete
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import FsmRecord


async def get_data(session: AsyncSession, key: str) -> str | None:
    """The stored data (JSON text) for a key; a column, so an upsert is never hidden by a
    cached object in the session."""
    result = await session.execute(select(FsmRecord.data).where(FsmRecord.key == key))
    return result.scalar_one_or_none()


async def get_state(session: AsyncSession, key: str) -> str | None:
    """Only the state name for a key (the hot path: asked on every update)."""
    result = await session.execute(select(FsmRecord.state).where(FsmRecord.key == key))
    return result.scalar_one_or_none()


async def delete(session: AsyncSession, key: str) -> None:
    """Forget one conversation row (no commit)."""
    await session.execute(sa_delete(FsmRecord).where(FsmRecord.key == key))

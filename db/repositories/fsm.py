"""Queries on stored conversation state."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import FsmRecord


async def get(session: AsyncSession, key: str) -> FsmRecord | None:
    """The stored state record for a key."""
    result = await session.execute(select(FsmRecord).where(FsmRecord.key == key))
    return result.scalar_one_or_none()


async def get_state(session: AsyncSession, key: str) -> str | None:
    """Only the state name for a key (the hot path: asked on every update)."""
    result = await session.execute(select(FsmRecord.state).where(FsmRecord.key == key))
    return result.scalar_one_or_none()

"""Queries on the staff audit log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import StaffAudit


def add(session: AsyncSession, entry: StaffAudit) -> None:
    """Stage one entry; it is written by the use case's own commit."""
    session.add(entry)


async def since(
    session: AsyncSession, start: datetime | None, action: str | None = None
) -> Sequence[StaffAudit]:
    """Entries from `start` on (all when None), of one action (all when None), oldest first."""
    query = select(StaffAudit).order_by(StaffAudit.created_at, StaffAudit.id)
    if start is not None:
        query = query.where(StaffAudit.created_at >= start)
    if action is not None:
        query = query.where(StaffAudit.action == action)
    return (await session.execute(query)).scalars().all()


async def last_action(session: AsyncSession, target: str, actions: Sequence[str]) -> str | None:
    """The newest of these actions on the target, if any."""
    query = select(StaffAudit.action).where(
        StaffAudit.target == target, StaffAudit.action.in_(actions)
    )
    return await session.scalar(query.order_by(StaffAudit.id.desc()).limit(1))


async def prune_before(session: AsyncSession, cutoff: datetime) -> int:
    """Delete entries older than the cutoff; returns how many."""
    result = await session.execute(delete(StaffAudit).where(StaffAudit.created_at < cutoff))
    return int(getattr(result, "rowcount", 0) or 0)

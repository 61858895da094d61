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


async def since(session: AsyncSession, start: datetime | None) -> Sequence[StaffAudit]:
    """Entries from `start` on (all when None), oldest first."""
    query = select(StaffAudit).order_by(StaffAudit.created_at, StaffAudit.id)
    if start is not None:
        query = query.where(StaffAudit.created_at >= start)
    return (await session.execute(query)).scalars().all()


async def prune_before(session: AsyncSession, cutoff: datetime) -> int:
    """Delete entries older than the cutoff; returns how many."""
    result = await session.execute(delete(StaffAudit).where(StaffAudit.created_at < cutoff))
    return int(getattr(result, "rowcount", 0) or 0)

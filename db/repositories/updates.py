"""Queries on processed update ids (idempotency)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, bindparam, delete, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import FsmRecord, ProcessedUpdate, User


@dataclass(frozen=True)
class FirstLook:
    """What every update needs first, read in one round trip."""

    seen: bool  # the update id was processed before (a redelivery)
    telegram_id: int | None  # whose row was looked up
    user: User | None  # that resident, if known
    fsm_state: str | None  # the conversation state, if a key was given
    fsm_data: str | None  # its stored data (JSON text), None when there is no row


@functools.cache
def _first_look_statement() -> Select[Any]:
    """Built once: constructing it and its cache key cost more than running it."""
    anchor = select(literal(1).label("one")).subquery("anchor")
    seen = select(ProcessedUpdate.update_id).where(
        ProcessedUpdate.update_id == bindparam("update_id")
    )
    key = FsmRecord.key == bindparam("fsm_key")  # NULL matches no row
    state = select(FsmRecord.state).where(key).scalar_subquery()
    data = select(FsmRecord.data).where(key).scalar_subquery()
    return (
        select(seen.exists().label("seen"), state.label("fsm_state"), data.label("fsm_data"), User)
        .select_from(anchor)
        .outerjoin(User, User.telegram_id == bindparam("telegram_id"))
    )


async def first_look(
    session: AsyncSession, update_id: int, telegram_id: int | None, fsm_key: str | None
) -> FirstLook:
    """Seen-before flag, the resident and the conversation state and data in one SELECT."""
    values = {"update_id": update_id, "telegram_id": telegram_id, "fsm_key": fsm_key}
    row = (await session.execute(_first_look_statement(), values)).one()
    return FirstLook(bool(row.seen), telegram_id, row.User, row.fsm_state, row.fsm_data)


async def was_processed(session: AsyncSession, update_id: int) -> bool:
    """Whether this update id was already handled."""
    result = await session.execute(
        select(ProcessedUpdate.update_id).where(ProcessedUpdate.update_id == update_id)
    )
    return result.first() is not None


async def prune_before(session: AsyncSession, cutoff: datetime) -> int:
    """Forget update ids processed before the cutoff; returns how many."""
    result = await session.execute(
        delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < cutoff)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def highest_processed(session: AsyncSession) -> int:
    """The highest update id still remembered, 0 when none is."""
    result = await session.execute(select(func.max(ProcessedUpdate.update_id)))
    return int(result.scalar_one() or 0)

"""Queries on processed update ids (idempotency)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, false, literal, select
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


async def first_look(
    session: AsyncSession, update_id: int, telegram_id: int | None, fsm_key: str | None
) -> FirstLook:
    """Seen-before flag, the resident and the conversation state and data in one SELECT."""
    anchor = select(literal(1).label("one")).subquery("anchor")
    seen = select(ProcessedUpdate.update_id).where(ProcessedUpdate.update_id == update_id)
    state = select(FsmRecord.state).where(FsmRecord.key == fsm_key).scalar_subquery()
    data = select(FsmRecord.data).where(FsmRecord.key == fsm_key).scalar_subquery()
    match = User.telegram_id == telegram_id if telegram_id is not None else false()
    statement = (
        select(seen.exists().label("seen"), state.label("fsm_state"), data.label("fsm_data"), User)
        .select_from(anchor)
        .outerjoin(User, match)
    )
    row = (await session.execute(statement)).one()
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

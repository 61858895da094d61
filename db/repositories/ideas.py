"""Queries on ideas, supports, reports, the status history and staff chat topics."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, String, cast, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Idea,
    IdeaEvent,
    IdeaReport,
    IdeaStatus,
    IdeaSupport,
    OutboxMessage,
    StaffTopic,
)

# Statuses of ideas that were published and are shown to everyone (unless hidden).
PUBLIC = (
    IdeaStatus.PUBLISHED, IdeaStatus.FORWARDED, IdeaStatus.IMPLEMENTED, IdeaStatus.NOT_PURSUED,
)  # fmt: skip


async def get(session: AsyncSession, idea_id: int, *, lock: bool = False) -> Idea | None:
    """One idea by id (locked for update on PostgreSQL when asked)."""
    query = select(Idea).where(Idea.id == idea_id)
    if lock:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def by_draft_key(session: AsyncSession, draft_key: str) -> Idea | None:
    """The idea created from a hand-in draft, if any."""
    return (
        await session.execute(select(Idea).where(Idea.draft_key == draft_key))
    ).scalar_one_or_none()


async def max_number(session: AsyncSession, year: int) -> int:
    """The highest reference number used in a year (0 if none)."""
    return int(await session.scalar(select(func.max(Idea.number)).where(Idea.year == year)) or 0)


async def count_since(session: AsyncSession, user_id: int, since: datetime) -> int:
    """Ideas a resident handed in since a moment."""
    query = select(func.count()).where(Idea.user_id == user_id, Idea.created_at >= since)
    return int(await session.scalar(query) or 0)


async def reports_since(session: AsyncSession, user_id: int, since: datetime) -> int:
    """Reports a resident made since a moment."""
    query = select(func.count()).where(
        IdeaReport.user_id == user_id, IdeaReport.created_at >= since
    )
    return int(await session.scalar(query) or 0)


async def involvement(session: AsyncSession, user_id: int) -> tuple[int, int, int]:
    """How many ideas a resident handed in, supports and reported."""
    counts = []
    for table in (Idea, IdeaSupport, IdeaReport):
        query = select(func.count()).select_from(table).where(table.user_id == user_id)
        counts.append(int(await session.scalar(query) or 0))
    return counts[0], counts[1], counts[2]


async def of_user(session: AsyncSession, user_id: int, limit: int | None = 20) -> list[Idea]:
    """A resident's own ideas, newest first (all of them with limit=None)."""
    query = select(Idea).where(Idea.user_id == user_id).order_by(Idea.id.desc()).limit(limit)
    return list((await session.execute(query)).scalars())


def _public(topic: str | None, district: str | None) -> Select[Any]:
    query = select(Idea).where(Idea.status.in_(PUBLIC), Idea.hidden.is_(False))
    if topic:
        query = query.where(Idea.topic == topic)
    if district:
        query = query.where(Idea.district == district)
    return query


async def count_public(session: AsyncSession, topic: str | None, district: str | None) -> int:
    """How many visible published ideas match the filter."""
    inner = _public(topic, district).with_only_columns(Idea.id).subquery()
    return int(await session.scalar(select(func.count()).select_from(inner)) or 0)


async def public_page(
    session: AsyncSession,
    topic: str | None,
    district: str | None,
    *,
    most_supported: bool,
    offset: int,
    limit: int,
) -> list[tuple[Idea, int]]:
    """One page of visible published ideas with their support counts."""
    supports = (
        select(func.count())
        .where(IdeaSupport.idea_id == Idea.id)
        .correlate(Idea)
        .scalar_subquery()
        .label("supports")
    )
    query = _public(topic, district).add_columns(supports)
    if most_supported:
        query = query.order_by(supports.desc(), Idea.published_at.desc(), Idea.id.desc())
    else:
        query = query.order_by(Idea.published_at.desc(), Idea.id.desc())
    rows = await session.execute(query.offset(offset).limit(limit))
    return [(idea, int(count)) for idea, count in rows]


async def support_count(session: AsyncSession, idea_id: int) -> int:
    """How many people support an idea."""
    query = select(func.count()).where(IdeaSupport.idea_id == idea_id)
    return int(await session.scalar(query) or 0)


async def report_count(session: AsyncSession, idea_id: int) -> int:
    """How many distinct people reported an idea."""
    query = select(func.count()).where(IdeaReport.idea_id == idea_id)
    return int(await session.scalar(query) or 0)


async def supported_by(session: AsyncSession, user_id: int, idea_ids: list[int]) -> set[int]:
    """Which of these ideas the resident supports."""
    if not idea_ids:
        return set()
    query = select(IdeaSupport.idea_id).where(
        IdeaSupport.user_id == user_id, IdeaSupport.idea_id.in_(idea_ids)
    )
    return set((await session.execute(query)).scalars())


async def support(session: AsyncSession, idea_id: int, user_id: int) -> IdeaSupport | None:
    """The resident's support of an idea, if any."""
    return await session.get(IdeaSupport, (idea_id, user_id))


async def report(session: AsyncSession, idea_id: int, user_id: int) -> IdeaReport | None:
    """The resident's report of an idea, if any."""
    return await session.get(IdeaReport, (idea_id, user_id))


async def events_of(session: AsyncSession, idea_id: int) -> list[IdeaEvent]:
    """An idea's status history, oldest first."""
    query = select(IdeaEvent).where(IdeaEvent.idea_id == idea_id).order_by(IdeaEvent.id)
    return list((await session.execute(query)).scalars())


async def staff_topic(session: AsyncSession, chat_id: int, name: str) -> int | None:
    """The thread id of a forum topic the bot created earlier in a staff chat."""
    return await session.scalar(
        select(StaffTopic.thread_id).where(StaffTopic.chat_id == chat_id, StaffTopic.name == name)
    )


async def staff_card(session: AsyncSession, idea: Idea) -> tuple[int, int] | None:
    """(chat id, message id) of the idea's card in the staff chat, once it was sent."""
    if idea.staff_chat_id is not None and idea.staff_message_id is not None:
        return idea.staff_chat_id, idea.staff_message_id  # posted before the outbox did it
    query = select(OutboxMessage.chat_id, OutboxMessage.message_id).where(
        OutboxMessage.dedupe_key == f"idea:{idea.id}:staff:card",
        OutboxMessage.message_id.is_not(None),
    )
    row = (await session.execute(query)).first()
    return (row[0], row[1]) if row and row[1] is not None else None


async def open_without_staff_post(session: AsyncSession, statuses: tuple[str, ...]) -> list[Idea]:
    """Undecided ideas whose card was never queued (no staff chat was set), oldest first."""
    key = literal("idea:") + cast(Idea.id, String) + literal(":staff:card")
    queued = select(OutboxMessage.id).where(OutboxMessage.dedupe_key == key).exists()
    query = select(Idea).where(Idea.status.in_(statuses), Idea.staff_message_id.is_(None), ~queued)
    return list((await session.execute(query.order_by(Idea.id))).scalars())

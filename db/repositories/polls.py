"""Queries on polls, their variants, the native polls sent, votes and youth groups."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Poll,
    PollMessage,
    PollStatus,
    PollVariant,
    PollVote,
    YouthGroup,
    YouthGroupStatus,
)


def _insert(session: AsyncSession) -> Any:
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    return pg_insert if dialect == "postgresql" else sqlite_insert


async def get(session: AsyncSession, poll_id: int, *, lock: bool = False) -> Poll | None:
    """One poll (locked for update on PostgreSQL when asked)."""
    query = select(Poll).where(Poll.id == poll_id)
    if lock:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def variants(session: AsyncSession, poll_id: int) -> dict[str, tuple[str, list[str]]]:
    """{language: (question, options)} of one poll."""
    rows = await session.execute(select(PollVariant).where(PollVariant.poll_id == poll_id))
    return {v.language: (v.question, json.loads(v.options)) for v in rows.scalars()}


async def machine_variants(session: AsyncSession, poll_id: int) -> frozenset[str]:
    """The languages of a poll whose variant machine translation made."""
    rows = await session.execute(
        select(PollVariant.language).where(PollVariant.poll_id == poll_id, PollVariant.machine)
    )
    return frozenset(rows.scalars())


async def message(session: AsyncSession, telegram_poll_id: str) -> PollMessage | None:
    """The native poll Telegram knows under this id, if we sent it."""
    return await session.get(PollMessage, telegram_poll_id)


async def add_messages(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Remember sent native polls (a row already known is left as it is)."""
    statement = _insert(session)(PollMessage).values(rows)
    await session.execute(statement.on_conflict_do_nothing(index_elements=["telegram_poll_id"]))


async def messages_of(session: AsyncSession, poll_id: int) -> list[PollMessage]:
    """Every native poll sent for a poll."""
    query = select(PollMessage).where(PollMessage.poll_id == poll_id)
    return list((await session.execute(query)).scalars())


async def upsert_vote(session: AsyncSession, values: dict[str, Any]) -> None:
    """Insert a vote or replace the voter's earlier one."""
    statement = _insert(session)(PollVote).values(**values)
    changed = {k: statement.excluded[k] for k in values if k not in ("poll_id", "voter")}
    await session.execute(
        statement.on_conflict_do_update(index_elements=["poll_id", "voter"], set_=changed)
    )


async def delete_vote(session: AsyncSession, poll_id: int, voter: str) -> bool:
    """Retract a vote; True if there was one."""
    result = await session.execute(
        delete(PollVote).where(PollVote.poll_id == poll_id, PollVote.voter == voter)
    )
    return bool(getattr(result, "rowcount", 0))


async def delete_private_messages(session: AsyncSession, chat_id: int) -> None:
    """Forget the native polls sent to one resident's private chat."""
    await session.execute(
        delete(PollMessage).where(PollMessage.chat_id == chat_id, PollMessage.is_group.is_(False))
    )


async def voters(session: AsyncSession, poll_id: int) -> set[str]:
    """Every voter key of a poll."""
    query = select(PollVote.voter).where(PollVote.poll_id == poll_id)
    return set((await session.execute(query)).scalars())


async def has_voted(session: AsyncSession, poll_id: int, voter: str) -> bool:
    """Whether this voter key has a vote in the poll."""
    query = select(PollVote.voter).where(PollVote.poll_id == poll_id, PollVote.voter == voter)
    return (await session.execute(query)).first() is not None


async def vote_cells(
    session: AsyncSession, poll_id: int, option_count: int
) -> list[tuple[str, str | None, str | None, int, list[int]]]:
    """(language, district, age group, voters, votes per option): one scan of the votes."""
    # (choices >> i) & 1 is plain integer arithmetic: the cheapest per-row test on both databases.
    per_option = [func.sum(PollVote.choices.op(">>")(i).op("&")(1)) for i in range(option_count)]
    query = (
        select(PollVote.language, PollVote.district, PollVote.age_group, func.count(), *per_option)
        .where(PollVote.poll_id == poll_id)
        .group_by(PollVote.language, PollVote.district, PollVote.age_group)
    )
    rows = await session.execute(query)
    return [(r[0], r[1], r[2], int(r[3]), [int(n or 0) for n in r[4:]]) for r in rows.all()]


async def group_tallies(session: AsyncSession, poll_id: int) -> list[tuple[list[int], int]]:
    """(counts per option, voters) of every youth group's native poll."""
    query = select(PollMessage.tally, PollMessage.tally_voters).where(
        PollMessage.poll_id == poll_id, PollMessage.is_group.is_(True)
    )
    rows = await session.execute(query)
    return [(json.loads(tally) if tally else [], int(n)) for tally, n in rows.all()]


async def private_recipients(session: AsyncSession, poll_id: int) -> int:
    """How many residents got the poll."""
    query = select(func.count()).where(
        PollMessage.poll_id == poll_id, PollMessage.is_group.is_(False)
    )
    return int(await session.scalar(query) or 0)


async def open_polls(session: AsyncSession, now: datetime) -> list[Poll]:
    """Polls one can vote in now, newest first."""
    query = select(Poll).where(Poll.status == PollStatus.OPEN, Poll.closes_at > now)
    return list((await session.execute(query.order_by(Poll.id.desc()))).scalars())


async def due_to_start(session: AsyncSession, now: datetime) -> list[Poll]:
    """Scheduled polls whose start has come."""
    query = select(Poll).where(Poll.status == PollStatus.SCHEDULED, Poll.starts_at <= now)
    return list((await session.execute(query)).scalars())


async def due_to_close(session: AsyncSession, now: datetime) -> list[Poll]:
    """Open or scheduled polls whose closing time has passed."""
    query = select(Poll).where(
        Poll.status.in_((PollStatus.OPEN, PollStatus.SCHEDULED)), Poll.closes_at <= now
    )
    return list((await session.execute(query)).scalars())


async def claim_status(
    session: AsyncSession, poll_id: int, old: tuple[PollStatus, ...], new: PollStatus
) -> bool:
    """Move a poll from one of `old` to `new`; False if another process was first."""
    result = await session.execute(
        update(Poll).where(Poll.id == poll_id, Poll.status.in_(old)).values(status=new)
    )
    return bool(getattr(result, "rowcount", 0))


async def claim_results_push(session: AsyncSession, poll_id: int, now: datetime) -> bool:
    """Mark a closed poll's results as sent to its voters; False if they already were."""
    result = await session.execute(
        update(Poll)
        .where(
            Poll.id == poll_id, Poll.status == PollStatus.CLOSED, Poll.results_pushed_at.is_(None)
        )
        .values(results_pushed_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


async def group(session: AsyncSession, chat_id: int) -> YouthGroup | None:
    """A registered (or requested) youth group."""
    return await session.get(YouthGroup, chat_id)


async def approved_groups(session: AsyncSession) -> list[YouthGroup]:
    """Groups that can be a poll audience."""
    query = select(YouthGroup).where(YouthGroup.status == YouthGroupStatus.APPROVED)
    return list((await session.execute(query)).scalars())


async def overview(session: AsyncSession) -> list[tuple[Poll, str, int]]:
    """(poll, German question, votes) of every poll, newest first."""
    votes = (
        select(func.count()).where(PollVote.poll_id == Poll.id).correlate(Poll).scalar_subquery()
    )
    query = (
        select(Poll, PollVariant.question, votes)
        .join(PollVariant, (PollVariant.poll_id == Poll.id) & (PollVariant.language == "de"))
        .order_by(Poll.id.desc())
    )
    return [(poll, question, int(n)) for poll, question, n in (await session.execute(query)).all()]


async def poll_ids(session: AsyncSession) -> list[int]:
    """Every poll's id."""
    return list((await session.execute(select(Poll.id))).scalars())


async def by_draft_key(session: AsyncSession, draft_key: str) -> Poll | None:
    """The poll created from this draft (or seeded under this key), if any."""
    return (
        await session.execute(select(Poll).where(Poll.draft_key == draft_key))
    ).scalar_one_or_none()

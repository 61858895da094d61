"""Queries for re-keying poll votes (`stadtstimme polls rekey`) and the start-up check."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table, bindparam, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import PollMessage, PollVote, User

_VOTES = cast(Table, PollVote.__table__)
CHUNK = 1000  # keys per IN (…): well below every driver's limit of bound parameters


async def resident_ids(session: AsyncSession, *, limit: int | None = None) -> list[int]:
    """Telegram ids of the known residents (the newest first when limited)."""
    query = select(User.telegram_id).order_by(User.id.desc()).limit(limit)
    return list((await session.execute(query)).scalars())


async def polls_with_votes(session: AsyncSession) -> list[int]:
    """Ids of the polls that hold at least one vote, newest first."""
    query = select(PollVote.poll_id).distinct().order_by(PollVote.poll_id.desc())
    return list((await session.execute(query)).scalars())


async def newest_poll_with_votes(session: AsyncSession) -> int | None:
    """The newest poll that holds a vote (read from the primary key's index)."""
    return await session.scalar(select(func.max(PollVote.poll_id)))


async def private_recipients(session: AsyncSession, poll_id: int, limit: int) -> list[int]:
    """Chat ids of residents a poll was sent to privately (at most `limit`)."""
    query = (
        select(PollMessage.chat_id)
        .where(PollMessage.poll_id == poll_id, PollMessage.is_group.is_(False))
        .limit(limit)
    )
    return list((await session.execute(query)).scalars())


async def any_vote_of(session: AsyncSession, poll_id: int, voters: list[str]) -> bool:
    """Whether one of these voter keys has a vote in the poll."""
    if not voters:
        return False
    query = select(PollVote.voter).where(PollVote.poll_id == poll_id, PollVote.voter.in_(voters))
    return (await session.execute(query.limit(1))).first() is not None


async def rename_voters(session: AsyncSession, poll_id: int, renames: dict[str, str]) -> None:
    """Give votes a new voter key ({old: new}); the new keys must be free in the poll."""
    if not renames:
        return
    statement = (
        update(_VOTES)
        .where(_VOTES.c.poll_id == poll_id, _VOTES.c.voter == bindparam("old"))
        .values(voter=bindparam("new"))
    )
    await session.execute(statement, [{"old": o, "new": n} for o, n in renames.items()])


async def delete_voters(session: AsyncSession, poll_id: int, voters: list[str]) -> None:
    """Delete these voters' votes in one poll."""
    for start in range(0, len(voters), CHUNK):
        chunk = voters[start : start + CHUNK]
        await session.execute(
            delete(PollVote).where(PollVote.poll_id == poll_id, PollVote.voter.in_(chunk))
        )

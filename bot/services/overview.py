"""What staff see at a glance: residents, activity, work waiting, messages queued.

Counts by a resident's attribute hide cells below five (`SMALL`), as poll breakdowns do, so a
rare language in a small district can't point to a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from sqlalchemy import func, literal_column, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.clock import Clock
from db.models import Idea, OutboxMessage, User

SMALL = 5
WEEKS = 12  # the "new residents per week" chart
WAITING = ("submitted", "in_review")  # ideas a moderator still has to decide


@dataclass(frozen=True)
class Overview:
    residents: int
    active_30_days: int
    by_language: list[tuple[str, int | None]]  # None: fewer than SMALL, not shown
    ideas_waiting: int
    outbox_pending: int
    # (Monday of the week in the city's time, residents who started the bot that week), oldest
    # first, the current week last. A count over time, not an attribute: shown exactly.
    new_per_week: list[tuple[date, int]]


async def new_per_week(session: AsyncSession, clock: Clock, zone: tzinfo) -> list[tuple[date, int]]:
    """Residents new in each of the last WEEKS weeks (Monday to Sunday in the city's time)."""
    today = clock.now().astimezone(zone).date()
    mondays = [today - timedelta(days=today.weekday(), weeks=n) for n in range(WEEKS - 1, -1, -1)]
    start = datetime.combine(mondays[0], time(), zone).astimezone(UTC)
    joined = await session.scalars(select(User.created_at).where(User.created_at >= start))
    counts = dict.fromkeys(mondays, 0)
    for moment in joined:
        day = moment.astimezone(zone).date()
        monday = day - timedelta(days=day.weekday())
        if monday in counts:  # a clock behind the database's may put one in next week
            counts[monday] += 1
    return list(counts.items())


async def overview(session: AsyncSession, clock: Clock, zone: tzinfo) -> Overview:
    """The overview page's figures, read in one go."""
    residents = await session.scalar(select(func.count()).select_from(User)) or 0
    since = clock.now() - timedelta(days=30)
    active = await session.scalar(
        select(func.count()).select_from(User).where(User.last_seen_at >= since)
    )
    # A literal, not a bound parameter: PostgreSQL must see the same expression in GROUP BY.
    language = func.coalesce(User.language, User.telegram_language, literal_column("'?'"))
    languages = await session.execute(
        select(language, func.count()).group_by(language).order_by(func.count().desc())
    )
    waiting = await session.scalar(
        select(func.count()).select_from(Idea).where(Idea.status.in_(WAITING))
    )
    pending = await session.scalar(
        select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == "pending")
    )
    return Overview(
        residents, active or 0,
        [(str(code), count if count >= SMALL else None) for code, count in languages],
        waiting or 0, pending or 0, await new_per_week(session, clock, zone),
    )  # fmt: skip

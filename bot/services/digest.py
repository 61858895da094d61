"""The moderator digest: each morning one message in the staff chat with what waits for staff —
ideas past their response time, reported ideas, this week's meetings, scheduled announcements.

Queued through the outbox with one dedupe key per local date, so it goes out once a day however
often the tick runs, the process restarts or several processes tick.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.outbox import NOTICE, enqueue
from bot.services.clock import Clock
from db.models import (
    Campaign,
    CampaignStatus,
    Idea,
    IdeaReport,
    IdeaStatus,
    Meeting,
    MeetingStatus,
    OutboxMessage,
)

WAITING = (IdeaStatus.SUBMITTED, IdeaStatus.IN_REVIEW)  # a moderator still has to decide
# Reported ideas a moderator may still act on (a decided, final idea stays as it is).
REPORTABLE = (*WAITING, IdeaStatus.PUBLISHED, IdeaStatus.FORWARDED)
NEW_REPORTS = timedelta(days=1)  # reports since the previous digest
SHOWN = 10  # lines per section at most; the count says how many there are


@dataclass(frozen=True)
class Reported:
    reference: str
    reports: int
    hidden: bool


@dataclass(frozen=True)
class Digest:
    """What waits for staff on one morning; each list oldest / soonest first."""

    day: date
    overdue: list[tuple[str, datetime]]  # (reference, handed in)
    overdue_count: int
    reported: list[Reported]
    meetings: list[Meeting]
    campaigns: list[Campaign]

    @property
    def empty(self) -> bool:
        return not (self.overdue_count or self.reported or self.meetings or self.campaigns)


# Renders the staff chat's message (HTML) from a digest.
DigestRenderer = Callable[[Digest], str]


def digest_key(day: date) -> str:
    return f"digest:{day.isoformat()}"


def working_days_before(day: date, days: int) -> date:
    """The date `days` working days (Monday to Friday) before `day`."""
    while days:
        day -= timedelta(days=1)
        days -= day.weekday() < 5
    return day


def _local_midnight(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(0), zone)


async def gather(session: AsyncSession, now: datetime, zone: tzinfo, response_days: int) -> Digest:
    """Read the digest's four sections for the local day of `now`."""
    today = now.astimezone(zone).date()
    # Handed in before this local midnight: waiting longer than the working days promised.
    due = _local_midnight(working_days_before(today, response_days), zone)
    overdue_query = select(Idea.reference, Idea.created_at).where(
        Idea.status.in_(WAITING), Idea.created_at < due
    )
    overdue = (await session.execute(overdue_query.order_by(Idea.created_at))).all()
    reports = func.count(IdeaReport.user_id)
    reported_query = (
        select(Idea.reference, reports, Idea.hidden)
        .join(IdeaReport, IdeaReport.idea_id == Idea.id)
        .where(Idea.status.in_(REPORTABLE))
        .group_by(Idea.id, Idea.reference, Idea.hidden)
        .having(or_(Idea.hidden, func.max(IdeaReport.created_at) >= now - NEW_REPORTS))
        .order_by(Idea.hidden.desc(), reports.desc(), Idea.id)
    )
    reported = [Reported(*row) for row in (await session.execute(reported_query)).all()]
    week_end = _local_midnight(today + timedelta(days=7 - today.weekday()), zone)  # next Monday
    meetings = await session.scalars(
        select(Meeting)
        .where(Meeting.status == MeetingStatus.PUBLISHED, Meeting.ends_at > now,
               Meeting.starts_at < week_end)
        .order_by(Meeting.starts_at)
    )  # fmt: skip
    campaigns = await session.scalars(
        select(Campaign)
        .where(Campaign.status == CampaignStatus.SCHEDULED, Campaign.send_at > now)
        .order_by(Campaign.send_at)
    )
    return Digest(
        today, [(ref, at) for ref, at in overdue[:SHOWN]], len(overdue), reported[:SHOWN],
        list(meetings)[:SHOWN], list(campaigns)[:SHOWN],
    )  # fmt: skip


async def queue_today(
    session: AsyncSession,
    clock: Clock,
    *,
    chat_id: int,
    at: time,
    zone: tzinfo,
    response_days: int,
    render: DigestRenderer,
) -> bool:
    """Queue today's digest once its local time has come; False: not yet, or already queued."""
    now = clock.now()
    local = now.astimezone(zone)
    if local.time() < at:
        return False
    key = digest_key(local.date())
    if await session.scalar(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == key)):
        return False
    digest = await gather(session, now, zone, response_days)
    # A digest not sent by the end of its day is stale: tomorrow's replaces it.
    ends = _local_midnight(local.date() + timedelta(days=1), zone)
    queued = await enqueue(
        session, chat_id=chat_id, method="sendMessage", dedupe_key=key, now=now,
        params={"text": render(digest), "link_preview_options": {"is_disabled": True}},
        priority=NOTICE, expires_at=ends,
    )  # fmt: skip
    await session.commit()
    return queued

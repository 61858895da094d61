"""Residents and published ideas: browse, support (toggle) and report (hides after N people)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.clock import Clock
from bot.services.ideas.lifecycle import DAY, IdeaError
from bot.services.ideas.notices import notify_author
from db.models import Idea, IdeaActor, IdeaEvent, IdeaReport, IdeaSupport, User
from db.repositories import ideas as repo

PAGE_SIZE = 5
REPORT_REASONS = ("spam", "offensive", "personal", "wrong", "other")


@dataclass(frozen=True)
class Page:
    """One page of published ideas with support counts and the reader's own supports."""

    ideas: list[tuple[Idea, int]]
    supported: set[int]
    page: int
    pages: int


def visible(idea: Idea | None) -> bool:
    """Published (or later) and not hidden after reports."""
    return idea is not None and idea.status in repo.PUBLIC and not idea.hidden


async def browse(
    session: AsyncSession,
    user: User,
    *,
    topic: str | None,
    district: str | None,
    most_supported: bool,
    page: int,
) -> Page:
    """A page (0-based, clamped) of visible published ideas matching the filter."""
    total = await repo.count_public(session, topic, district)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    rows = await repo.public_page(
        session, topic, district, most_supported=most_supported,
        offset=page * PAGE_SIZE, limit=PAGE_SIZE,
    )  # fmt: skip
    supported = await repo.supported_by(session, user.id, [idea.id for idea, _ in rows])
    return Page(rows, supported, page, pages)


async def toggle_support(session: AsyncSession, clock: Clock, user: User, idea_id: int) -> bool:
    """Support or stop supporting a visible idea; returns whether it is supported now."""
    idea = await repo.get(session, idea_id)
    if not visible(idea):
        raise IdeaError("not_found", "no such published idea")
    existing = await repo.support(session, idea_id, user.id)
    if existing is not None:
        await session.delete(existing)
        await session.commit()
        return False
    session.add(IdeaSupport(idea_id=idea_id, user_id=user.id, created_at=clock.now()))
    try:
        await session.commit()
    except IntegrityError:  # a twin press: it is supported either way
        await session.rollback()
    return True


async def report(
    session: AsyncSession,
    clock: Clock,
    user: User,
    idea_id: int,
    reason: str,
    *,
    per_day: int,
    hide_after: int,
    hidden_notice: Callable[[Idea, str], str],
    default_language: str,
) -> bool:
    """Report a visible idea once; True when this report hid it (the author is told)."""
    if reason not in REPORT_REASONS:
        raise IdeaError("reason", f"unknown reason {reason!r}")
    user_id, now = user.id, clock.now()
    idea = await repo.get(session, idea_id, lock=True)
    if idea is None or not visible(idea):
        raise IdeaError("not_found", "no such published idea")
    if await repo.report(session, idea_id, user_id) is not None:
        raise IdeaError("already_reported", "already reported")
    if await repo.reports_since(session, user_id, now - DAY) >= per_day:
        raise IdeaError("limit", "too many reports today", limit=per_day)
    session.add(IdeaReport(idea_id=idea_id, user_id=user_id, reason=reason, created_at=now))
    await session.flush()
    hidden_now = False
    if await repo.report_count(session, idea_id) >= hide_after:
        idea.hidden, idea.updated_at, hidden_now = True, now, True
        event = IdeaEvent(
            idea_id=idea_id, actor=IdeaActor.SYSTEM, action="hide", before=idea.status,
            after=idea.status, comment=f"{hide_after} reports", created_at=now,
        )  # fmt: skip
        session.add(event)
        await session.flush()
        await notify_author(
            session, idea, event, lambda language: hidden_notice(idea, language), default_language
        )
    await session.commit()
    return hidden_now

"""One idea as staff see it on the dashboard: the idea, its counts, history and next steps."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ideas.export import history_line
from bot.services.ideas.moderation import TRANSITIONS, allowed
from db.models import Idea, IdeaEvent
from db.repositories import ideas as repo


@dataclass(frozen=True)
class IdeaPage:
    idea: Idea
    supports: int
    reports: int
    history: list[str]
    actions: list[str]  # the decisions staff may take now, in the chat's order


async def by_reference(session: AsyncSession, reference: str) -> IdeaPage | None:
    """The idea with this reference number (I-2026-0001), or None."""
    idea = await session.scalar(select(Idea).where(Idea.reference == reference))
    if idea is None:
        return None
    events = await session.execute(
        select(IdeaEvent).where(IdeaEvent.idea_id == idea.id).order_by(IdeaEvent.id)
    )
    return IdeaPage(
        idea, await repo.support_count(session, idea.id), await repo.report_count(session, idea.id),
        [history_line(event) for event in events.scalars()],
        [action for action in TRANSITIONS if allowed(idea, action)],
    )  # fmt: skip

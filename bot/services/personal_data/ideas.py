"""The ideas' sections of /mydata: ideas handed in, their history, their machine translations,
supports and reports.

Registered in `bot.services.personal_data.sections.SECTIONS`; erased by `ON DELETE CASCADE`.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.personal_data.account import when
from db.models import Idea, IdeaEvent, IdeaReport, IdeaSupport, Translation, User


async def ideas(session: AsyncSession, user: User) -> list[dict[str, Any]]:
    """Every idea the person handed in, whatever became of it."""
    rows = await session.execute(select(Idea).where(Idea.user_id == user.id).order_by(Idea.id))
    return [
        {
            "reference": idea.reference, "status": idea.status, "topic": idea.topic,
            "district": idea.district, "text": idea.text, "photos": len(json.loads(idea.photos)),
            "location": [idea.latitude, idea.longitude] if idea.latitude is not None else None,
            "handed_in": when(idea.created_at), "published": when(idea.published_at),
        }
        for idea in rows.scalars()
    ]  # fmt: skip


async def history(session: AsyncSession, user: User) -> list[dict[str, Any]]:
    """Each status change of the person's ideas, by whom (a role) and the staff's comment.

    Which staff member acted is not shown: that is the employee's data, not the resident's.
    """
    rows = await session.execute(
        select(Idea.reference, IdeaEvent)
        .join(Idea, Idea.id == IdeaEvent.idea_id)
        .where(Idea.user_id == user.id)
        .order_by(Idea.id, IdeaEvent.created_at, IdeaEvent.id)
    )
    return [
        {
            "idea": reference, "action": event.action, "by": event.actor, "before": event.before,
            "after": event.after, "reason": event.reason, "comment": event.comment,
            "at": when(event.created_at),
        }
        for reference, event in rows.all()
    ]  # fmt: skip


async def translations(session: AsyncSession, user: User) -> list[dict[str, Any]]:
    """Machine translations kept with the person's ideas: of the idea, of staff comments."""
    rows = await session.execute(
        select(Idea.reference, Translation)
        .join(Idea, Idea.id == Translation.idea_id)
        .where(Idea.user_id == user.id)
        .order_by(Idea.id, Translation.id)
    )
    return [
        {
            "idea": reference, "from": row.source, "into": row.target, "by": row.provider,
            "translation": row.translated, "at": when(row.created_at),
        }
        for reference, row in rows.all()
    ]  # fmt: skip


async def supports(session: AsyncSession, user: User) -> list[dict[str, Any]]:
    """Ideas the person supports."""
    rows = await session.execute(
        select(Idea.reference, IdeaSupport.created_at)
        .join(Idea, Idea.id == IdeaSupport.idea_id)
        .where(IdeaSupport.user_id == user.id)
        .order_by(IdeaSupport.created_at)
    )
    return [{"idea": reference, "at": when(at)} for reference, at in rows.all()]


async def reports(session: AsyncSession, user: User) -> list[dict[str, Any]]:
    """Ideas the person reported, with the reason given."""
    rows = await session.execute(
        select(Idea.reference, IdeaReport.reason, IdeaReport.created_at)
        .join(Idea, Idea.id == IdeaReport.idea_id)
        .where(IdeaReport.user_id == user.id)
        .order_by(IdeaReport.created_at)
    )
    return [{"idea": ref, "reason": reason, "at": when(at)} for ref, reason, at in rows.all()]

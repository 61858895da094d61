"""A staff decision whose comment reaches the author in the author's language — one path for
the staff chat's buttons and the web dashboard, so both tell the author the same.

The decision is checked before anything is translated: a refused one (an overlong or missing
comment, an idea in another state, an unknown idea) sends nothing to the provider.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.clock import Clock
from bot.services.ideas.lifecycle import IdeaError
from bot.services.ideas.moderation import (
    CardRefresh,
    Decision,
    NoticeRenderer,
    allowed,
    check,
    decide,
)
from bot.services.ideas.translation import CommentTranslation, comment_for_author
from bot.services.translation.engine import Translator
from db.models import Idea, IdeaEvent
from db.repositories import ideas as repo

# The author's notice for a comment's translation (or its absence): the caller's texts.
CommentNotice = Callable[[CommentTranslation], NoticeRenderer]


async def decide_for_author(
    session: AsyncSession,
    clock: Clock,
    translator: Translator | None,
    idea_id: int,
    decision: Decision,
    notice: CommentNotice,
    staff_language: str,
    *,
    card: CardRefresh | None = None,
) -> tuple[Idea, IdeaEvent]:
    """Check the decision, translate its comment for the author (the transaction is committed
    before the provider is asked), then decide — `decide` checks again under the idea's lock —
    and with `card` show it on the staff card. Raises IdeaError as `decide` does."""
    check(decision)
    idea = await repo.get(session, idea_id)
    if idea is None:
        raise IdeaError("not_found", "no such idea")
    if not allowed(idea, decision.action):
        raise IdeaError("not_allowed", f"cannot {decision.action} a {idea.status} idea")
    translation = CommentTranslation()
    if comment := (decision.comment or "").strip():
        translation = await comment_for_author(
            session, translator, idea, comment, staff_language, staff_language
        )
    return await decide(
        session, clock, idea_id, decision, notice(translation), staff_language, card=card
    )

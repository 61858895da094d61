"""What ideas put into the outbox: the author's notices and the post in the staff chat."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.delivery.outbox import NOTICE, enqueue
from bot.services.locale import resolve_language
from db.models import Idea, IdeaEvent, OutboxMessage, User

# One Bot API call for the staff chat: (method, parameters without chat_id).
StaffCall = tuple[str, dict[str, Any]]


@dataclass(frozen=True)
class StaffPost:
    """Where new ideas go for staff, and how one is rendered (photos, place, the card last)."""

    chat_id: int
    render: Callable[[Idea], list[StaffCall]]


def card_key(idea_id: int) -> str:
    """The outbox dedupe key of an idea's card (Telegram's message id is kept on that row)."""
    return f"idea:{idea_id}:staff:card"


async def queue_staff_post(
    session: AsyncSession, idea: Idea, post: StaffPost, *, now: datetime
) -> None:
    """Queue the idea's staff messages in the caller's transaction (once per idea)."""
    calls = post.render(idea)
    for number, (method, params) in enumerate(calls, start=1):
        key = card_key(idea.id) if number == len(calls) else f"idea:{idea.id}:staff:{number}"
        # user_id: the author's, so a post not sent yet goes with the author's deleted data.
        await enqueue(
            session, chat_id=post.chat_id, method=method, params=params, dedupe_key=key,
            now=now, user_id=idea.user_id, priority=NOTICE,
        )  # fmt: skip


async def cancel_staff_post(session: AsyncSession, idea_id: int) -> None:
    """The idea was withdrawn before its staff messages went out: they never will."""
    await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.dedupe_key.like(f"idea:{idea_id}:staff:%"),
            OutboxMessage.status == "pending",
        )
        .values(status="cancelled", last_error="idea withdrawn")
    )


async def notify_author(
    session: AsyncSession,
    idea: Idea,
    event: IdeaEvent,
    text_for: Callable[[str], str],
    default_language: str,
) -> None:
    """Queue the author's notice about an event, in the author's language (flushed event)."""
    if idea.user_id is None:  # kept anonymously after the author deleted their data
        return
    author = await session.get(User, idea.user_id)
    if author is None or not author.reachable:
        return
    language = resolve_language(author.language, author.telegram_language, default_language)
    await enqueue(
        session, chat_id=author.telegram_id, method="sendMessage",
        params={"text": text_for(language)}, dedupe_key=f"idea:{idea.id}:event:{event.id}",
        now=event.created_at, user_id=author.id, priority=NOTICE,
    )  # fmt: skip


async def queue_staff_posts(
    session: AsyncSession, missed: list[Idea], post: StaffPost, now: datetime
) -> None:
    """Queue the staff posts of ideas that never got one, in one transaction."""
    for idea in missed:
        await queue_staff_post(session, idea, post, now=now)
    await session.commit()

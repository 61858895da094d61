"""What ideas put into the outbox: the author's notices and the post in the staff chat."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.outbox import NOTICE, enqueue
from bot.services.locale import resolve_language
from db.models import Idea, IdeaEvent, OutboxMessage, OutboxStatus, User
from db.repositories import ideas as repo

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


async def staff_topic(session: AsyncSession, chat_id: int, name: str) -> int | None:
    """The thread id of the forum topic the bot created earlier in the staff chat, if any."""
    return await repo.staff_topic(session, chat_id, name)


async def card_message(session: AsyncSession, idea: Idea) -> tuple[int, int] | None:
    """(chat id, message id) of the idea's card in the staff chat, once it was sent."""
    return await repo.staff_card(session, idea)


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


async def remember_staff_note(session: AsyncSession, idea: Idea, note: str) -> None:
    """Keep the staff card's "Last change" lines with the idea: every later edit of the card
    (its translation arriving, a report hiding it) shows them again."""
    idea.staff_note = note
    await session.commit()


async def cancel_staff_post(session: AsyncSession, idea_id: int) -> None:
    """The idea was withdrawn before its staff messages went out: they never will."""
    await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.dedupe_key.like(f"idea:{idea_id}:staff:%"),
            OutboxMessage.status == OutboxStatus.PENDING,
        )
        .values(status=OutboxStatus.CANCELLED, last_error="idea withdrawn")
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

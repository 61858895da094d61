"""The polls' section of /mydata: which polls were sent to the person's private chat.

Votes have no section: they are stored under a keyed hash, not linked to the person (the
handler says so). Erased by `poll_votes.forget`, which `personal_data.erase` calls.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.personal_data.account import when
from db.models import Poll, PollMessage, User
from db.repositories import polls as repo


async def sent_to_you(session: AsyncSession, user: User) -> list[dict[str, Any]]:
    """Each poll sent to the person: the question in the language it was sent in, and when."""
    rows = await session.execute(
        select(PollMessage, Poll)
        .join(Poll, Poll.id == PollMessage.poll_id)
        .where(PollMessage.chat_id == user.telegram_id, PollMessage.is_group.is_(False))
        .order_by(PollMessage.sent_at, Poll.id)
    )
    found = []
    for message, poll in rows.all():
        variants = await repo.variants(session, poll.id)
        question, _options = variants.get(message.language) or variants.get("de") or ("", [])
        found.append(
            {"poll": poll.id, "question": question, "language": message.language,
             "sent": when(message.sent_at), "closes": when(poll.closes_at), "status": poll.status}
        )  # fmt: skip
    return found

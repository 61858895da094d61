"""Everything stored about one person: export (Art. 15/20 GDPR) and erasure (Art. 17).

Each feature registers a section in `personal_data_sections.SECTIONS` (naming the columns it
exports; a test checks every column that can hold a person's id is covered) and relies on
`ON DELETE CASCADE` from `users` for erasure; rows keyed by the Telegram id instead of the user
row (conversation state, queued messages, polls sent, poll votes under their keyed hash) are
removed here. A test scans every table and column for the Telegram id and the vote hash after
erasure, so a feature that forgets this is caught. Conversation state kept in Redis is removed by
the caller (`bot.storage.forget_conversations`): services don't know the FSM storage. Places
the person held at upcoming meetings go to the waiting lists first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.budget import voters as budget_voters
from bot.services.clock import Clock
from bot.services.ideas import erasure as idea_erasure
from bot.services.ideas.erasure import StaffChatTexts
from bot.services.meetings.renderer import NoticeRenderer
from bot.services.personal_data import erasure_log, meetings
from bot.services.personal_data.account import persons_key
from bot.services.personal_data.sections import KEYED_SECTIONS, SECTIONS
from bot.services.polls import votes as poll_votes
from bot.services.volunteering import cards as volunteer_cards
from db.models import FsmRecord, Idea, IdeaStatus, OutboxMessage, User
from db.repositories import users as user_repo

# Statuses of ideas everyone can see; the author may keep these anonymously when leaving.
PUBLIC_STATUSES = (
    IdeaStatus.PUBLISHED, IdeaStatus.FORWARDED, IdeaStatus.IMPLEMENTED, IdeaStatus.NOT_PURSUED,
)  # fmt: skip


@dataclass(frozen=True)
class Erasure:
    """What erasing needs: the votes' key, what tells a waiting list that a place is free, the
    staff chat's texts for the posts of the person's ideas, and the line an organisation's
    interest card shows when Telegram no longer lets the bot delete it."""

    poll_key: bytes
    clock: Clock
    render: NoticeRenderer
    default_language: str
    staff_chat: StaffChatTexts
    volunteer_card_removed: str


async def export(
    session: AsyncSession, clock: Clock, user: User, voter_secret: bytes
) -> dict[str, Any]:
    """The whole document: every registered section, plus when it was made.

    `voter_secret` (Settings.poll_key) finds the rows stored under a keyed hash of the person."""
    document: dict[str, Any] = {"created": clock.now().isoformat()}
    for section in SECTIONS:
        document[section.name] = await section.export(session, user)
    for keyed in KEYED_SECTIONS:
        document[keyed.name] = await keyed.export(session, user, voter_secret)
    return document


async def erase(session: AsyncSession, user: User, how: Erasure, *, keep_public_ideas: bool) -> int:
    """Delete the person and everything linked; returns how many ideas were kept anonymously.

    The one way a person's data is erased: /delete, Settings → Privacy, `stadtstimme users
    delete` and the retention tick all come here (so the staff chat posts and the interest
    cards in organisations' groups go too)."""
    await meetings.hand_back_places(session, how.clock, user, how.render, how.default_language)
    kept: list[int] = []
    if keep_public_ideas:
        public = Idea.user_id == user.id, Idea.status.in_(PUBLIC_STATUSES)
        kept = list((await session.execute(select(Idea.id).where(*public))).scalars())
        await session.execute(
            update(Idea).where(Idea.id.in_(kept)).values(user_id=None, draft_key=None)
        )
    await idea_erasure.forget_posts(session, user.id, kept, how.staff_chat, how.clock.now())
    await volunteer_cards.forget(session, user.id, how.volunteer_card_removed, how.clock.now())
    telegram_id = user.telegram_id
    await _forget_conversations(session, telegram_id)
    await session.execute(delete(OutboxMessage).where(OutboxMessage.chat_id == telegram_id))
    await poll_votes.forget(session, how.poll_key, telegram_id)
    await budget_voters.forget(session, how.poll_key, telegram_id)
    # Only a keyed hash and the time: what a restored backup needs to repeat this erasure.
    erasure_log.record(session, how.poll_key, telegram_id, how.clock.now())
    await user_repo.remove(session, user)
    await session.commit()
    return len(kept)


async def _forget_conversations(session: AsyncSession, telegram_id: int) -> None:
    """Delete the person's conversation rows: keys where they are the chat or the user."""
    candidates = await session.scalars(
        select(FsmRecord.key).where(FsmRecord.key.like(f"%:{telegram_id}:%"))
    )
    # The pattern also matches a thread id equal to the person's id: only whole parts count.
    keys = [key for key in candidates if persons_key(key, telegram_id)]
    if keys:
        await session.execute(delete(FsmRecord).where(FsmRecord.key.in_(keys)))

"""The idea's card in the staff chat after a decision taken elsewhere (the dashboard): the
card's edit is queued through the outbox in the decision's transaction, so it is not lost.

A decision in the chat edits its card at once (the presser sees it); a decision on the
dashboard has no Bot at hand and queues the edit. Either one supersedes an edit still queued
from an earlier decision or by the translation tick, so an older state never overwrites a
newer one (the newer card shows the stored translation, and the "Last change" lines).
"""

from __future__ import annotations

from sqlalchemy import or_, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.outbox import NOTICE, enqueue
from bot.services.ideas.card_translation import StaffCard, translated_key, unavailable_key
from db.models import Idea, IdeaEvent, OutboxMessage, OutboxStatus
from db.repositories import ideas as repo


def edit_key_prefix(idea_id: int) -> str:
    return f"idea:{idea_id}:card-edit:"


def edit_key(idea_id: int, event_id: int) -> str:
    """The dedupe key of the card edit that shows one decision (once per decision)."""
    return f"{edit_key_prefix(idea_id)}{event_id}"


async def supersede(session: AsyncSession, idea: Idea) -> None:
    """Queued card edits of earlier decisions, and the translation tick's, will not be sent:
    a newer state is on its way (with the translation, which is stored before its edit)."""
    where = await repo.staff_card(session, idea)
    if where is None:
        return  # no card sent, so no edit was ever queued
    await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.chat_id == where[0],  # indexed: the staff chat's rows, not the outbox
            OutboxMessage.status == OutboxStatus.PENDING,
            or_(
                OutboxMessage.dedupe_key.like(edit_key_prefix(idea.id) + "%"),
                OutboxMessage.dedupe_key.in_([translated_key(idea.id), unavailable_key(idea.id)]),
            ),
        )
        .values(status=OutboxStatus.CANCELLED, last_error="superseded by a newer card")
        .execution_options(synchronize_session=False)
    )


async def queue_edit(session: AsyncSession, idea: Idea, event: IdeaEvent, card: StaffCard) -> bool:
    """Queue the card's edit (caller's transaction); False when the card was never sent."""
    where = await repo.staff_card(session, idea)
    if where is None:
        return False
    params = {"message_id": where[1]} | await card.params(session, idea)
    # user_id: the author's, so an edit not sent yet goes with the author's deleted data.
    return await enqueue(
        session, chat_id=where[0], method="editMessageText", params=params,
        dedupe_key=edit_key(idea.id, event.id), now=event.created_at, user_id=idea.user_id,
        priority=NOTICE,
    )  # fmt: skip

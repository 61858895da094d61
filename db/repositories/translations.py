"""Queries on machine translations and the ideas waiting for one on their staff card."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, and_, cast, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Idea, OutboxMessage, Translation, TranslationFailure

# The dedupe key ending of the outbox row that adds the translation to an idea's staff card.
TRANSLATED = ":staff:translated"
# … and of the one that says the translation is unavailable (the tick gave up).
UNAVAILABLE = ":staff:untranslated"


def _key(suffix: str) -> object:
    return literal("idea:") + cast(Idea.id, String) + literal(suffix)


async def awaiting_card_translation(
    session: AsyncSession,
    target: str,
    provider: str,
    now: datetime,
    since: datetime,
    give_up: int,
    limit: int,
) -> list[Idea]:
    """Ideas in another language than `target`, handed in since `since`, whose staff card was
    sent and has not had its translation queued yet, leaving out those whose last failure
    asks to wait past `now` and those that failed `give_up` times; oldest first."""
    sent = OutboxMessage.message_id.is_not(None)
    card = OutboxMessage.dedupe_key == _key(":staff:card")
    card_sent = select(OutboxMessage.id).where(card, sent)
    posted_directly = and_(Idea.staff_chat_id.is_not(None), Idea.staff_message_id.is_not(None))
    translated = select(OutboxMessage.id).where(OutboxMessage.dedupe_key == _key(TRANSLATED))
    waiting = select(TranslationFailure.idea_id).where(
        TranslationFailure.idea_id == Idea.id, TranslationFailure.target == target,
        TranslationFailure.provider == provider,
        or_(TranslationFailure.attempts >= give_up, TranslationFailure.next_try_at > now),
    )  # fmt: skip
    query = (
        select(Idea)
        .where(
            Idea.language.is_not(None), Idea.language != target, Idea.created_at >= since,
            Idea.status != "withdrawn",
            or_(posted_directly, card_sent.exists()),
            ~translated.exists(), ~waiting.exists(),
        )
        .order_by(Idea.id)
        .limit(limit)
    )  # fmt: skip
    return list((await session.execute(query)).scalars())


async def failure(
    session: AsyncSession, idea_id: int, target: str, provider: str
) -> TranslationFailure | None:
    """The count of failed card translations of an idea into `target` by `provider`."""
    return await session.get(TranslationFailure, (idea_id, target, provider))


async def of_ideas(session: AsyncSession, idea_ids: list[int]) -> list[Translation]:
    """The translations stored with these ideas, oldest first."""
    if not idea_ids:
        return []
    query = select(Translation).where(Translation.idea_id.in_(idea_ids)).order_by(Translation.id)
    return list((await session.execute(query)).scalars())

"""Interest cards in an organisation's inbox: where each was posted, and removing them when the
resident's data is erased.

The card's outbox row is deleted once delivered (it holds the resident's message), so the
sender records the chat and message id on the interest (`posted`). Erasure (`forget`, called by
`personal_data.erase`) queues deleting each card through the outbox, with the same pattern as
the ideas' staff chat posts (`ideas.erasure.remove_message`): past Telegram's 48 hours the
delete is refused and the card's text becomes a neutral line instead. A card delivered while
its interest was being erased finds no interest to record on: it is deleted at once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ideas.erasure import remove_message
from bot.services.volunteering.interests import CARD_KEY_PREFIX
from db.models import VolunteerInterest
from db.sqlite_writes import hold_write_lock


def interest_of_card(dedupe_key: str) -> int | None:
    """The interest id of an outbox row that is an interest card; None for any other row."""
    if not dedupe_key.startswith(CARD_KEY_PREFIX):
        return None
    rest = dedupe_key.removeprefix(CARD_KEY_PREFIX)
    return int(rest) if rest.isdigit() else None


async def posted(session: AsyncSession, cards: list[tuple[int, int, int]], now: datetime) -> None:
    """The sender delivered these cards: (interest id, chat id, message id)."""
    for interest_id, chat_id, message_id in cards:
        done = await session.execute(
            update(VolunteerInterest)
            .where(VolunteerInterest.id == interest_id)
            .values(card_chat_id=chat_id, card_message_id=message_id)
        )
        if getattr(done, "rowcount", 0) == 0:  # erased while under way; just sent: deletable
            await remove_message(session, chat_id, message_id, None, now)


async def forget(session: AsyncSession, user_id: int, removed: str, now: datetime) -> None:
    """Queue removing the person's posted cards; `removed` is the neutral text (the inbox's
    language) a card gets when Telegram no longer lets the bot delete it."""
    # SQLite: no card can be recorded between this read and the erasure's delete; PostgreSQL:
    # the row locks make `posted` wait, then find the interest gone and delete the card itself.
    await hold_write_lock(session)
    query = (
        select(VolunteerInterest.card_chat_id, VolunteerInterest.card_message_id)
        .where(VolunteerInterest.user_id == user_id)
        .order_by(VolunteerInterest.id)
        .with_for_update()
    )
    for chat_id, message_id in (await session.execute(query)).all():
        if chat_id is None or message_id is None:
            continue
        fallback = {"method": "editMessageText", "params": {"text": removed}}
        await remove_message(session, chat_id, message_id, fallback, now)

"""What erasing a person does to the staff chat posts of their ideas (`personal_data.erase`).

Each idea's post is its photos, its place pin and its card, sent through the outbox; the outbox
row of each keeps Telegram's message id. An idea that goes with the person: posts not sent yet
are dropped, sent ones are deleted through the outbox (sent once, after crashes and 429s). Bots
may delete their messages in groups only for 48 hours, so a delete Telegram refuses carries a
fallback (`bot.delivery.outcomes` queues it): the card's text becomes "deleted together with its
author's data"; a photo is replaced by a neutral placeholder image with that caption (and if
Telegram refuses that, only the caption changes); a pin can only be deleted, a refusal is logged
and audited. An idea kept anonymously keeps its post, its card loses the author tag, and its rows
lose the author (so the user's removal doesn't cascade to them): later moderation still finds
and updates the card.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.outbox import NOTICE, enqueue
from bot.services.ideas.card_translation import StaffCard
from db.models import Idea, OutboxMessage, OutboxStatus

# Key of the fallback inside a payload; the renderer leaves it out of the call.
FALLBACK = "_fallback"
ERASURE_KEY = "erasure:"  # dedupe keys of the deletes and edits queued here
# A staff post the sender had claimed when its idea was erased: it may still go out.
IN_FLIGHT = ERASURE_KEY + "in-flight:"
MEDIA = {"sendPhoto", "sendDocument"}
# An editMessageMedia row's `media.media` meaning "the neutral placeholder image": the sender
# uploads it (`bot.delivery.placeholder`), the outbox keeps JSON only.
PLACEHOLDER = "erased-placeholder"


@dataclass(frozen=True)
class StaffChatTexts:
    """The staff chat's words (its language): a removed idea's line, a kept idea's new card."""

    removed: Callable[[str], str]  # reference -> text for the card and the photos' captions
    card: StaffCard  # the kept idea's card, its translation and "Last change" lines with it


def post_key(idea_id: int) -> str:
    """LIKE pattern of the dedupe keys of an idea's staff post (photos, pin, card)."""
    return f"idea:{idea_id}:staff:%"


def _fallback(method: str, reference: str, texts: StaffChatTexts) -> dict[str, Any] | None:
    """What replaces a message Telegram won't delete any more; None for a pin. A photo (or
    file) gives way to a neutral placeholder; if Telegram refuses that too, the caption alone."""
    if method in MEDIA:
        caption = {"method": "editMessageCaption", "params": {"caption": texts.removed(reference)}}
        media = {"type": "photo", "media": PLACEHOLDER, "caption": texts.removed(reference)}
        return {"method": "editMessageMedia", "params": {"media": media, FALLBACK: caption}}
    if method == "sendMessage":
        return {"method": "editMessageText", "params": {"text": texts.removed(reference)}}
    return None


async def remove_message(
    session: AsyncSession, chat_id: int, message_id: int, fallback: dict[str, Any] | None,
    now: datetime,
) -> None:  # fmt: skip
    """Queue deleting a message the bot sent in a group; `fallback` replaces it if Telegram
    refuses (past 48 hours). Also used for volunteering cards (`volunteering.cards`)."""
    params: dict[str, Any] = {"message_id": message_id}
    if fallback is not None:
        params[FALLBACK] = fallback
    step = fallback
    while step is not None:  # each fallback, and its own, acts on the same message
        step["params"]["message_id"] = message_id  # chat_id: the row's, like every row
        step = step["params"].get(FALLBACK)
    await enqueue(
        session, chat_id=chat_id, method="deleteMessage", params=params, priority=NOTICE,
        dedupe_key=f"{ERASURE_KEY}{chat_id}:{message_id}", now=now,
    )  # fmt: skip


async def _rows(session: AsyncSession, idea: Idea) -> list[OutboxMessage]:
    query = select(OutboxMessage).where(OutboxMessage.dedupe_key.like(post_key(idea.id)))
    return list((await session.execute(query.order_by(OutboxMessage.id))).scalars())


async def remove_post(
    session: AsyncSession, idea: Idea, texts: StaffChatTexts, now: datetime
) -> None:
    """The idea goes: queue deleting what was sent, drop what wasn't (its rows hold its text)."""
    for row in await _rows(session, idea):
        fallback = _fallback(row.method, idea.reference, texts)
        if row.status == OutboxStatus.SENT and row.message_id is not None:
            await remove_message(session, row.chat_id, row.message_id, fallback, now)
        elif (
            row.status == OutboxStatus.SENDING
        ):  # its result decides (`settle_in_flight`); no idea text
            row.user_id, row.status, row.last_error = None, OutboxStatus.CANCELLED, "idea erased"
            row.dedupe_key, row.payload = f"{IN_FLIGHT}{row.id}", json.dumps({FALLBACK: fallback})
    await session.flush()
    if idea.staff_chat_id is not None and idea.staff_message_id is not None:  # before the outbox
        fallback = _fallback("sendMessage", idea.reference, texts)
        await remove_message(session, idea.staff_chat_id, idea.staff_message_id, fallback, now)
    await session.execute(
        delete(OutboxMessage).where(OutboxMessage.dedupe_key.like(post_key(idea.id)))
    )


def is_staff_post(dedupe_key: str) -> bool:
    """Whether an outbox row is part of an idea's staff post (see `settle_in_flight`)."""
    return dedupe_key.startswith("idea:") and ":staff:" in dedupe_key


async def settle_in_flight(session: AsyncSession, ids: list[int], now: datetime) -> None:
    """The sender's results for staff post rows are written: those whose idea was erased while
    they were under way are deleted if they went out, and never retried if not."""
    query = select(OutboxMessage).where(
        OutboxMessage.id.in_(ids), OutboxMessage.dedupe_key.like(f"{IN_FLIGHT}%")
    )
    for row in (await session.execute(query)).scalars().all():
        if row.status == OutboxStatus.SENT and row.message_id is not None:
            fallback = json.loads(row.payload or "{}").get(FALLBACK)
            await remove_message(session, row.chat_id, row.message_id, fallback, now)
        await session.delete(row)


async def keep_post(
    session: AsyncSession, idea: Idea, texts: StaffChatTexts, now: datetime
) -> None:
    """The idea stays without its author (user_id already None): the card shows no tag."""
    card = await texts.card.params(session, idea)
    where: tuple[int, int] | None = None
    if idea.staff_chat_id is not None and idea.staff_message_id is not None:
        where = (idea.staff_chat_id, idea.staff_message_id)
    for row in await _rows(session, idea):
        row.user_id = None  # so removing the user doesn't take the card's row (and message id)
        if not row.dedupe_key.endswith(":card"):
            continue
        if row.status == OutboxStatus.SENT and row.message_id is not None:
            where = (row.chat_id, row.message_id)
        # Not out yet, it goes out without the tag; sent, its stored copy loses the tag too.
        row.payload = json.dumps(json.loads(row.payload or "{}") | card, ensure_ascii=False)
    if where is not None:
        await enqueue(
            session, chat_id=where[0], method="editMessageText", priority=NOTICE,
            params=card | {"message_id": where[1]}, now=now,
            dedupe_key=f"{ERASURE_KEY}{where[0]}:{where[1]}:anonymous",
        )  # fmt: skip


async def forget_posts(
    session: AsyncSession, user_id: int, kept: list[int], texts: StaffChatTexts, now: datetime
) -> None:
    """Remove the staff posts of the person's ideas; those of `kept` (ids of ideas kept
    anonymously, already without their author) stay, without the author's tag."""
    query = select(Idea).where((Idea.user_id == user_id) | Idea.id.in_(kept)).order_by(Idea.id)
    for idea in (await session.execute(query)).scalars().all():
        if idea.id in kept:
            await keep_post(session, idea, texts, now)
        else:
            await remove_post(session, idea, texts, now)

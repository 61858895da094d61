"""A resident's "I'm interested": stored once per opportunity, a card to the organisation's inbox.

The inbox is the organisation's approved group, else the staff chat (the card then names the
organisation). The card shows a pseudonymous tag, never the resident's Telegram id unless the
resident explicitly shared the contact for this interest.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.outbox import NOTICE, enqueue
from bot.services.clock import Clock
from bot.services.text_length import utf16_len
from bot.services.volunteering.opportunities import visible
from db.models import User, VolunteerInterest, VolunteerOpportunity, VolunteerOrg

MESSAGE_MAX = 1000
CARD_KEY_PREFIX = "volunteer:interest:"
TAG_ATTEMPTS = 5
TAG_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud on the phone


class Outcome(StrEnum):
    """What became of a resident's interest."""

    SENT = "sent"
    ALREADY = "already"  # one interest per opportunity and person
    GONE = "gone"  # closed, past, or the organisation removed
    NO_INBOX = "no_inbox"  # neither an organisation group nor a staff chat to send to


@dataclass(frozen=True)
class Card:
    """What the inbox card is made of; the handler renders it in the inbox's language."""

    opportunity: VolunteerOpportunity
    org: VolunteerOrg
    tag: str
    for_staff_chat: bool  # the organisation has no group: staff forward it
    waiting_list: bool  # more interest than places


CardRenderer = Callable[[Card], str]


def new_tag() -> str:
    """A pseudonymous tag such as "V7K2QF" that says nothing about the person."""
    return "V" + "".join(secrets.choice(TAG_ALPHABET) for _ in range(5))


def inbox_of(org: VolunteerOrg, staff_chat_id: int | None) -> int | None:
    """Where the organisation's cards go: its group, else the staff chat."""
    return org.inbox_chat_id if org.inbox_chat_id is not None else staff_chat_id


async def count(session: AsyncSession, opportunity_id: int) -> int:
    """How many residents said they are interested."""
    query = select(func.count()).where(VolunteerInterest.opportunity_id == opportunity_id)
    return int(await session.scalar(query) or 0)


async def of(session: AsyncSession, opportunity_id: int, user: User) -> VolunteerInterest | None:
    """The person's interest in an opportunity, if any."""
    query = select(VolunteerInterest).where(
        VolunteerInterest.opportunity_id == opportunity_id, VolunteerInterest.user_id == user.id
    )
    return (await session.scalars(query)).first()


async def register(
    session: AsyncSession, clock: Clock, opportunity_id: int, user: User, *, message: str,
    share_contact: bool, staff_chat_id: int | None, render: CardRenderer,
) -> tuple[Outcome, VolunteerInterest | None]:  # fmt: skip
    """Store the interest and queue its card in one transaction."""
    if utf16_len(message) > MESSAGE_MAX:
        raise ValueError("message too long")
    found = await visible(session, clock, opportunity_id)
    if found is None:
        return Outcome.GONE, None
    opportunity, org = found
    if await of(session, opportunity_id, user) is not None:
        return Outcome.ALREADY, None
    chat_id = inbox_of(org, staff_chat_id)
    if chat_id is None:
        return Outcome.NO_INBOX, None
    earlier = await count(session, opportunity_id)
    interest = await _stored(session, clock, opportunity_id, user, message, share_contact)
    if interest is None:
        return Outcome.ALREADY, None
    waiting = opportunity.places is not None and earlier >= opportunity.places
    card = Card(opportunity, org, interest.tag, org.inbox_chat_id is None, waiting)
    await enqueue(
        session, chat_id=chat_id, method="sendMessage", user_id=user.id,  # erased with them
        params={"text": render(card)},
        dedupe_key=f"{CARD_KEY_PREFIX}{interest.id}", now=clock.now(), priority=NOTICE,
    )  # fmt: skip
    await session.commit()
    return Outcome.SENT, interest


async def _stored(
    session: AsyncSession, clock: Clock, opportunity_id: int, user: User, message: str,
    share_contact: bool,
) -> VolunteerInterest | None:  # fmt: skip
    """The new interest; None if the person's twin press stored it first. A tag another interest
    has already (rare) is drawn again."""
    for _attempt in range(TAG_ATTEMPTS):
        interest = VolunteerInterest(
            opportunity_id=opportunity_id, user_id=user.id, message=message.strip(),
            share_contact=share_contact, tag=new_tag(), created_at=clock.now(),
        )  # fmt: skip
        try:
            async with session.begin_nested():
                session.add(interest)
        except IntegrityError:
            if await of(session, opportunity_id, user) is not None:
                return None  # the same person twice at once (double tap)
            continue
        return interest
    raise RuntimeError("no free volunteering tag after several attempts")

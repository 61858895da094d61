"""The bookkeeping of a relay conversation: finding it, its state row, whether it is over, the
rate limit per conversation, and queueing one relayed message.

Used by `relay` (passing messages on) and `ending` (either side ends, the organisation goes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.outbox import NOTICE, enqueue
from bot.services.clock import Clock
from db.models import (
    OpportunityStatus,
    RelayStatus,
    User,
    VolunteerInterest,
    VolunteerOpportunity,
    VolunteerOrg,
    VolunteerOrgStatus,
    VolunteerRelay,
)

KEY_PREFIX = "volunteer:relay:"
WINDOW = timedelta(hours=1)
WINDOW_MAX = 20  # messages per conversation and hour, both directions together
AFTER_CLOSE = timedelta(days=30)


class RelayOutcome(StrEnum):
    """What became of a message to be relayed."""

    SENT = "sent"
    UNKNOWN = "unknown"  # no such conversation, or not this person's
    WRONG_CHAT = "wrong_chat"  # not the organisation's registered inbox
    ENDED = "ended"
    FLOOD = "flood"  # too many messages in this conversation for now


@dataclass(frozen=True)
class Conversation:
    """Everything a relayed message is rendered from."""

    interest: VolunteerInterest
    opportunity: VolunteerOpportunity
    org: VolunteerOrg
    resident: User


# Renders the outbox parameters (text, reply_markup …) of a relayed message or a notice.
Render = Callable[[Conversation], dict[str, Any]]


async def find(session: AsyncSession, where: Any) -> Conversation | None:
    """The interest matching `where` with its opportunity, organisation and resident."""
    query = (
        select(VolunteerInterest, VolunteerOpportunity, VolunteerOrg, User)
        .join(VolunteerOpportunity, VolunteerOpportunity.id == VolunteerInterest.opportunity_id)
        .join(VolunteerOrg, VolunteerOrg.id == VolunteerOpportunity.org_id)
        .join(User, User.id == VolunteerInterest.user_id)
        .where(where)
    )
    row = (await session.execute(query)).first()
    return Conversation(row[0], row[1], row[2], row[3]) if row is not None else None


async def state_of(session: AsyncSession, interest_id: int) -> VolunteerRelay | None:
    """The conversation's state row, if it was started."""
    query = select(VolunteerRelay).where(VolunteerRelay.interest_id == interest_id)
    return (await session.scalars(query)).first()


async def started(
    session: AsyncSession, clock: Clock, interest: VolunteerInterest
) -> VolunteerRelay:
    """The state row, created when the organisation first answers."""
    relay = await state_of(session, interest.id)
    if relay is None:
        relay = VolunteerRelay(
            interest_id=interest.id, status=RelayStatus.OPEN, window_started_at=clock.now(),
            window_count=0, relayed=0, created_at=clock.now(),
        )  # fmt: skip
        session.add(relay)
        await session.flush()
    return relay


def is_over(conversation: Conversation, clock: Clock) -> bool:
    """The organisation is gone, or the opportunity ended (closed, valid until, or its date)
    more than 30 days ago."""
    opportunity = conversation.opportunity
    closed = opportunity.closed_at if opportunity.status == OpportunityStatus.CLOSED else None
    moments = (closed, opportunity.valid_until, opportunity.starts_at)
    ended = min((moment for moment in moments if moment is not None), default=None)
    long_ago = ended is not None and clock.now() - ended > AFTER_CLOSE
    return long_ago or conversation.org.status == VolunteerOrgStatus.REMOVED


def window_full(relay: VolunteerRelay, clock: Clock) -> bool:
    """The hour's messages are used up (read only; `bump` decides for real)."""
    current = relay.window_started_at > clock.now() - WINDOW
    return current and relay.window_count >= WINDOW_MAX


async def bump(
    session: AsyncSession, clock: Clock, relay: VolunteerRelay, *, limited: bool
) -> str | None:
    """Count one message in one statement (two at once must not read the same count): its
    dedupe key; None when `limited` and the hour's window is full."""
    now, this = clock.now(), VolunteerRelay.id == relay.id
    if limited:  # a window over an hour old starts afresh
        await session.execute(
            update(VolunteerRelay)
            .where(this, VolunteerRelay.window_started_at <= now - WINDOW)
            .values(window_started_at=now, window_count=0)
            .execution_options(synchronize_session=False)
        )
    statement = update(VolunteerRelay).where(this)
    if limited:
        statement = statement.where(VolunteerRelay.window_count < WINDOW_MAX)
    statement = (
        statement.values(
            window_count=VolunteerRelay.window_count + 1, relayed=VolunteerRelay.relayed + 1
        )
        .returning(VolunteerRelay.relayed)
        .execution_options(synchronize_session=False)
    )
    relayed = (await session.execute(statement)).scalar_one_or_none()
    return None if relayed is None else f"{KEY_PREFIX}{relay.id}:{relayed}"


async def send(
    session: AsyncSession, clock: Clock, key: str, chat_id: int,
    params: dict[str, Any], user_id: int,
) -> None:  # fmt: skip
    """Queue one relayed message or notice (erased with the resident: `user_id`)."""
    await enqueue(
        session, chat_id=chat_id, method="sendMessage", params=params, user_id=user_id,
        dedupe_key=key, now=clock.now(), priority=NOTICE,
    )  # fmt: skip


async def counted(
    session: AsyncSession, clock: Clock, relay: VolunteerRelay, conversation: Conversation
) -> RelayOutcome | str:
    """Ended (or due to end), or too many messages: the reason; else counted: its dedupe key."""
    if relay.status == RelayStatus.OPEN and is_over(conversation, clock):
        relay.status, relay.ended_at = RelayStatus.ENDED, clock.now()
        await session.commit()
    if relay.status == RelayStatus.ENDED:
        return RelayOutcome.ENDED
    key = await bump(session, clock, relay, limited=True)
    if key is None:
        await session.commit()
        return RelayOutcome.FLOOD
    return key

"""Ending a relay conversation: by either side, or because the organisation was removed.

The other side is told through the outbox; the relay also ends by itself 30 days after the
opportunity ended (`conversations.is_over`, checked when the next message comes).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.clock import Clock
from bot.services.volunteering.conversations import (
    RelayOutcome,
    Render,
    bump,
    find,
    send,
    started,
)
from bot.services.volunteering.interests import inbox_of
from db.models import (
    RelayStatus,
    User,
    VolunteerInterest,
    VolunteerOpportunity,
    VolunteerOrg,
    VolunteerRelay,
)


async def end(
    session: AsyncSession, clock: Clock, *, interest_id: int | None = None,
    tag: str | None = None, resident: User | None = None, chat_id: int | None = None,
    staff_chat_id: int | None = None, notice: Render,
) -> RelayOutcome:  # fmt: skip
    """End a conversation: by the resident (`resident`) or from the inbox (`chat_id`, `tag`).
    The other side gets `notice`."""
    where = VolunteerInterest.id == interest_id if tag is None else VolunteerInterest.tag == tag
    conversation = await find(session, where)
    if conversation is None:
        return RelayOutcome.UNKNOWN
    inbox = inbox_of(conversation.org, staff_chat_id)
    if resident is not None and conversation.resident.id != resident.id:
        return RelayOutcome.UNKNOWN
    if resident is None and (chat_id is None or inbox != chat_id):
        return RelayOutcome.WRONG_CHAT
    relay = await started(session, clock, conversation.interest)
    if relay.status == RelayStatus.ENDED:
        return RelayOutcome.ENDED
    relay.status, relay.ended_at = RelayStatus.ENDED, clock.now()
    key = await bump(session, clock, relay, limited=False)
    other = conversation.resident.telegram_id if resident is None else inbox
    if other is not None and key is not None:
        await send(session, clock, key, other, notice(conversation), conversation.resident.id)
    await session.commit()
    return RelayOutcome.SENT


async def end_for_org(
    session: AsyncSession, clock: Clock, org: VolunteerOrg, *, staff_chat_id: int | None,
    notice: Render, inbox_notice: Render,
) -> int:  # fmt: skip
    """The organisation is being removed: its open conversations end; the resident gets
    `notice`, the inbox (its group or the staff chat) `inbox_notice`. Not committed."""
    query = (
        select(VolunteerRelay, VolunteerInterest)
        .join(VolunteerInterest, VolunteerInterest.id == VolunteerRelay.interest_id)
        .join(VolunteerOpportunity, VolunteerOpportunity.id == VolunteerInterest.opportunity_id)
        .where(VolunteerOpportunity.org_id == org.id, VolunteerRelay.status == RelayStatus.OPEN)
    )
    inbox, ended = inbox_of(org, staff_chat_id), 0
    for relay, interest in (await session.execute(query)).all():
        conversation = await find(session, VolunteerInterest.id == interest.id)
        if conversation is None:
            continue
        relay.status, relay.ended_at = RelayStatus.ENDED, clock.now()
        resident = conversation.resident
        for chat_id, render in ((resident.telegram_id, notice), (inbox, inbox_notice)):
            key = await bump(session, clock, relay, limited=False)
            if chat_id is not None and key is not None:
                await send(session, clock, key, chat_id, render(conversation), resident.id)
        ended += 1
    return ended

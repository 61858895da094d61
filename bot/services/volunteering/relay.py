"""The relay: a resident and an organisation write to each other through the bot.

A team member answers by replying to the interest's card (or to a relayed message) in the
organisation's inbox; the resident answers with the button under it. The texts pass through the
outbox only: a delivered relay row is deleted (`is_relayed_text`), so no text is kept after
delivery. Ending a conversation: `ending`; the bookkeeping: `conversations`.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.clock import Clock
from bot.services.volunteering.conversations import (
    KEY_PREFIX,
    Conversation,
    RelayOutcome,
    Render,
    counted,
    find,
    is_over,
    send,
    started,
    state_of,
    window_full,
)
from bot.services.volunteering.interests import CARD_KEY_PREFIX, inbox_of
from db.models import RelayStatus, User, VolunteerInterest

TEXT_MAX = 3000  # leaves room for the heading within Telegram's 4,096


def is_relayed_text(dedupe_key: str) -> bool:
    """Whether an outbox row carries a relayed text or an interest card with the resident's
    message (and maybe phone number): deleted once delivered."""
    return dedupe_key.startswith((KEY_PREFIX, CARD_KEY_PREFIX))


async def ready(
    session: AsyncSession, clock: Clock, *, tag: str | None = None,
    interest_id: int | None = None, chat_id: int | None = None, resident: User | None = None,
    staff_chat_id: int | None = None,
) -> Conversation | None:  # fmt: skip
    """The conversation when a message from this side would pass now (read only), so that a
    translation is asked only for a message that goes on; `to_resident`/`to_org` decide."""
    where = VolunteerInterest.tag == tag if tag is not None else VolunteerInterest.id == interest_id
    conversation = await find(session, where)
    if conversation is None or is_over(conversation, clock):
        return None
    if resident is not None and conversation.resident.id != resident.id:
        return None
    if chat_id is not None and inbox_of(conversation.org, staff_chat_id) != chat_id:
        return None
    relay = await state_of(session, conversation.interest.id)
    if relay is None:
        return conversation if resident is None else None  # the organisation starts
    if relay.status == RelayStatus.ENDED or window_full(relay, clock):
        return None
    return conversation


async def to_resident(
    session: AsyncSession, clock: Clock, *, tag: str, chat_id: int, staff_chat_id: int | None,
    render: Render,
) -> RelayOutcome:  # fmt: skip
    """A team member's reply in the inbox `chat_id` to the card with `tag`."""
    conversation = await find(session, VolunteerInterest.tag == tag)
    if conversation is None:
        return RelayOutcome.UNKNOWN
    if inbox_of(conversation.org, staff_chat_id) != chat_id:
        return RelayOutcome.WRONG_CHAT
    relay = await started(session, clock, conversation.interest)
    key = await counted(session, clock, relay, conversation)
    if isinstance(key, RelayOutcome):
        return key
    resident = conversation.resident
    await send(session, clock, key, resident.telegram_id, render(conversation), resident.id)
    await session.commit()
    return RelayOutcome.SENT


async def to_org(
    session: AsyncSession, clock: Clock, *, interest_id: int, resident: User,
    staff_chat_id: int | None, render: Render,
) -> RelayOutcome:  # fmt: skip
    """The resident's answer in a conversation the organisation started."""
    conversation = await find(session, VolunteerInterest.id == interest_id)
    if conversation is None or conversation.resident.id != resident.id:
        return RelayOutcome.UNKNOWN
    relay = await state_of(session, interest_id)
    inbox = inbox_of(conversation.org, staff_chat_id)
    if relay is None or inbox is None:
        return RelayOutcome.UNKNOWN
    key = await counted(session, clock, relay, conversation)
    if isinstance(key, RelayOutcome):
        return key
    await send(session, clock, key, inbox, render(conversation), resident.id)
    await session.commit()
    return RelayOutcome.SENT

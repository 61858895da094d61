"""The volunteering sections of /mydata: interests given, conversations through the bot, the
opt-in for notices of new opportunities.

Registered in `bot.services.personal_data.sections.SECTIONS`. Erasure is by `ON DELETE CASCADE`
from `users` (interests) and from the interests (relay state); the interest cards already posted
in an organisation's group are deleted there first (`volunteering.cards.forget`).

Where a card was posted (the group's chat id and the message id) is personal data: it is kept
for the resident's interest and points to a message holding what they wrote, so the export
shows it with the interest ("inbox_card"; None while the card is not yet delivered).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.volunteering.opportunities import text_of
from db.models import (
    User,
    VolunteerAlert,
    VolunteerInterest,
    VolunteerOpportunity,
    VolunteerOrg,
    VolunteerRelay,
)


def _language(user: User) -> str:
    return user.language or user.telegram_language or "de"


def _card(interest: VolunteerInterest) -> dict[str, int] | None:
    if interest.card_chat_id is None or interest.card_message_id is None:
        return None
    return {"chat_id": interest.card_chat_id, "message_id": interest.card_message_id}


async def interests(session: AsyncSession, user: User) -> list[dict[str, Any]]:
    """Each interest: which opportunity, what was written, contact shared or not, the tag, and
    where its card was posted."""
    query = (
        select(VolunteerInterest, VolunteerOpportunity, VolunteerOrg)
        .join(VolunteerOpportunity, VolunteerOpportunity.id == VolunteerInterest.opportunity_id)
        .join(VolunteerOrg, VolunteerOrg.id == VolunteerOpportunity.org_id)
        .where(VolunteerInterest.user_id == user.id)
        .order_by(VolunteerInterest.id)
    )
    return [
        {
            "opportunity": opportunity.id,
            "title": text_of(opportunity.title, _language(user)),
            "organisation": org.name,
            "message": interest.message,
            "contact_shared": interest.share_contact,
            "tag": interest.tag,
            "created": interest.created_at.isoformat(),
            "inbox_card": _card(interest),
        }
        for interest, opportunity, org in (await session.execute(query)).all()
    ]


async def relays(session: AsyncSession, user: User) -> list[dict[str, Any]]:
    """Each conversation with an organisation: its tag, status, how many messages, when."""
    query = (
        select(VolunteerRelay, VolunteerInterest)
        .join(VolunteerInterest, VolunteerInterest.id == VolunteerRelay.interest_id)
        .where(VolunteerInterest.user_id == user.id)
        .order_by(VolunteerRelay.id)
    )
    return [
        {
            "tag": interest.tag,
            "status": relay.status,
            "messages_relayed": relay.relayed,
            "started": relay.created_at.isoformat(),
            "ended": relay.ended_at.isoformat() if relay.ended_at else None,
        }
        for relay, interest in (await session.execute(query)).all()
    ]


async def alerts(session: AsyncSession, user: User) -> dict[str, Any] | None:
    """Whether (and since when) the resident is told of new opportunities; None if not."""
    alert = await session.get(VolunteerAlert, user.id)
    return None if alert is None else {"since": alert.created_at.isoformat()}

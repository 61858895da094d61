"""The sender's record of a delivered interest card: kept on the interest for a later erasure;
a card delivered after its interest was erased (under way meanwhile) is deleted at once."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.volunteering import cards
from bot.services.volunteering.interests import CARD_KEY_PREFIX
from db.models import OutboxMessage, User, VolunteerInterest, VolunteerOpportunity, VolunteerOrg

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
GROUP = -1005550091


async def an_interest(session: AsyncSession) -> VolunteerInterest:
    user = User(telegram_id=4711, language="de")
    org = VolunteerOrg(name="Tafel Duisburg")
    session.add_all([user, org])
    await session.flush()
    opportunity = VolunteerOpportunity(org_id=org.id, title='{"de": "Tafel"}', district="mitte")
    session.add(opportunity)
    await session.flush()
    interest = VolunteerInterest(opportunity_id=opportunity.id, user_id=user.id, tag="VABCDE")
    session.add(interest)
    await session.flush()
    return interest


def test_only_interest_cards_are_recognised() -> None:
    assert cards.interest_of_card(f"{CARD_KEY_PREFIX}42") == 42
    assert cards.interest_of_card("volunteer:relay:42:1") is None
    assert cards.interest_of_card("idea:42:staff:card") is None


async def test_a_delivered_card_is_kept_on_its_interest(session: AsyncSession) -> None:
    interest = await an_interest(session)
    await cards.posted(session, [(interest.id, GROUP, 321)], NOW)
    await session.commit()
    await session.refresh(interest)
    assert (interest.card_chat_id, interest.card_message_id) == (GROUP, 321)
    assert (await session.execute(select(OutboxMessage))).scalars().all() == []


async def test_a_card_whose_interest_was_erased_meanwhile_is_deleted(
    session: AsyncSession,
) -> None:
    await cards.posted(session, [(999, GROUP, 654)], NOW)
    await session.commit()
    [row] = (await session.execute(select(OutboxMessage))).scalars().all()
    assert (row.method, row.chat_id) == ("deleteMessage", GROUP)
    assert json.loads(row.payload or "{}") == {"message_id": 654}

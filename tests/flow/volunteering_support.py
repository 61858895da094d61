"""Helpers for the volunteering tests: organisations and opportunities as staff publish them."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from bot.presentation.volunteering_alerts import new_opportunity
from bot.sandbox import updates
from bot.services.volunteering import orgs, publishing
from bot.services.volunteering.opportunities import OpportunityInput
from db.models import OpportunityKind, OutboxMessage, VolunteerInterest
from tests.flow.harness import Chat, Harness


async def organisation(h: Harness, name: str = "Caritas Duisburg") -> int:
    """An organisation without its own group: its cards go to the staff chat."""
    async with h.runtime.session_factory() as session:
        org = await orgs.add(
            session, h.runtime.clock, name=name, website="https://caritas-duisburg.de", actor=0
        )
        return org.id


async def opportunity(
    h: Harness, org_id: int, title: str, *, district: str = "hamborn",
    languages: tuple[str, ...] = ("de",), **extra: Any,
) -> int:  # fmt: skip
    """A published opportunity with a German and a Turkish title."""
    data = OpportunityInput(
        org_id=org_id, title={"de": title, "tr": title + " (TR)"}, district=district,
        kind=extra.pop("kind", OpportunityKind.REGULAR), team_languages=languages, **extra,
    )  # fmt: skip
    async with h.runtime.session_factory() as session:
        published = await publishing.publish(
            session,
            h.runtime.clock,
            data,
            actor=0,
            alert=new_opportunity(h.runtime.i18n),
            default="de",
        )
        return published.id


async def close(h: Harness, opportunity_id: int) -> None:
    """Staff close an opportunity (as `stadtstimme volunteer close` does)."""
    async with h.runtime.session_factory() as session:
        assert await publishing.close(session, h.runtime.clock, opportunity_id, actor=0)


async def queued_texts(h: Harness, chat_id: int) -> list[str]:
    """Texts queued in the outbox for one chat, oldest first."""
    async with h.runtime.session_factory() as session:
        query = select(OutboxMessage).where(OutboxMessage.chat_id == chat_id)
        rows = (await session.scalars(query.order_by(OutboxMessage.id))).all()
        return [json.loads(row.payload or "{}")["text"] for row in rows]


async def stored_interests(h: Harness) -> list[VolunteerInterest]:
    """Every interest, oldest first."""
    async with h.runtime.session_factory() as session:
        query = select(VolunteerInterest).order_by(VolunteerInterest.id)
        return list((await session.scalars(query)).all())


async def share_contact(
    chat: Chat, *, of: int | None = None, phone: str = "+49 170 1234567"
) -> None:
    """Press Telegram's contact button (or send someone else's contact: `of`)."""
    contact = {
        "phone_number": phone, "first_name": chat.user["first_name"], "user_id": of or chat.id,
    }  # fmt: skip
    message = updates.message(chat.user, contact=contact)
    await chat.send_update(updates.update(0, message=message))

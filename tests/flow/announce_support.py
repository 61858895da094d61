"""Helpers for the announcement tests: staff, residents with a profile, stored campaigns."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from db.models import Campaign, CampaignText, OutboxMessage, StaffMember, User
from tests.flow.harness import Chat, Harness

EDITOR_ID = 900


async def make_staff(harness: Harness, telegram_id: int = EDITOR_ID, role: str = "editor") -> None:
    """Give someone a staff role."""
    async with harness.runtime.session_factory() as session:
        session.add(StaffMember(telegram_id=telegram_id, role=role))
        await session.commit()


async def remove_staff(harness: Harness, telegram_id: int = EDITOR_ID) -> None:
    """Take the role away again."""
    async with harness.runtime.session_factory() as session:
        member = await session.get(StaffMember, telegram_id)
        assert member is not None
        await session.delete(member)
        await session.commit()


async def editor(harness: Harness) -> Chat:
    """An editor's private chat (English interface)."""
    await make_staff(harness)
    chat = harness.chat(EDITOR_ID, "en")
    await chat.send("/start")
    return chat


async def resident(harness: Harness, telegram_id: int, language_code: str, **profile: Any) -> Chat:
    """A resident who started the bot; profile fields (e.g. district) are stored with consent."""
    chat = harness.chat(telegram_id, language_code)
    await chat.send("/start")
    if profile:
        async with harness.runtime.session_factory() as session:
            user = (
                await session.execute(select(User).where(User.telegram_id == telegram_id))
            ).scalar_one()
            user.profile_consent_at = datetime.now(UTC)
            for name, value in profile.items():
                setattr(user, name, value)
            await session.commit()
    return chat


async def stored_campaigns(harness: Harness) -> list[Campaign]:
    """Every campaign, oldest first."""
    async with harness.runtime.session_factory() as session:
        rows = await session.execute(select(Campaign).order_by(Campaign.id))
        return list(rows.scalars())


async def stored_texts(harness: Harness, campaign_id: int) -> dict[str, str]:
    """A campaign's language versions."""
    async with harness.runtime.session_factory() as session:
        rows = await session.execute(
            select(CampaignText.language, CampaignText.text).where(
                CampaignText.campaign_id == campaign_id
            )
        )
        return {language: text for language, text in rows}


async def outbox(harness: Harness) -> list[OutboxMessage]:
    """Every outbox row."""
    async with harness.runtime.session_factory() as session:
        return list((await session.execute(select(OutboxMessage))).scalars())


async def start_draft(chat: Chat, text: str = "Stadtfest am Samstag im Landschaftspark") -> None:
    """/announce and a German text: the wizard is at the language step."""
    await chat.send("/announce")
    await chat.send(text)

"""Erasing a resident who held a place at an upcoming meeting promotes whoever waited first, and
tells them in their language, or the bot's default language when they have none we speak."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import build_i18n
from bot.presentation.meetings import notice_renderer
from bot.services.ideas.card_translation import StaffCard
from bot.services.ideas.erasure import StaffChatTexts
from bot.services.meetings import registration as seats
from bot.services.personal_data import rights as personal_data
from db.models import Meeting, User
from tests.db.support import FixedClock
from tests.db.test_meetings import BERLIN, berlin, outbox_rows, published

STAFF = StaffChatTexts(
    lambda reference: f"{reference} removed",
    StaffCard(lambda idea, shown: {"text": "card"}, "none", "de"),
)


async def test_the_promoted_resident_is_told_in_the_default_language_without_their_own(
    session: AsyncSession,
) -> None:
    session.sync_session.expire_on_commit = False
    clock = FixedClock(datetime(2026, 11, 20, 9, tzinfo=UTC))
    render = notice_renderer(build_i18n("de"), BERLIN)
    leaving = User(telegram_id=6001, language="tr")
    waiting = User(telegram_id=6002, telegram_language="ja")  # no language of ours
    session.add_all([leaving, waiting])
    await session.commit()
    meeting_id = await published(session, clock, render, berlin(2026, 12, 3, 18), capacity=1)
    await seats.register(session, clock, leaving, meeting_id)
    await seats.register(session, clock, waiting, meeting_id)
    before = {row.id for row in await outbox_rows(session)}
    await session.refresh(leaving)

    how = personal_data.Erasure(b"k", clock, render, "pl", STAFF, "[removed]")  # "pl": the default
    await personal_data.erase(session, leaving, how, keep_public_ideas=False)

    [told] = [row for row in await outbox_rows(session) if row.id not in before]
    assert told.chat_id == 6002
    assert json.loads(told.payload or "")["text"].startswith(
        "🎉 Zwolniło się dla ciebie miejsce – twój zapis jest już potwierdzony."
    )
    meeting = await session.get_one(Meeting, meeting_id)
    await session.refresh(waiting)
    assert (await seats.seat(session, meeting, waiting)).status == "registered"

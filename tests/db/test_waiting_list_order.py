"""The waiting list goes by waiting time (`since`), not by who first ever pressed the button."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import build_i18n
from bot.presentation.meetings import notice_renderer
from bot.services.meetings import registration as meeting_registration
from bot.services.meetings.lifecycle import NoticeRenderer
from db.models import User
from db.repositories import meetings as repo
from tests.db.support import FixedClock
from tests.db.test_meetings import BERLIN, berlin, outbox_rows, published, residents


@pytest.fixture
def render() -> NoticeRenderer:
    return notice_renderer(build_i18n("de"), BERLIN)


async def status_of(session: AsyncSession, meeting_id: int, user_id: int) -> str:
    row = await repo.registration(session, meeting_id, user_id)
    assert row is not None
    return row.status


async def step(session: AsyncSession, clock: FixedClock, users: list[User]) -> None:
    """A minute later; the residents loaded again (a commit expires them)."""
    clock.moment += timedelta(minutes=1)
    for user in users:
        await session.refresh(user)


async def test_who_waits_longest_moves_up_even_with_the_younger_row(
    session: AsyncSession, render: NoticeRenderer
) -> None:
    clock = FixedClock(datetime(2026, 11, 20, 9, tzinfo=UTC))
    people = await residents(session, "de", "tr", "ar")
    holder, early, late = people
    meeting_id = await published(session, clock, render, berlin(2026, 12, 3, 18), capacity=1)
    await meeting_registration.register(session, clock, holder, meeting_id)
    await step(session, clock, people)
    await meeting_registration.register(session, clock, early, meeting_id)  # older row, waits
    await step(session, clock, people)
    await meeting_registration.register(session, clock, late, meeting_id)  # waits since 09:02
    # The first waiting resident leaves the list and joins it again: now at the end.
    await step(session, clock, people)
    await meeting_registration.unregister(session, clock, early, meeting_id, render, "de")
    await step(session, clock, people)
    assert await meeting_registration.register(session, clock, early, meeting_id) == "waiting"

    await step(session, clock, people)
    await meeting_registration.unregister(session, clock, holder, meeting_id, render, "de")
    late_id, early_id, late_chat = late.id, early.id, late.telegram_id
    assert await status_of(session, meeting_id, late_id) == "registered"
    assert await status_of(session, meeting_id, early_id) == "waiting"
    (notice,) = await outbox_rows(session)
    assert notice.chat_id == late_chat  # the place offer goes to the one moved up

"""What a resident's seat at a meeting shows, and the reason given when registering is refused
(each refusal code picks the sentence the resident reads)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import build_i18n
from bot.presentation.meetings import notice_renderer
from bot.services.meetings import registration as seats
from bot.services.meetings.lifecycle import MeetingError, NoticeRenderer
from bot.services.meetings.reminders import DEFAULT_CHOICE
from db.models import Meeting, MeetingReminder, User
from tests.db.support import FixedClock
from tests.db.test_meetings import BERLIN, berlin, outbox_rows, published, reminders, residents

STARTS = berlin(2026, 12, 3, 18)


@pytest.fixture
def render() -> NoticeRenderer:
    return notice_renderer(build_i18n("de"), BERLIN)


async def seat_of(session: AsyncSession, meeting_id: int, user: User) -> seats.Seat:
    meeting = await session.get(Meeting, meeting_id)
    assert meeting is not None
    return await seats.seat(session, meeting, user)


async def refusal(session: AsyncSession, action: object, *users: User) -> str:
    """The refusal's code; then the session rolled back like the handler does."""
    with pytest.raises(MeetingError) as refused:
        await action  # type: ignore[misc]
    for user in users:
        await session.refresh(user)
    return refused.value.code


async def test_the_seat_shows_status_free_places_and_reminders(
    session: AsyncSession, render: NoticeRenderer
) -> None:
    session.sync_session.expire_on_commit = False  # residents stay loaded across commits
    clock = FixedClock(datetime(2026, 11, 20, 9, tzinfo=UTC))
    first, second, third = await residents(session, "de", "tr", "ar")
    meeting_id = await published(session, clock, render, STARTS, capacity=2)
    assert await seat_of(session, meeting_id, first) == seats.Seat(None, 2, DEFAULT_CHOICE)
    await seats.register(session, clock, first, meeting_id)
    assert await seat_of(session, meeting_id, first) == seats.Seat("registered", 1, DEFAULT_CHOICE)
    await seats.register(session, clock, second, meeting_id)
    await seats.register(session, clock, third, meeting_id)
    assert await seat_of(session, meeting_id, third) == seats.Seat("waiting", 0, DEFAULT_CHOICE)
    assert (await seats.seat_row(session, meeting_id, third)) is not None
    await seats.set_reminders(session, clock, second, meeting_id, "2h,1w")
    assert await seat_of(session, meeting_id, second) == seats.Seat("registered", 0, "1w,2h")
    await seats.unregister(session, clock, third, meeting_id, render, "de")
    assert await seat_of(session, meeting_id, third) == seats.Seat(None, 0, DEFAULT_CHOICE)
    assert await seats.seat_row(session, meeting_id, third) is None
    unlimited = await published(session, clock, render, STARTS)
    assert (await seat_of(session, unlimited, first)).free is None


async def test_each_refusal_has_its_own_reason(
    session: AsyncSession, render: NoticeRenderer
) -> None:
    clock = FixedClock(datetime(2026, 11, 20, 9, tzinfo=UTC))
    people = await residents(session, "de", "tr")
    resident, other = people
    meeting_id = await published(session, clock, render, STARTS, capacity=5)

    async def code(action: object) -> str:
        return await refusal(session, action, *people)

    assert await code(seats.register(session, clock, resident, meeting_id + 99)) == "not_found"
    leave = seats.unregister(session, clock, resident, meeting_id, render, "de")
    assert await code(leave) == "not_registered"
    remind = seats.set_reminders(session, clock, resident, meeting_id, "1d")
    assert await code(remind) == "not_registered"
    unknown = seats.set_reminders(session, clock, resident, meeting_id, "1d,soon")
    assert await code(unknown) == "choice"
    await seats.register(session, clock, resident, meeting_id)
    await session.refresh(resident)
    assert await code(seats.register(session, clock, resident, meeting_id)) == "already"
    await seats.unregister(session, clock, resident, meeting_id, render, "de")
    await session.refresh(resident)
    again = seats.unregister(session, clock, resident, meeting_id, render, "de")
    assert await code(again) == "not_registered"  # a place given back cannot be given twice
    clock.moment = STARTS + timedelta(minutes=1)  # under way: not over, but started
    assert await code(seats.register(session, clock, other, meeting_id)) == "started"
    clock.moment = STARTS + timedelta(hours=3)  # over
    assert await code(seats.register(session, clock, other, meeting_id)) == "not_found"


async def test_giving_the_place_back_withdraws_reminders_and_says_nobody_moved_up(
    session: AsyncSession, render: NoticeRenderer
) -> None:
    session.sync_session.expire_on_commit = False
    clock = FixedClock(datetime(2026, 11, 20, 9, tzinfo=UTC))
    resident, late = await residents(session, "de", "tr")
    meeting_id = await published(session, clock, render, STARTS, capacity=1)
    await seats.register(session, clock, resident, meeting_id)
    assert {status for _k, _d, status in await reminders(session, meeting_id)} == {"pending"}
    assert await seats.unregister(session, clock, resident, meeting_id, render, "de") is False
    assert [r for r in await reminders(session, meeting_id) if r[2] == "pending"] == []
    clock.moment = STARTS  # the very minute it starts: too late to register
    assert await refusal(session, seats.register(session, clock, late, meeting_id)) == "started"


async def test_an_unreachable_resident_moves_up_without_a_message(
    session: AsyncSession, render: NoticeRenderer
) -> None:
    session.sync_session.expire_on_commit = False
    clock = FixedClock(datetime(2026, 11, 20, 9, tzinfo=UTC))
    holder, blocked = await residents(session, "de", "tr")
    meeting_id = await published(session, clock, render, STARTS, capacity=1)
    await seats.register(session, clock, holder, meeting_id)
    await seats.register(session, clock, blocked, meeting_id)
    blocked.reachable = False  # blocked the bot meanwhile
    await session.commit()
    assert await seats.unregister(session, clock, holder, meeting_id, render, "de") is True
    assert (await seat_of(session, meeting_id, blocked)).status == "registered"
    assert await outbox_rows(session) == []


async def test_leaving_withdraws_only_the_leavers_reminders(
    session: AsyncSession, render: NoticeRenderer
) -> None:
    session.sync_session.expire_on_commit = False
    clock = FixedClock(datetime(2026, 11, 20, 9, tzinfo=UTC))
    leaver, stayer = await residents(session, "de", "tr")
    meeting_id = await published(session, clock, render, STARTS, capacity=5)
    await seats.register(session, clock, leaver, meeting_id)
    await seats.register(session, clock, stayer, meeting_id)
    await seats.set_reminders(session, clock, stayer, meeting_id, "1d,2h")

    async def pending_of(user: User) -> list[str]:
        rows = await session.execute(
            select(MeetingReminder.kind).where(
                MeetingReminder.meeting_id == meeting_id,
                MeetingReminder.user_id == user.id,
                MeetingReminder.status.in_(("pending", "queued")),
            )
        )
        return sorted(rows.scalars())

    planned = await pending_of(stayer)
    assert await pending_of(leaver) and {"1d", "2h"} <= set(planned)
    await seats.unregister(session, clock, leaver, meeting_id, render, "de")
    assert await pending_of(leaver) == []
    assert await pending_of(stayer) == planned

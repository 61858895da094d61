"""Meetings in the database: waiting list, reminder times across DST, changes and cancellations."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import build_i18n
from bot.presentation.meetings import notice_renderer
from bot.services.meetings import changes as meeting_changes
from bot.services.meetings import lifecycle as meetings
from bot.services.meetings import registration as meeting_registration
from bot.services.meetings import reminders as meeting_reminders
from bot.services.meetings.changes import Change
from bot.services.meetings.lifecycle import MeetingError, MeetingInput, NoticeRenderer
from db.models import Meeting, MeetingRegistration, MeetingReminder, OutboxMessage, User
from db.repositories import outbox
from tests.db.support import FixedClock

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def render() -> NoticeRenderer:
    return notice_renderer(build_i18n("de"), BERLIN)


def berlin(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=BERLIN)  # type: ignore[misc]


async def residents(session: AsyncSession, *languages: str) -> list[User]:
    users = [User(telegram_id=5000 + n, language=lang) for n, lang in enumerate(languages)]
    session.add_all(users)
    await session.commit()
    return users


async def published(
    session: AsyncSession,
    clock: FixedClock,
    render: NoticeRenderer,
    starts: datetime,
    **extra: object,
) -> int:
    data = MeetingInput(
        title={"de": "Bürgerforum Hamborn", "tr": "Hamborn Vatandaş Forumu"},
        district="hamborn", venue="Rathaus Hamborn", address="Duisburger Str. 213, 47166 Duisburg",
        starts=starts, ends=starts + timedelta(hours=2), **extra,  # type: ignore[arg-type]
    )  # fmt: skip
    meeting = await meetings.create(session, clock, data, created_by=0)
    await meetings.publish(session, clock, meeting, render, "de", actor=0)
    await session.commit()
    return meeting.id


async def reminders(session: AsyncSession, meeting_id: int) -> list[tuple[str, datetime, str]]:
    query = select(MeetingReminder).where(MeetingReminder.meeting_id == meeting_id)
    rows = (await session.execute(query.order_by(MeetingReminder.due_at))).scalars()
    return [(r.kind, r.due_at, r.status) for r in rows]


async def outbox_rows(session: AsyncSession) -> list[OutboxMessage]:
    session.expire_all()
    return list((await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars())


@pytest.mark.parametrize(
    ("day", "hours_before"),
    [((2027, 3, 28), 23), ((2027, 10, 31), 25)],  # DST starts / ends that night
)
async def test_day_before_reminder_keeps_the_wall_clock_across_dst(
    session: AsyncSession, render: NoticeRenderer, day: tuple[int, int, int], hours_before: int
) -> None:
    clock = FixedClock(datetime(2027, 3, 1, 9, tzinfo=UTC))
    (user,) = await residents(session, "de")
    starts = berlin(*day, 18)
    meeting_id = await published(session, clock, render, starts)
    await meeting_registration.register(session, clock, user, meeting_id)

    planned = {kind: due for kind, due, _status in await reminders(session, meeting_id)}
    assert planned["1d"].astimezone(BERLIN) == berlin(day[0], day[1], day[2] - 1, 18)
    assert starts - planned["1d"] == timedelta(hours=hours_before)
    assert starts - planned["2h"] == timedelta(hours=2)
    assert planned["feedback"] == starts + timedelta(hours=4)

    # A minute before the day-before reminder is due the tick queues it for its exact second.
    clock.moment = planned["1d"] - timedelta(seconds=59)
    await meeting_reminders.move_due(session, clock, render, "de")
    (row,) = await outbox_rows(session)
    assert row.not_before == planned["1d"] and row.expires_at == starts
    assert row.priority == 10 and "Bürgerforum Hamborn" in json.loads(row.payload or "")["text"]
    assert "18:00" in json.loads(row.payload or "")["text"]


async def test_capacity_waiting_list_and_promotion(
    session: AsyncSession, render: NoticeRenderer
) -> None:
    clock = FixedClock(datetime(2026, 11, 20, 9, tzinfo=UTC))
    first, second, third = await residents(session, "de", "tr", "ar")
    meeting_id = await published(session, clock, render, berlin(2026, 12, 3, 18), capacity=1)
    assert await meeting_registration.register(session, clock, first, meeting_id) == "registered"
    assert await meeting_registration.register(session, clock, second, meeting_id) == "waiting"
    assert await meeting_registration.register(session, clock, third, meeting_id) == "waiting"
    with pytest.raises(MeetingError) as twice:
        await meeting_registration.register(session, clock, second, meeting_id)
    assert twice.value.code == "already"
    await session.rollback()
    for user in (first, second, third):
        await session.refresh(user)

    promoted = await meeting_registration.unregister(
        session, clock, first, meeting_id, render, "de"
    )
    assert promoted
    rows = await session.execute(select(MeetingRegistration).order_by(MeetingRegistration.id))
    assert [r.status for r in rows.scalars()] == ["cancelled", "registered", "waiting"]
    (notice,) = await outbox_rows(session)
    assert notice.chat_id == 5001  # the second resident
    payload = json.loads(notice.payload or "")
    assert "Hamborn Vatandaş Forumu" in payload["text"]  # in the promoted person's language
    buttons = [b["text"] for row in payload["reply_markup"]["inline_keyboard"] for b in row]
    assert len(buttons) == 2  # details, and give the place back
    kinds = {(k, s) for k, _d, s in await reminders(session, meeting_id)}
    assert ("1d", "pending") in kinds  # the promoted person now gets reminders


async def test_change_notifies_and_moves_reminders_cancel_withdraws_them(
    session: AsyncSession, render: NoticeRenderer
) -> None:
    clock = FixedClock(datetime(2026, 11, 20, 9, tzinfo=UTC))
    user, waiting = await residents(session, "de", "tr")
    starts = berlin(2026, 12, 3, 18)
    meeting_id = await published(session, clock, render, starts, capacity=1)
    await meeting_registration.register(session, clock, user, meeting_id)
    await meeting_registration.register(session, clock, waiting, meeting_id)
    clock.moment = starts - timedelta(days=1, seconds=30)  # the 1-day reminder is queued
    await meeting_reminders.move_due(session, clock, render, "de")
    (queued,) = await outbox_rows(session)

    later = berlin(2026, 12, 4, 19)
    told = await meeting_changes.change(
        session,
        clock,
        meeting_id,
        Change(starts=later, venue="Bezirksrathaus"),
        render,
        "de",
        actor=1,
    )
    assert told == 2
    rows = await outbox_rows(session)
    assert rows[0].id == queued.id and rows[0].status == "cancelled"  # stale reminder withdrawn
    texts = [json.loads(r.payload or "")["text"] for r in rows[1:]]
    assert "Rathaus Hamborn" in texts[0] and "Bezirksrathaus" in texts[0]
    assert "Donnerstag, 3. Dezember 2026, 18:00" in texts[0]  # old time, in German
    assert "Freitag, 4. Dezember 2026, 19:00" in texts[0]  # new time
    planned = {k: d for k, d, s in await reminders(session, meeting_id) if s == "pending"}
    assert planned["1d"] == later - timedelta(days=1)
    assert planned["2h"] == later - timedelta(hours=2)

    told = await meeting_changes.cancel(session, clock, meeting_id, render, "de", actor=1)
    assert told == 2
    assert [k for k, _d, s in await reminders(session, meeting_id) if s == "pending"] == []
    clock.moment = later - timedelta(hours=2)
    await meeting_reminders.move_due(session, clock, render, "de")
    rows = await outbox_rows(session)
    assert len(rows) == 5  # 1 withdrawn reminder, 2 change notices, 2 cancel notices, no more
    assert all(r.status == "pending" for r in rows[1:])


async def test_never_a_reminder_after_the_start(
    session: AsyncSession, render: NoticeRenderer
) -> None:
    clock = FixedClock(datetime(2026, 11, 20, 9, tzinfo=UTC))
    (user,) = await residents(session, "de")
    starts = berlin(2026, 12, 3, 18)
    meeting_id = await published(session, clock, render, starts)
    await meeting_registration.register(session, clock, user, meeting_id)
    clock.moment = starts - timedelta(hours=2, seconds=10)
    await meeting_reminders.move_due(session, clock, render, "de")
    assert len(await outbox_rows(session)) == 2  # 1 day (late tick) and 2 hours before
    # The sender was down until after the start: nothing goes out any more.
    after = starts + timedelta(seconds=1)
    claimed = await outbox.claim_due(session, after, after + timedelta(minutes=1), 100)
    await session.commit()
    assert claimed == []
    assert {r.status for r in await outbox_rows(session)} == {"cancelled"}
    # A tick that itself runs after the start skips the reminder instead of queueing it.
    clock.moment = starts + timedelta(minutes=5)
    await meeting_reminders.move_due(session, clock, render, "de")
    assert len(await outbox_rows(session)) == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"starts": datetime(2026, 1, 1, tzinfo=UTC)}, "starts"),
        ({"ends": berlin(2026, 12, 3, 17)}, "ends"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": -3}, "capacity"),
        ({"district": "atlantis"}, "district"),
        ({"title": {"tr": "yalnız Türkçe"}}, "title"),
    ],
)
async def test_bad_input_names_the_field(
    session: AsyncSession, change: dict[str, object], field: str
) -> None:
    clock = FixedClock(datetime(2026, 11, 20, 9, tzinfo=UTC))
    values: dict[str, object] = {
        "title": {"de": "Forum"}, "district": "mitte", "venue": "Rathaus",
        "address": "Burgplatz 19", "starts": berlin(2026, 12, 3, 18),
        "ends": berlin(2026, 12, 3, 20),
    }  # fmt: skip
    with pytest.raises(MeetingError) as error:
        await meetings.create(session, clock, MeetingInput(**(values | change)), created_by=0)  # type: ignore[arg-type]
    assert error.value.field == field
    assert (await session.execute(select(Meeting))).first() is None

"""Helpers for the meeting tests: a fixed clock, published meetings, outbox texts, the tick."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.presentation.meetings import notice_renderer
from bot.scheduler import meeting_reminder_tick
from bot.services.meetings import lifecycle as meetings
from bot.services.meetings.lifecycle import MeetingInput
from db.models import MeetingReminder, OutboxMessage
from tests.flow.harness import Harness

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
START = datetime(2026, 12, 3, 18, 0, tzinfo=BERLIN)  # a Thursday


class FixedClock:
    """Time stands still until a test moves it."""

    def __init__(self, now: datetime = NOW) -> None:
        self.moment = now

    def now(self) -> datetime:
        return self.moment


async def with_clock(h: Harness, clock: FixedClock) -> None:
    """Restart the bot with a fixed clock."""
    h.clock = clock
    await h.restart()


async def publish(
    h: Harness,
    *,
    title: str = "Bürgerforum Hamborn",
    district: str = "hamborn",
    starts: datetime = START,
    **extra: Any,
) -> int:
    """A published meeting (through the services, as the CLI would)."""
    data = MeetingInput(
        title={"de": title, "tr": title + " (TR)"}, district=district, venue="Rathaus Hamborn",
        address="Duisburger Str. 213, 47166 Duisburg", starts=starts,
        ends=starts + timedelta(hours=2), **extra,
    )  # fmt: skip
    render = notice_renderer(h.runtime.i18n, BERLIN)
    async with h.runtime.session_factory() as session:
        meeting = await meetings.create(session, h.runtime.clock, data, created_by=0)
        await meetings.publish(session, h.runtime.clock, meeting, render, "de", actor=0)
        await session.commit()
        return meeting.id


async def queued(h: Harness, chat_id: int) -> list[dict[str, Any]]:
    """sendMessage parameters queued in the outbox for one person (pending ones), oldest first."""
    async with h.runtime.session_factory() as session:
        query = select(OutboxMessage).where(
            OutboxMessage.chat_id == chat_id, OutboxMessage.status == "pending"
        )
        rows = (await session.execute(query.order_by(OutboxMessage.id))).scalars()
        return [json.loads(row.payload or "{}") for row in rows]


async def planned(h: Harness, meeting_id: int) -> list[tuple[str, datetime]]:
    """Pending reminders of a meeting: kind and due time, soonest first."""
    async with h.runtime.session_factory() as session:
        query = select(MeetingReminder).where(
            MeetingReminder.meeting_id == meeting_id, MeetingReminder.status == "pending"
        )
        rows = (await session.execute(query.order_by(MeetingReminder.due_at))).scalars()
        return [(row.kind, row.due_at) for row in rows]


async def tick(h: Harness) -> int:
    """One run of the scheduler's reminder tick."""
    return await meeting_reminder_tick(h.runtime)


def button_data(payload: dict[str, Any], label: str) -> str:
    """The callback data of a button in a queued message."""
    rows = payload["reply_markup"]["inline_keyboard"]
    matches = [b["callback_data"] for row in rows for b in row if label in b["text"]]
    assert len(matches) == 1, (label, rows)
    return str(matches[0])

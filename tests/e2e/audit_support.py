"""What the CLI audit test seeds: one of each thing a staff command acts on, made by staff 77."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.services import campaigns, meetings, polls
from bot.services.audience import Audience
from bot.services.campaigns import Draft
from bot.services.clock import SystemClock
from bot.services.meetings import MeetingInput
from bot.services.poll_input import PollDraft
from bot.services.staff import StaffService
from db.models import StaffAudit, User
from db.repositories import audit
from db.session import create_engine, create_session_factory
from tests.e2e.test_cli_meetings import CALENDAR, MEETING_YAML
from tests.e2e.test_cli_polls import GOOD, closes

SEEDER = 77  # the staff member who made what the commands then act on
STAFF_ID = 555
RESIDENT_ID = 4242


async def entries(database_url: str) -> list[StaffAudit]:
    """The whole audit log, oldest first."""
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            return list(await audit.since(session, None))
    finally:
        await engine.dispose()


async def seed(database_url: str) -> dict[str, int]:
    """A scheduled campaign, a published meeting, an open poll, an editor and a resident."""
    clock, now = SystemClock(), datetime.now(UTC)
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            draft = Draft({"de": "Stadtfest"}, Audience(), send_at=now + timedelta(days=1))
            campaign = await campaigns.create(session, clock, draft, SEEDER)
            starts = now + timedelta(days=20)
            meeting = await meetings.create(
                session,
                clock,
                MeetingInput(
                    title={"de": "Forum"},
                    district="mitte",
                    venue="Rathaus",
                    address="Burgplatz 19",
                    starts=starts,
                    ends=starts + timedelta(hours=2),
                ),
                created_by=SEEDER,
            )
            await session.commit()
            poll = await polls.create(
                session,
                clock,
                PollDraft({"de": "Mehr Bäume?"}, {"de": ["Ja", "Nein"]}, now + timedelta(days=3)),
                created_by=SEEDER,
            )
            await StaffService(session, [], clock).set_role(STAFF_ID, "editor", actor=SEEDER)
            session.add(User(telegram_id=RESIDENT_ID))
            await session.commit()
            return {"campaign": campaign.id, "meeting": meeting.id, "poll": poll.id}
    finally:
        await engine.dispose()


def files(folder: Path) -> dict[str, str]:
    """The input files the commands read, by name."""
    written = {
        "meeting.yaml": MEETING_YAML,
        "calendar.ics": CALENDAR,
        "poll.yaml": GOOD.replace("CLOSES", closes()),
        "page.html": "<b>Jugendzentrum</b>: Mo–Fr 14–20 Uhr",
    }
    for name, text in written.items():
        (folder / name).write_text(text, encoding="utf-8")
    return {name: str(folder / name) for name in written}

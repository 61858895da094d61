"""What exists before the fuzz test starts: residents, meetings in every state, polls, a group."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from bot.presentation.meetings import notice_renderer
from bot.services.meetings import changes as meeting_changes
from bot.services.meetings import lifecycle as meetings
from bot.services.meetings.lifecycle import MeetingInput
from bot.services.polls.input import PollAudience
from db.models import Meeting, MeetingRegistration, PollMessage, User, YouthGroup
from tests.flow.fuzz_build import person
from tests.flow.fuzz_support import CHATS
from tests.flow.harness import Harness
from tests.flow.meetings_support import BERLIN
from tests.flow.polls_support import create_poll, deliver


async def seed(h: Harness, residents: tuple[int, ...]) -> None:
    """Residents who started the bot, five meetings, two polls delivered, one youth group."""
    for telegram_id in residents:
        chat = h.chat(telegram_id, person(telegram_id)["language_code"])
        await chat.send("/start")
    ids = await _meetings(h)
    async with h.runtime.session_factory() as session:
        users = await session.execute(update(User).values(onboarded=True).returning(User.id))
        user_ids = list(users.scalars())
        # Everyone attended the meeting that has ended (so rating it works).
        session.add_all(MeetingRegistration(meeting_id=ids["ended"], user_id=u, status="registered")
                        for u in user_ids)  # fmt: skip
        group = CHATS["group"]
        session.add(YouthGroup(chat_id=group["id"], title=group["title"], status="approved"))
        await session.commit()
    polls = [
        await create_poll(h, show_results=True),
        await create_poll(h, audience=PollAudience(groups=True), show_results=False),
    ]
    await deliver(h)
    # Votes are drawn for the native polls sent: both polls must be among them.
    async with h.runtime.session_factory() as session:
        sent = set((await session.execute(select(PollMessage.poll_id))).scalars())
    assert sent == {poll.id for poll in polls}


async def _meetings(h: Harness) -> dict[str, int]:
    """Published (one with a single place), draft, cancelled and ended meetings."""
    render = notice_renderer(h.runtime.i18n, BERLIN)
    clock = h.runtime.clock
    soon = datetime.now(BERLIN).replace(microsecond=0) + timedelta(days=5)
    ids = {}
    async with h.runtime.session_factory() as session:
        for name, capacity, district in (("full", 1, "hamborn"), ("open", None, "walsum"),
                                         ("draft", 30, "mitte"), ("cancelled", 30, "city"),
                                         ("ended", 30, "sued")):  # fmt: skip
            data = MeetingInput(
                title={"de": f"Forum {name} <b>", "tr": f"Forum {name} (TR)"}, district=district,
                venue="Rathaus", address="Burgplatz 19, 47051 Duisburg", starts=soon,
                ends=soon + timedelta(hours=2), capacity=capacity,
            )  # fmt: skip
            meeting = await meetings.create(session, clock, data, created_by=0)
            if name != "draft":
                await meetings.publish(session, clock, meeting, render, "de", actor=0)
            await session.commit()
            ids[name] = meeting.id
        await meeting_changes.cancel(session, clock, ids["cancelled"], render, "de", actor=0)
        past = datetime.now(UTC) - timedelta(days=1)
        await session.execute(
            update(Meeting).where(Meeting.id == ids["ended"])
            .values(starts_at=past - timedelta(hours=2), ends_at=past)
        )  # fmt: skip
        await session.commit()
    return ids

"""Editors in the bot: a new meeting saved as a draft or published at once, publishing a draft."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import build_i18n
from bot.presentation.meetings import notice_renderer
from bot.services.meetings import changes as meeting_changes
from bot.services.meetings import feedback as meeting_feedback
from bot.services.meetings import managing
from bot.services.meetings.lifecycle import MeetingError, MeetingInput, NoticeRenderer
from db.models import Meeting, OutboxMessage, User
from tests.db.support import FixedClock

BERLIN = ZoneInfo("Europe/Berlin")
EDITOR = 42
STARTS = datetime(2026, 12, 3, 18, tzinfo=BERLIN)


@pytest.fixture
def render() -> NoticeRenderer:
    return notice_renderer(build_i18n("de"), BERLIN)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 20, 9, tzinfo=UTC))


def meeting_input(**changes: object) -> MeetingInput:
    values: dict[str, object] = {
        "title": {"de": "Bürgerforum Hamborn"}, "district": "hamborn",
        "venue": "Rathaus Hamborn", "address": "Duisburger Str. 213, 47166 Duisburg",
        "starts": STARTS, "ends": STARTS + timedelta(hours=2),
    }  # fmt: skip
    return MeetingInput(**(values | changes))  # type: ignore[arg-type]


async def new_meeting(
    session: AsyncSession, clock: FixedClock, render: NoticeRenderer, *, publish_now: bool,
    **changes: object,
) -> int:  # fmt: skip
    """The id of a meeting saved through the service (ids read before anything expires)."""
    meeting = await managing.save_new(
        session, clock, meeting_input(**changes), created_by=EDITOR, publish_now=publish_now,
        render=render, default_language="de",
    )  # fmt: skip
    return meeting.id


async def subscriber(session: AsyncSession, clock: FixedClock) -> tuple[int, int]:
    """A resident who hears about new meetings in Hamborn: (telegram id, user id)."""
    user = User(telegram_id=7001, language="de")
    session.add(user)
    await session.commit()
    await meeting_feedback.subscribe(session, clock, user, "hamborn")
    return user.telegram_id, user.id


async def notices(session: AsyncSession) -> list[tuple[int, str]]:
    session.expire_all()
    rows = await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))
    return [(row.chat_id, row.dedupe_key) for row in rows.scalars()]


async def stored(session: AsyncSession, meeting_id: int) -> Meeting:
    """The meeting as committed: whatever was not committed is rolled back first."""
    await session.rollback()
    meeting = await session.get(Meeting, meeting_id, populate_existing=True)
    assert meeting is not None
    return meeting


async def test_save_new_as_draft_tells_nobody(
    session: AsyncSession, clock: FixedClock, render: NoticeRenderer
) -> None:
    await subscriber(session, clock)
    meeting_id = await new_meeting(session, clock, render, publish_now=False)
    assert (await stored(session, meeting_id)).status == "draft"
    assert await notices(session) == []


async def test_save_new_published_at_once_tells_subscribers(
    session: AsyncSession, clock: FixedClock, render: NoticeRenderer
) -> None:
    chat_id, user_id = await subscriber(session, clock)
    meeting_id = await new_meeting(session, clock, render, publish_now=True)
    assert (await stored(session, meeting_id)).status == "published"
    assert await notices(session) == [(chat_id, f"meeting:{meeting_id}:published:{user_id}")]


async def test_save_new_with_bad_input_stores_nothing(
    session: AsyncSession, clock: FixedClock, render: NoticeRenderer
) -> None:
    with pytest.raises(MeetingError) as error:
        await managing.save_new(
            session, clock, meeting_input(starts=clock.now() - timedelta(hours=1)),
            created_by=EDITOR, publish_now=True, render=render, default_language="de",
        )  # fmt: skip
    assert error.value.field == "starts"
    await session.rollback()
    assert list((await session.execute(select(Meeting))).scalars()) == []


async def test_publish_draft_once_only(
    session: AsyncSession, clock: FixedClock, render: NoticeRenderer
) -> None:
    chat_id, user_id = await subscriber(session, clock)
    draft_id = await new_meeting(session, clock, render, publish_now=False)
    told = await managing.publish_draft(session, clock, draft_id, render, "de", actor=EDITOR)
    assert told == 1
    assert (await stored(session, draft_id)).status == "published"
    with pytest.raises(MeetingError) as again:  # a second press on an old Publish button
        await managing.publish_draft(session, clock, draft_id, render, "de", actor=EDITOR)
    assert again.value.code == "not_draft"
    await session.rollback()
    assert await notices(session) == [
        (chat_id, f"meeting:{draft_id}:published:{user_id}")
    ]  # told once


async def test_a_cancelled_draft_cannot_be_published(
    session: AsyncSession, clock: FixedClock, render: NoticeRenderer
) -> None:
    await subscriber(session, clock)
    draft_id = await new_meeting(session, clock, render, publish_now=False)
    await meeting_changes.cancel(session, clock, draft_id, render, "de", actor=EDITOR)
    with pytest.raises(MeetingError):
        await managing.publish_draft(session, clock, draft_id, render, "de", actor=EDITOR)
    await session.rollback()
    assert (await stored(session, draft_id)).status == "cancelled"
    assert await notices(session) == []


async def test_not_ended_lists_drafts_and_cancelled_but_not_past_meetings(
    session: AsyncSession, clock: FixedClock, render: NoticeRenderer
) -> None:
    later_id = await new_meeting(
        session, clock, render, publish_now=True,
        starts=STARTS + timedelta(days=7), ends=STARTS + timedelta(days=7, hours=2),
    )  # fmt: skip
    soon_id = await new_meeting(session, clock, render, publish_now=False)
    cancelled_id = await new_meeting(session, clock, render, publish_now=True)
    await meeting_changes.cancel(session, clock, cancelled_id, render, "de", actor=EDITOR)
    assert [m.id for m in await managing.not_ended(session, clock)] == [
        soon_id, cancelled_id, later_id,
    ]  # fmt: skip
    clock.moment = STARTS + timedelta(days=1)  # the first two have ended
    assert [m.id for m in await managing.not_ended(session, clock)] == [later_id]


async def test_a_language_staff_edit_loses_its_machine_mark(
    session: AsyncSession, clock: FixedClock, render: NoticeRenderer
) -> None:
    from bot.services.meetings import edits

    title = {"de": "Bürgerforum Hamborn", "tr": "[tr] Bürgerforum", "en": "[en] Citizens' forum"}
    meeting_id = await new_meeting(
        session, clock, render, publish_now=True, title=title, machine=frozenset({"tr", "en"})
    )
    edit = edits.Edit(texts={("title", "en"): "Citizens' forum Hamborn"})
    await edits.apply(
        session, clock.now(), meeting_id, edit, actor=EDITOR, render=render,
        default_language="de",
    )  # fmt: skip
    meeting = await session.get(Meeting, meeting_id, populate_existing=True)
    assert meeting is not None and meeting.machine_languages == '["tr"]'

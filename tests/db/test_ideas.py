"""Idea rules on both databases: numbering, limits, transitions, audit log, supports, reports."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import idea_engagement as engagement
from bot.services import ideas
from bot.services.idea_moderation import Decision, decide
from bot.services.ideas import IdeaDraft, IdeaError
from db.models import IdeaEvent, OutboxMessage, User
from db.repositories import ideas as repo
from db.session import create_engine, create_session_factory

TEXT = "Mehr Bänke und Schatten am Rheinufer in Ruhrort, bitte!"


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.moment = now

    def now(self) -> datetime:
        return self.moment


@pytest.fixture
async def session(database_url: str) -> AsyncIterator[AsyncSession]:
    engine = create_engine(database_url)
    async with create_session_factory(engine)() as db_session:
        yield db_session
    await engine.dispose()


async def people(session: AsyncSession, count: int) -> list[User]:
    users = [User(telegram_id=500 + n, telegram_language="de") for n in range(count)]
    session.add_all(users)
    await session.commit()
    return users


def draft(text: str = TEXT, **changes: object) -> IdeaDraft:
    values: dict[str, object] = {"topic": "environment", "district": "mitte", "text": text}
    return IdeaDraft(**(values | changes))  # type: ignore[arg-type]


def notice(idea: object, decision: Decision, language: str) -> str:
    return f"{language}:{decision.action}:{decision.comment or ''}"


def test_text_length_rules() -> None:
    with pytest.raises(IdeaError) as short:
        ideas.check_text("  zu kurz  ")
    assert (short.value.code, short.value.details["missing"]) == ("too_short", 13)
    with pytest.raises(IdeaError) as long:
        ideas.check_text("x" * 2005)
    assert (long.value.code, long.value.details["over"]) == ("too_long", 5)
    assert ideas.check_text(" " + "x" * 20 + " ") == "x" * 20
    assert ideas.check_text("y" * 2000) == "y" * 2000


def test_draft_rules() -> None:
    for bad, code in (
        (draft(topic="weather"), "topic"),
        (draft(district="outside"), "district"),
        (draft(photos=("a", "b", "c", "d")), "photos"),
        (draft(latitude=51.4), "location"),
    ):
        with pytest.raises(IdeaError) as error:
            ideas.check_draft(bad)
        assert error.value.code == code
    ideas.check_draft(draft(district="city", photos=("a", "b", "c"), latitude=1.0, longitude=2.0))


async def test_reference_numbers_per_year_language_and_audit(session: AsyncSession) -> None:
    [author] = await people(session, 1)
    clock = FixedClock(datetime(2026, 12, 31, 22, tzinfo=UTC))
    first = await ideas.submit(session, clock, author, draft(), per_day=5)
    turkish = draft("Daha fazla bank ve gölge lazım, lütfen çabuk yapın")
    second = await ideas.submit(session, clock, author, turkish, per_day=5)
    clock.moment = datetime(2027, 1, 1, 9, tzinfo=UTC)
    third = await ideas.submit(session, clock, author, draft(photos=("p1",)), per_day=5)
    assert [first.reference, second.reference, third.reference] == [
        "I-2026-0001", "I-2026-0002", "I-2027-0001",
    ]  # fmt: skip
    assert (first.language, second.language) == ("de", "tr")
    assert json.loads(third.photos) == ["p1"] and third.status == "submitted"
    [event] = await repo.events_of(session, first.id)
    assert (event.actor, event.action, event.before, event.after) == (
        "author", "submit", None, "submitted",
    )  # fmt: skip


async def test_daily_limit_and_twin_press(session: AsyncSession) -> None:
    [author] = await people(session, 1)
    clock = FixedClock(datetime(2026, 6, 1, 8, tzinfo=UTC))
    await ideas.submit(session, clock, author, draft(), per_day=2, draft_key="k1")
    with pytest.raises(IdeaError) as twin:
        await ideas.submit(session, clock, author, draft(), per_day=2, draft_key="k1")
    assert twin.value.code == "duplicate"
    await ideas.submit(session, clock, author, draft(), per_day=2)
    with pytest.raises(IdeaError) as limit:
        await ideas.submit(session, clock, author, draft(), per_day=2)
    assert limit.value.code == "limit"
    clock.moment += timedelta(days=1, minutes=1)
    await ideas.submit(session, clock, author, draft(), per_day=2)


async def test_transitions_notices_and_withdraw(session: AsyncSession) -> None:
    author, other = await people(session, 2)
    author.language = "ar"
    clock = FixedClock(datetime(2026, 6, 1, 8, tzinfo=UTC))
    idea = await ideas.submit(session, clock, author, draft(), per_day=5)
    with pytest.raises(IdeaError) as forward_first:
        forward = Decision("forward", 900, comment="Umweltamt")
        await decide(session, clock, idea.id, forward, notice, "de")
    assert forward_first.value.code == "not_allowed"
    with pytest.raises(IdeaError) as no_reason:
        await decide(session, clock, idea.id, Decision("decline", 900), notice, "de")
    assert no_reason.value.code == "reason"
    for action, comment in (("publish", None), ("forward", "Umweltamt"), ("implement", None)):
        await decide(session, clock, idea.id, Decision(action, 900, comment=comment), notice, "de")
    with pytest.raises(IdeaError):
        await decide(session, clock, idea.id, Decision("not_pursued", 900), notice, "de")
    events = await repo.events_of(session, idea.id)
    assert [(e.actor, e.staff_id, e.before, e.after) for e in events] == [
        ("author", None, None, "submitted"),
        ("staff", 900, "submitted", "published"),
        ("staff", 900, "published", "forwarded"),
        ("staff", 900, "forwarded", "implemented"),
    ]
    rows = (await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars()
    assert [json.loads(r.payload or "{}")["text"] for r in rows] == [
        "ar:publish:", "ar:forward:Umweltamt", "ar:implement:",
    ]  # fmt: skip
    second = await ideas.submit(session, clock, author, draft(), per_day=5)
    with pytest.raises(IdeaError) as foreign:
        await ideas.withdraw(session, clock, other, second.id)
    assert foreign.value.code == "not_found"
    with pytest.raises(IdeaError) as published:
        await ideas.withdraw(session, clock, author, idea.id)
    assert published.value.code == "not_allowed"
    withdrawn = await ideas.withdraw(session, clock, author, second.id)
    assert withdrawn.status == "withdrawn"


async def test_support_toggle_reports_hide_and_limits(session: AsyncSession) -> None:
    author, *readers = await people(session, 5)
    clock = FixedClock(datetime(2026, 6, 1, 8, tzinfo=UTC))
    idea = await ideas.submit(session, clock, author, draft(), per_day=5)
    with pytest.raises(IdeaError):  # not published yet: invisible
        await engagement.toggle_support(session, clock, readers[0], idea.id)
    await decide(session, clock, idea.id, Decision("publish", 900), notice, "de")
    assert await engagement.toggle_support(session, clock, readers[0], idea.id) is True
    assert await engagement.toggle_support(session, clock, readers[1], idea.id) is True
    assert await engagement.toggle_support(session, clock, readers[0], idea.id) is False
    assert await repo.support_count(session, idea.id) == 1
    report = engagement.report
    assert not await report(session, clock, readers[0], idea.id, "spam", per_day=10, hide_after=3)
    with pytest.raises(IdeaError) as twice:
        await report(session, clock, readers[0], idea.id, "spam", per_day=10, hide_after=3)
    assert twice.value.code == "already_reported"
    assert not await report(session, clock, readers[1], idea.id, "other", per_day=10, hide_after=3)
    assert await report(session, clock, readers[2], idea.id, "offensive", per_day=10, hide_after=3)
    page = await engagement.browse(
        session, readers[3], topic=None, district=None, most_supported=False, page=0
    )
    assert page.ideas == []  # hidden pending moderation
    hide = (await session.execute(select(IdeaEvent).where(IdeaEvent.action == "hide"))).scalar()
    assert hide is not None and hide.actor == "system"
    await decide(session, clock, idea.id, Decision("publish", 900), notice, "de")  # released
    page = await engagement.browse(
        session, readers[3], topic="environment", district="mitte", most_supported=True, page=3
    )
    assert [(i.id, n) for i, n in page.ideas] == [(idea.id, 1)] and page.page == 0
    other = await ideas.submit(session, clock, author, draft(), per_day=5)
    await decide(session, clock, other.id, Decision("publish", 900), notice, "de")
    with pytest.raises(IdeaError) as limit:
        await report(session, clock, readers[0], other.id, "spam", per_day=1, hide_after=3)
    assert limit.value.code == "limit"

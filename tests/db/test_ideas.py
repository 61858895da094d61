"""Idea rules on both databases: numbering, limits, transitions, audit log, supports, reports."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ideas import engagement
from bot.services.ideas import lifecycle as ideas
from bot.services.ideas.lifecycle import IdeaDraft, IdeaError
from bot.services.ideas.moderation import Change, Decision, decide
from bot.services.ideas.notices import StaffPost
from db.models import Idea, IdeaEvent, OutboxMessage, User
from db.repositories import ideas as repo
from tests.db.support import FixedClock

TEXT = "Mehr Bänke und Schatten am Rheinufer in Ruhrort, bitte!"


async def people(session: AsyncSession, count: int) -> list[User]:
    users = [User(telegram_id=500 + n, telegram_language="de") for n in range(count)]
    session.add_all(users)
    await session.commit()
    return users


def draft(text: str = TEXT, **changes: object) -> IdeaDraft:
    values: dict[str, object] = {"topic": "environment", "district": "mitte", "text": text}
    return IdeaDraft(**(values | changes))  # type: ignore[arg-type]


def notice(idea: object, change: Change, language: str) -> str:
    decision = change.decision
    released = ":released" if change.released else ""
    return f"{language}:{decision.action}:{decision.department or decision.comment or ''}{released}"


def hidden(idea: Idea, language: str) -> str:
    return f"{language}:hidden:{idea.reference}"


async def texts(session: AsyncSession, chat_id: int) -> list[str]:
    query = select(OutboxMessage).where(OutboxMessage.chat_id == chat_id)
    rows = (await session.execute(query.order_by(OutboxMessage.id))).scalars()
    return [json.loads(r.payload or "{}")["text"] for r in rows]


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
        forward = Decision("forward", 900, department="Umweltamt")
        await decide(session, clock, idea.id, forward, notice, "de")
    assert forward_first.value.code == "not_allowed"
    with pytest.raises(IdeaError) as no_reason:
        await decide(session, clock, idea.id, Decision("decline", 900), notice, "de")
    assert no_reason.value.code == "reason"
    for decision in (
        Decision("publish", 900),
        Decision("forward", 900, department="Umweltamt"),
        Decision("implement", 900, comment="Fertig"),
    ):
        await decide(session, clock, idea.id, decision, notice, "de")
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
        "ar:publish:", "ar:forward:Umweltamt", "ar:implement:Fertig",
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

    def report(*args: object, **limits: int) -> Any:
        return engagement.report(
            *args,
            **limits,
            hidden_notice=hidden,
            default_language="de",  # type: ignore[arg-type]
        )

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
    assert await texts(session, author.telegram_id) == [
        "de:publish:", f"de:hidden:{idea.reference}", "de:publish::released",
    ]  # fmt: skip
    page = await engagement.browse(
        session, readers[3], topic="environment", district="mitte", most_supported=True, page=3
    )
    assert [(i.id, n) for i, n in page.ideas] == [(idea.id, 1)] and page.page == 0
    other = await ideas.submit(session, clock, author, draft(), per_day=5)
    await decide(session, clock, other.id, Decision("publish", 900), notice, "de")
    with pytest.raises(IdeaError) as limit:
        await report(session, clock, readers[0], other.id, "spam", per_day=1, hide_after=3)
    assert limit.value.code == "limit"


async def test_in_review_withdraw_and_hidden_later_statuses(session: AsyncSession) -> None:
    author, *readers = await people(session, 4)
    clock = FixedClock(datetime(2026, 6, 1, 8, tzinfo=UTC))
    first = await ideas.submit(session, clock, author, draft(), per_day=5)
    await decide(session, clock, first.id, Decision("review", 901), notice, "de")
    with pytest.raises(IdeaError):  # taken on once
        await decide(session, clock, first.id, Decision("review", 902), notice, "de")
    assert (await ideas.withdraw(session, clock, author, first.id)).status == "withdrawn"
    second = await ideas.submit(session, clock, author, draft(), per_day=5)
    await decide(session, clock, second.id, Decision("review", 901), notice, "de")
    await decide(session, clock, second.id, Decision("publish", 901, comment="Gut"), notice, "de")
    forward = Decision("forward", 901, department="Amt 61", comment="Meldet sich")
    _idea, event = await decide(session, clock, second.id, forward, notice, "de")
    assert event.comment == "Amt 61\nMeldet sich"  # department first, comment below
    for reader in readers[:3]:
        await engagement.report(
            session, clock, reader, second.id, "spam", per_day=10, hide_after=3,
            hidden_notice=hidden, default_language="de",
        )  # fmt: skip
    idea, _event = await decide(session, clock, second.id, Decision("publish", 901), notice, "de")
    assert (idea.status, idea.hidden) == ("forwarded", False)  # shown again, status kept
    assert [(e.action, e.before, e.after) for e in await repo.events_of(session, second.id)] == [
        ("submit", None, "submitted"),
        ("review", "submitted", "in_review"),
        ("publish", "in_review", "published"),
        ("forward", "published", "forwarded"),
        ("hide", "forwarded", "forwarded"),
        ("publish", "forwarded", "forwarded"),
    ]
    assert (await texts(session, author.telegram_id))[-5:] == [
        "de:review:", "de:publish:Gut", "de:forward:Amt 61",
        f"de:hidden:{second.reference}", "de:publish::released",
    ]  # fmt: skip


async def test_staff_post_is_queued_with_the_idea(session: AsyncSession) -> None:
    author, other = await people(session, 2)
    clock = FixedClock(datetime(2026, 6, 1, 8, tzinfo=UTC))

    def render(idea: Idea) -> list[tuple[str, dict[str, Any]]]:
        return [("sendPhoto", {"photo": "p1"}), ("sendMessage", {"text": idea.reference})]

    post = StaffPost(-100123, render)
    unposted = await ideas.submit(session, clock, other, draft(), per_day=5)  # no staff chat
    first = await ideas.submit(session, clock, author, draft(), per_day=5, staff_post=post)
    second = await ideas.submit(session, clock, author, draft(), per_day=5, staff_post=post)
    rows = list((await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars())
    assert [(r.chat_id, r.method, r.dedupe_key, r.user_id) for r in rows] == [
        (-100123, "sendPhoto", f"idea:{first.id}:staff:1", author.id),
        (-100123, "sendMessage", f"idea:{first.id}:staff:card", author.id),
        (-100123, "sendPhoto", f"idea:{second.id}:staff:1", author.id),
        (-100123, "sendMessage", f"idea:{second.id}:staff:card", author.id),
    ]
    missed = await repo.open_without_staff_post(session, tuple(ideas.OPEN))
    assert [i.id for i in missed] == [unposted.id]
    assert await repo.staff_card(session, first) is None  # not sent yet
    rows[1].status, rows[1].message_id = "sent", 77
    await session.flush()
    assert await repo.staff_card(session, first) == (-100123, 77)
    await ideas.withdraw(session, clock, author, second.id)  # its post never goes out
    assert [r.status for r in await session_rows(session)] == [
        "pending", "sent", "cancelled", "cancelled",
    ]  # fmt: skip
    await session.delete(author)  # deleting the author's data takes unsent posts along
    await session.commit()
    assert await session_rows(session) == []


async def session_rows(session: AsyncSession) -> list[OutboxMessage]:
    session.expire_all()
    return list((await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars())

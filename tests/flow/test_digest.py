"""The moderator digest: once a morning in the staff chat (German), after DIGEST_TIME, never twice
for one day — not after a restart either — with overdue and reported ideas, this week's meetings
and scheduled announcements; a short line when nothing waits."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.sandbox.server import FakeBotAPI
from bot.scheduler import digest_tick
from bot.services.bidi import isolate
from bot.services.ideas import lifecycle as ideas
from bot.services.ideas.lifecycle import IdeaDraft
from db.models import Campaign, Idea, IdeaReport, Meeting, OutboxMessage, User
from tests.db.support import FixedClock
from tests.flow.conftest import checked
from tests.flow.harness import TOKEN, Harness
from tests.flow.ideas_support import STAFF_CHAT, deliver

MONDAY_0730 = datetime(2026, 12, 7, 6, 30, tzinfo=UTC)  # Berlin: 07:30, before DIGEST_TIME
TEXT = "Bitte mehr Bänke und Mülleimer am Rheinufer in Ruhrort, abends ist es dort voll."


@pytest.fixture
async def h(fake_api: tuple[FakeBotAPI, str], database_url: str) -> AsyncIterator[Harness]:
    async with checked(*fake_api, database_url, staff_chat_id=STAFF_CHAT,
                       dashboard_url="https://dashboard.example/") as harness:  # fmt: skip
        harness.clock = FixedClock(MONDAY_0730)
        await harness.restart()
        yield harness


def at(h: Harness, moment: datetime) -> None:
    assert isinstance(h.runtime.clock, FixedClock)
    h.runtime.clock.moment = moment


async def hand_in(h: Harness, telegram_id: int, when: datetime) -> str:
    at(h, when)
    async with h.runtime.session_factory() as session:
        author = User(telegram_id=telegram_id, language="de", telegram_language="de")
        session.add(author)
        await session.commit()
        idea = await ideas.submit(session, h.runtime.clock, author, IdeaDraft("culture", "sued",
                                  TEXT), per_day=5)  # fmt: skip
        return idea.reference


def meeting(title: str, starts: datetime, status: str = "published") -> Meeting:
    return Meeting(
        title=json.dumps({"de": title}), district="meiderich_beeck", venue="Rathaus",
        address="Von-der-Mark-Str. 36", starts_at=starts, ends_at=starts + timedelta(hours=2),
        status=status,
    )  # fmt: skip


def digests(h: Harness) -> list[str]:
    sent = h.api.sent_messages(STAFF_CHAT, TOKEN)
    head = h.t("☀️ <b>Moderator digest for {date}</b>", "de").split("{")[0]
    return [m["text"] for m in sent if m.get("text", "").startswith(head.replace("<b>", ""))]


async def test_the_digest_is_sent_once_a_morning_with_what_waits(h: Harness) -> None:
    overdue = await hand_in(h, 901, datetime(2026, 11, 27, 9, tzinfo=UTC))  # Friday
    recent = await hand_in(h, 902, datetime(2026, 12, 1, 9, tzinfo=UTC))  # Tuesday: in time
    reported = await hand_in(h, 903, datetime(2026, 12, 2, 9, tzinfo=UTC))
    async with h.runtime.session_factory() as session:
        idea_id = await session.scalar(select(Idea.id).where(Idea.reference == reported))
        reporter = await session.scalar(select(User.id).where(User.telegram_id == 901))
        session.add(IdeaReport(idea_id=idea_id, user_id=reporter, reason="spam",
                               created_at=datetime(2026, 12, 6, 20, tzinfo=UTC)))  # fmt: skip
        session.add_all([
            meeting("Bürgerforum Süd", datetime(2026, 12, 9, 17, tzinfo=UTC)),
            meeting("Nächste Woche", datetime(2026, 12, 14, 17, tzinfo=UTC)),
            meeting("Abgesagt", datetime(2026, 12, 10, 17, tzinfo=UTC), "cancelled"),
            Campaign(created_by=5, send_at=datetime(2026, 12, 10, 8, tzinfo=UTC)),
        ])  # fmt: skip
        await session.commit()

    at(h, MONDAY_0730)
    assert await digest_tick(h.runtime) is False  # 07:30: not yet
    at(h, MONDAY_0730 + timedelta(minutes=35))  # 08:05
    assert await digest_tick(h.runtime) is True
    assert await digest_tick(h.runtime) is False  # the next tick: already queued
    await h.restart()  # a restart remembers nothing but the database
    at(h, MONDAY_0730 + timedelta(hours=3))
    assert await digest_tick(h.runtime) is False
    await deliver(h)
    [text] = digests(h)

    assert "Montag, 7. Dezember 2026" in text
    assert h.t("⏳ Ideas waiting longer than promised: {count}", "de").format(count=1) in text
    assert overdue in text and recent not in text
    assert h.t("🚩 Reported ideas: {count}", "de").format(count=1) in text
    assert f"• {reported} · 🚩 1" in text
    assert h.t("📅 Meetings this week: {count}", "de").format(count=1) in text
    assert isolate("Bürgerforum Süd") in text and "Nächste Woche" not in text
    assert "Abgesagt" not in text
    assert h.t("📣 Announcements scheduled: {count}", "de").format(count=1) in text
    assert h.t("Open the dashboard", "de") in text
    link = [e for e in h.api.sent_messages(STAFF_CHAT, TOKEN)[-1].get("entities", [])
            if e["type"] == "text_link"]  # fmt: skip
    assert link and link[0]["url"] == "https://dashboard.example/ideas"

    at(h, datetime(2026, 12, 8, 7, 1, tzinfo=UTC))  # Tuesday 08:01: the next day's digest
    assert await digest_tick(h.runtime) is True


async def test_nothing_waiting_is_one_short_line(h: Harness) -> None:
    at(h, MONDAY_0730 + timedelta(hours=1))
    assert await digest_tick(h.runtime) is True
    await deliver(h)
    [text] = digests(h)
    nothing = h.t(
        "Nothing is waiting: no overdue or reported ideas, no meetings this week, "
        "no announcements scheduled.", "de",
    )  # fmt: skip
    assert text.endswith(nothing) and len(text.splitlines()) == 2
    async with h.runtime.session_factory() as session:
        rows = (await session.scalars(select(OutboxMessage.dedupe_key))).all()
    assert rows.count("digest:2026-12-07") == 1

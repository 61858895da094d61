"""Poll rules on both databases: validation, queueing per language, votes, results, closing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.delivery.outcomes import Outcomes
from bot.services.polls import closing as poll_closing
from bot.services.polls import lifecycle as polls
from bot.services.polls import results as poll_results
from bot.services.polls import votes as poll_votes
from bot.services.polls.input import PollAudience, PollDraft, PollError
from bot.services.polls.results import shown
from bot.services.polls.votes import Outcome
from db.models import OutboxMessage, Poll, PollVote, User
from tests.db.support import FixedClock

SECRET = b"test-secret"
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def draft(**changes: object) -> PollDraft:
    values: dict[str, object] = {
        "questions": {"de": "Was wünschst du dir?", "tr": "Ne istersin?", "ar": "ماذا تريد؟"},
        "options": {
            "de": ["Sitzplätze", "Sport"],
            "tr": ["Oturma yeri", "Spor"],
            "ar": ["مقاعد", "رياضة"],
        },
        "closes_at": NOW + timedelta(days=3),
    }
    return PollDraft(**(values | changes))  # type: ignore[arg-type]


async def residents(session: AsyncSession, languages: list[str]) -> list[User]:
    users = [
        User(telegram_id=700 + n, language=lang, telegram_language=lang)
        for n, lang in enumerate(languages)
    ]
    session.add_all(users)
    await session.commit()
    return users


async def deliver(session: AsyncSession, clock: FixedClock) -> dict[int, str]:
    """Pretend the sender sent every queued poll: {chat id: Telegram poll id}."""
    rows = (
        await session.execute(select(OutboxMessage).where(OutboxMessage.method == "sendPoll"))
    ).scalars()
    outcomes = Outcomes(clock)
    ids = {}
    for number, row in enumerate(rows):
        params = json.loads(row.payload or "{}")
        native = SimpleNamespace(id=f"tg{number}", close_date=params.get("close_date"))
        outcomes.poll_sent(row, SimpleNamespace(poll=native, message_id=10 + number))
        ids[row.chat_id] = f"tg{number}"
    await outcomes.write(session, outcomes.take())
    await session.commit()
    return ids


def render(results: poll_results.Results, language: str) -> str:
    return f"{language}: {results.totals}"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"options": {"de": ["nur eine"]}, "questions": {"de": "Frage?"}}, "too_few_options"),
        (
            {"options": {"de": [str(n) for n in range(13)]}, "questions": {"de": "Frage?"}},
            "too_many_options",
        ),
        ({"questions": {"de": "x" * 301}, "options": {"de": ["a", "b"]}}, "question_too_long"),
        ({"questions": {"de": "Frage?"}, "options": {"de": ["a", "b" * 101]}}, "option_too_long"),
        ({"closes_at": NOW - timedelta(minutes=1)}, "closes_in_past"),
        ({"questions": {"tr": "Soru?"}, "options": {"tr": ["a", "b"]}}, "no_german"),
        (
            {
                "questions": {"de": "Frage?", "tr": "Soru?"},
                "options": {"de": ["a", "b"], "tr": ["a", "b", "c"]},
            },
            "option_count_differs",
        ),
    ],
)
async def test_bad_drafts_are_refused_and_nothing_is_stored(
    session: AsyncSession, changes: dict[str, object], code: str
) -> None:
    with pytest.raises(PollError) as caught:
        await polls.create(session, FixedClock(NOW), draft(**changes), created_by=1)
    assert caught.value.code == code
    assert (await session.execute(select(Poll))).first() is None
    assert (await session.execute(select(OutboxMessage))).first() is None


async def test_each_recipient_gets_the_poll_in_their_language(session: AsyncSession) -> None:
    await residents(session, ["de", "tr", "ar", "ru"])
    await polls.create(session, FixedClock(NOW), draft(), created_by=1)
    rows = (await session.execute(select(OutboxMessage).order_by(OutboxMessage.chat_id))).scalars()
    sent = {row.chat_id: (row.language, json.loads(row.payload or "{}")) for row in rows}
    assert sent[700][1]["question"] == "Was wünschst du dir?"
    assert sent[701][1]["options"] == ["Oturma yeri", "Spor"]
    assert sent[702][1]["question"] == "ماذا تريد؟"
    assert sent[703] == ("de", sent[700][1])  # no Russian version: German
    assert sent[701][1]["is_anonymous"] is False
    # Closing in 3 days is within Telegram's limit: it closes the native polls itself.
    assert sent[701][1]["close_date"] == int((NOW + timedelta(days=3)).timestamp())


async def test_far_closing_is_not_left_to_telegram(session: AsyncSession) -> None:
    await residents(session, ["de"])
    await polls.create(
        session, FixedClock(NOW), draft(closes_at=NOW + timedelta(days=45)), created_by=1
    )
    row = (await session.execute(select(OutboxMessage))).scalar_one()
    assert "close_date" not in json.loads(row.payload or "{}")


async def test_votes_in_three_languages_add_up_with_revote_and_retract(
    session: AsyncSession,
) -> None:
    clock = FixedClock(NOW)
    users = await residents(session, ["de", "tr", "ar"])
    poll = await polls.create(session, clock, draft(), created_by=1)
    ids = await deliver(session, clock)

    async def vote(user: User, options: list[int]) -> Outcome:
        result = await poll_votes.answer(
            session, clock, SECRET, ids[user.telegram_id], user.telegram_id, options, user, "de"
        )
        return result.outcome

    assert await vote(users[0], [0]) == Outcome.COUNTED
    assert await vote(users[1], [0]) == Outcome.COUNTED
    assert await vote(users[2], [1]) == Outcome.COUNTED
    assert await vote(users[1], [1]) == Outcome.CHANGED
    results = await poll_results.compute(session, poll)
    assert results.totals == [1, 2] and results.voters == 3
    assert await vote(users[2], []) == Outcome.RETRACTED
    results = await poll_results.compute(session, poll)
    assert results.totals == [1, 1] and results.voters == 2 and results.recipients == 3
    assert results.turnout == pytest.approx(2 / 3)
    # The vote rows hold a keyed hash, never the Telegram id.
    stored = (await session.execute(select(PollVote))).scalars().all()
    assert all(str(u.telegram_id) not in v.voter for v in stored for u in users)
    assert {v.language for v in stored} == {"de", "tr"}


async def test_late_and_unknown_answers_change_nothing(session: AsyncSession) -> None:
    clock = FixedClock(NOW)
    [user] = await residents(session, ["de"])
    poll = await polls.create(session, clock, draft(), created_by=1)
    ids = await deliver(session, clock)
    unknown = await poll_votes.answer(session, clock, SECRET, "nope", 700, [0], user, "de")
    assert unknown.outcome == Outcome.UNKNOWN
    bad_option = await poll_votes.answer(session, clock, SECRET, ids[700], 700, [5], user, "de")
    assert bad_option.outcome == Outcome.UNKNOWN
    clock.moment = NOW + timedelta(days=4)
    late = await poll_votes.answer(session, clock, SECRET, ids[700], 700, [0], user, "de")
    assert late.outcome == Outcome.CLOSED
    assert (await poll_results.compute(session, poll)).voters == 0


async def test_breakdown_cells_below_five_are_never_exact(session: AsyncSession) -> None:
    clock = FixedClock(NOW)
    users = await residents(session, ["de"] * 7 + ["tr"] * 3)
    for user in users:
        user.profile_consent_at, user.district = NOW, "mitte"
    await session.commit()
    poll = await polls.create(session, clock, draft(), created_by=1)
    ids = await deliver(session, clock)
    for n, user in enumerate(users):
        option = 0 if n < 6 else 1
        await poll_votes.answer(
            session, clock, SECRET, ids[user.telegram_id], user.telegram_id, [option], user, "de"
        )
    results = await poll_results.compute(session, poll)
    assert results.totals == [6, 4]  # totals are exact
    cells = poll_results.by_segment(results)
    # German 6 : 1 of 7, Turkish 0 : 3: the 1 is 7 − 6 and the Turkish 0 is 6 − 6, so nothing
    # of the language breakdown can be shown; one district (or age group) is the totals again.
    hidden = ["•", "•", "•"]
    assert cells["language"] == {"de": hidden, "tr": hidden}
    assert cells["district"] == {"mitte": hidden}
    assert cells["age_group"] == {"undisclosed": hidden}
    header, rows = poll_results.table(results)
    assert header[:4] == ["option", "total", "residents", "youth_groups"]
    assert rows[0][:4] == ["Sitzplätze", 6, 6, 0]
    assert rows[1][header.index("language:tr")] == "•"
    assert shown(4) == "< 5" and shown(5) == "5"


async def test_closing_stops_native_polls_and_pushes_results_to_voters(
    session: AsyncSession,
) -> None:
    clock = FixedClock(NOW)
    users = await residents(session, ["de", "tr"])
    poll = await polls.create(session, clock, draft(push_results=True), created_by=1)
    ids = await deliver(session, clock)
    await poll_votes.answer(session, clock, SECRET, ids[701], 701, [1], users[1], "de")
    await poll_closing.close(session, clock, poll.id, SECRET, render, actor=1)  # early
    rows = (await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars()
    later = [(r.method, r.chat_id, r.payload) for r in rows if r.method != "sendPoll"]
    stops = [(m, c) for m, c, _ in later if m == "stopPoll"]
    assert sorted(stops) == [("stopPoll", 700), ("stopPoll", 701)]
    pushed = [(c, json.loads(p or "{}")["text"]) for m, c, p in later if m == "sendMessage"]
    assert pushed == [(701, "tr: [0, 1]")]  # only the voter, in the variant's language
    with pytest.raises(PollError):
        await poll_closing.close(session, clock, poll.id, SECRET, render, actor=1)


async def test_polls_close_at_their_time_and_pending_sends_are_dropped(
    session: AsyncSession,
) -> None:
    clock = FixedClock(NOW)
    await residents(session, ["de"])
    poll = await polls.create(session, clock, draft(), created_by=1)
    clock.moment = NOW + timedelta(days=3, seconds=1)
    assert await poll_closing.close_due(session, clock, SECRET, render) == [poll.id]
    row = (await session.execute(select(OutboxMessage))).scalar_one()
    assert row.status == "cancelled"


async def test_scheduled_polls_start_at_their_time(session: AsyncSession) -> None:
    clock = FixedClock(NOW)
    await residents(session, ["de"])
    poll = await polls.create(
        session, clock, draft(starts_at=NOW + timedelta(hours=1)), created_by=1
    )
    assert (await session.execute(select(OutboxMessage))).first() is None
    clock.moment = NOW + timedelta(hours=1)
    assert await polls.start_due(session, clock, "de") == [poll.id]
    assert await polls.start_due(session, clock, "de") == []
    assert len((await session.execute(select(OutboxMessage))).all()) == 1


async def test_audience_round_trip() -> None:
    audience = PollAudience(groups=True, include_residents=False)
    assert PollAudience.from_json(audience.to_json()) == audience

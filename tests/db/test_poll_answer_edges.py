"""The edges of counting one poll answer: option bounds, single choice, the closing second, and
the language the voter is answered in (mutants of `polls.votes.answer` that survived before)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.polls import lifecycle as polls
from bot.services.polls import results as poll_results
from bot.services.polls import votes as poll_votes
from bot.services.polls.votes import Outcome, VoteResult
from db.models import PollVote, User
from tests.db.support import FixedClock
from tests.db.test_polls import NOW, SECRET, deliver, draft, residents


async def answer(
    session: AsyncSession, clock: FixedClock, ids: dict[int, str], user: User, options: list[int]
) -> VoteResult:
    return await poll_votes.answer(
        session, clock, SECRET, ids[user.telegram_id], user.telegram_id, options, user, "de"
    )


async def stored_votes(session: AsyncSession) -> list[int]:
    return list((await session.execute(select(PollVote.choices))).scalars())


async def test_an_option_just_past_the_last_is_refused_and_the_last_counts(
    session: AsyncSession,
) -> None:
    clock = FixedClock(NOW)
    first, second = await residents(session, ["de", "de"])
    poll = await polls.create(session, clock, draft(), created_by=1)  # two options: 0 and 1
    ids = await deliver(session, clock)
    for outside in ([2], [-1], [0, 2]):
        assert (await answer(session, clock, ids, first, outside)).outcome == Outcome.UNKNOWN
    assert await stored_votes(session) == []
    assert (await answer(session, clock, ids, second, [1])).outcome == Outcome.COUNTED
    assert (await poll_results.compute(session, poll)).totals == [0, 1]


async def test_a_single_choice_poll_refuses_two_options_a_multiple_choice_poll_counts_both(
    session: AsyncSession,
) -> None:
    clock = FixedClock(NOW)
    [resident] = await residents(session, ["de"])
    single = await polls.create(session, clock, draft(), created_by=1)
    ids = await deliver(session, clock)
    assert (await answer(session, clock, ids, resident, [0, 1])).outcome == Outcome.UNKNOWN
    assert (await poll_results.compute(session, single)).voters == 0
    assert (await answer(session, clock, ids, resident, [0, 0])).outcome == Outcome.UNKNOWN
    assert await stored_votes(session) == []

    multiple = await polls.create(session, clock, draft(multiple=True), created_by=1)
    ids = {chat: poll_id for chat, poll_id in (await deliver(session, clock)).items()}
    result = await poll_votes.answer(
        session, clock, SECRET, ids[resident.telegram_id], resident.telegram_id, [0, 1],
        resident, "de",
    )  # fmt: skip
    assert result.outcome == Outcome.COUNTED and result.poll is not None
    assert result.poll.id == multiple.id
    assert (await poll_results.compute(session, multiple)).totals == [1, 1]


async def test_the_closing_second_is_too_late_and_the_moment_before_counts(
    session: AsyncSession,
) -> None:
    clock = FixedClock(NOW)
    early, late = await residents(session, ["de", "de"])
    poll = await polls.create(session, clock, draft(), created_by=1)
    ids = await deliver(session, clock)
    clock.moment = poll.closes_at - timedelta(microseconds=1)
    assert (await answer(session, clock, ids, early, [0])).outcome == Outcome.COUNTED
    clock.moment = poll.closes_at
    assert (await answer(session, clock, ids, late, [1])).outcome == Outcome.CLOSED
    assert (await poll_results.compute(session, poll)).totals == [1, 0]


async def test_late_and_retracted_answers_name_the_poll_and_the_voters_language(
    session: AsyncSession,
) -> None:
    """The handler answers "too late" in `result.language`; a Turkish voter reads Turkish."""
    clock = FixedClock(NOW)
    [turkish] = await residents(session, ["tr"])
    poll = await polls.create(session, clock, draft(), created_by=1)
    ids = await deliver(session, clock)
    assert (await answer(session, clock, ids, turkish, [0])).outcome == Outcome.COUNTED
    retracted = await answer(session, clock, ids, turkish, [])
    assert retracted == VoteResult(Outcome.RETRACTED, poll, "tr")
    nothing_to_retract = await answer(session, clock, ids, turkish, [])
    assert nothing_to_retract.outcome == Outcome.UNKNOWN
    clock.moment = poll.closes_at + timedelta(minutes=1)
    late = await answer(session, clock, ids, turkish, [1])
    assert late == VoteResult(Outcome.CLOSED, poll, "tr")

"""Youth groups' anonymous totals count only while the poll is open and only for a group's own
poll; forgetting a voter removes each of their votes and the polls sent to them."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.outbox import NOTICE
from bot.services.polls import lifecycle as polls
from bot.services.polls import results as poll_results
from bot.services.polls import votes as poll_votes
from db.models import OutboxMessage, PollMessage
from tests.db.support import FixedClock
from tests.db.test_polls import NOW, SECRET, deliver, draft, residents

GROUP_CHAT = -1_005_550_001


async def test_group_totals_only_for_an_open_groups_poll(session: AsyncSession) -> None:
    clock = FixedClock(NOW)
    await residents(session, ["de"])
    poll = await polls.create(session, clock, draft(), created_by=1)
    ids = await deliver(session, clock)
    session.add(PollMessage(telegram_poll_id="grp", poll_id=poll.id, chat_id=GROUP_CHAT,
                            message_id=9, language="de", is_group=True))  # fmt: skip
    await session.commit()

    async def tally(telegram_poll_id: str, counts: list[int], voters: int) -> bool:
        return await poll_votes.group_tally(session, clock, telegram_poll_id, counts, voters)

    assert not await tally("unknown", [1, 1], 2)
    assert not await tally(ids[700], [5, 0], 5)  # a resident's private poll has no totals
    assert not await tally("grp", [1, 1, 1], 3)  # not this poll's options
    assert await tally("grp", [4, 3], 7)
    clock.moment = NOW + timedelta(days=3, seconds=1)  # closed: the result is final
    assert not await tally("grp", [9, 9], 18)
    counted = await poll_results.compute(session, poll)
    assert counted.groups.counts == [4, 3] and counted.groups.voters == 7
    assert counted.residents.counts == [0, 0]


async def test_forgetting_a_voter_removes_every_vote_and_their_polls(
    session: AsyncSession,
) -> None:
    clock = FixedClock(NOW)
    voter, other = await residents(session, ["de", "tr"])
    first = await polls.create(session, clock, draft(), created_by=1)
    ids = await deliver(session, clock)
    second = await polls.create(session, clock, draft(), created_by=1)
    later = await deliver(session, clock)
    for poll_ids in (ids, later):
        for user in (voter, other):
            await session.refresh(user)
            tg = user.telegram_id
            await poll_votes.answer(session, clock, SECRET, poll_ids[tg], tg, [0], user, "de")
    assert await poll_votes.forget(session, SECRET, 700) == 2
    await session.commit()
    for poll in (first, second):
        counted = await poll_results.compute(session, poll)
        assert counted.totals == [1, 0]  # only the other resident's vote is left
    chats = set(await session.scalars(select(PollMessage.chat_id)))
    assert chats == {701}


async def test_a_message_to_a_voter_goes_ahead_of_broadcasts(session: AsyncSession) -> None:
    clock = FixedClock(NOW)
    await poll_votes.tell_voter(session, clock, 700, "Danke!", "pollthanks:1:x", language="de")
    row = await session.scalar(select(OutboxMessage))
    assert row is not None and row.priority == NOTICE and row.chat_id == 700

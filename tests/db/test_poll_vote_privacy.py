"""A vote keeps district and age group only with the resident's profile consent, and only a
poll's own recipient can answer it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.polls import lifecycle as polls
from bot.services.polls import votes as poll_votes
from bot.services.polls.votes import Outcome
from db.models import PollVote, User
from tests.db.support import FixedClock
from tests.db.test_polls import NOW, SECRET, deliver, draft


async def test_profile_details_go_with_a_vote_only_with_consent(session: AsyncSession) -> None:
    clock = FixedClock(NOW)
    consenting = User(telegram_id=700, language="de", district="hamborn", age_group="16-17",
                      profile_consent_at=NOW)  # fmt: skip
    withdrawn = User(telegram_id=701, language="de", district="mitte", age_group="18-26")
    session.add_all([consenting, withdrawn])
    await session.commit()
    await polls.create(session, clock, draft(), created_by=1)
    ids = await deliver(session, clock)
    for user in (consenting, withdrawn):
        await session.refresh(user)
        tg = user.telegram_id
        await poll_votes.answer(session, clock, SECRET, ids[tg], tg, [0], user, "de")
    stored = {(v.district, v.age_group) for v in await session.scalars(select(PollVote))}
    assert stored == {("hamborn", "16-17"), (None, None)}


async def test_nobody_answers_a_poll_sent_to_someone_else(session: AsyncSession) -> None:
    clock = FixedClock(NOW)
    session.add_all([User(telegram_id=700, language="de"), User(telegram_id=701, language="de")])
    await session.commit()
    await polls.create(session, clock, draft(), created_by=1)
    ids = await deliver(session, clock)
    intruder = await session.scalar(select(User).where(User.telegram_id == 701))
    result = await poll_votes.answer(session, clock, SECRET, ids[700], 701, [0], intruder, "de")
    assert result.outcome == Outcome.UNKNOWN
    assert list(await session.scalars(select(PollVote))) == []

"""`stadtstimme polls rekey`: votes stored under the BOT_TOKEN move to POLL_SECRET, once."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from typer.testing import CliRunner

from bot.cli import command_tree
from bot.services.audit import CLI_OPERATOR, AuditAction
from bot.services.clock import SystemClock
from bot.services.polls import lifecycle as polls
from bot.services.polls import rekey as poll_rekey
from bot.services.polls import votes as poll_votes
from bot.services.polls.input import PollDraft
from db.models import PollVote, StaffAudit, User
from db.repositories import polls as repo
from db.session import create_engine, create_session_factory
from tests.e2e.test_cli import POLL_SECRET, TOKEN

OLD, NEW = TOKEN.encode(), POLL_SECRET.encode()
RESIDENTS = (7001, 7002, 7003)
GONE = 7999  # voted, then was deleted: no users row any more
COUNTS = (
    "re-keyed 6 votes in 2 polls; 1 votes matched no current resident and stay as they are "
    "(their people were deleted — they can't be linked by anyone with the new key either)"
)


Work = Callable[[AsyncSession], Awaitable[object]]


async def with_session(database_url: str, work: Work) -> object:
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            return await work(session)
    finally:
        await engine.dispose()


def run(database_url: str, work: Work) -> object:
    """Run `work` on its own connection (the command, run in-process, opens its own)."""
    return asyncio.run(with_session(database_url, work))


async def seed(session: AsyncSession) -> list[int]:
    """Two open polls; three residents voted in both under the old key, a deleted person once."""
    session.add_all(User(telegram_id=t, language="de") for t in RESIDENTS)
    await session.commit()
    ids = []
    for question in ("Mehr Bäume?", "Mehr Bänke?"):
        draft = PollDraft(
            {"de": question}, {"de": ["Ja", "Nein"]}, datetime.now(UTC) + timedelta(days=3)
        )
        ids.append((await polls.create(session, SystemClock(), draft, created_by=0)).id)
    for poll_id in ids:
        for telegram_id in RESIDENTS:
            await vote(session, poll_id, poll_votes.voter_key(OLD, poll_id, telegram_id), 1)
    await vote(session, ids[0], poll_votes.voter_key(OLD, ids[0], GONE), 2)
    await session.commit()
    return ids


async def vote(session: AsyncSession, poll_id: int, voter: str, choices: int) -> None:
    values = {"poll_id": poll_id, "voter": voter, "choices": choices, "language": "de"}
    await repo.upsert_vote(session, values)


async def resident(session: AsyncSession, telegram_id: int) -> User:
    return (await session.execute(select(User).where(User.telegram_id == telegram_id))).scalar_one()


async def voters(session: AsyncSession) -> set[tuple[int, str]]:
    return {(v.poll_id, v.voter) for v in await session.scalars(select(PollVote))}


def rekey(database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    monkeypatch.setenv("POLL_SECRET", POLL_SECRET)
    monkeypatch.chdir(tmp_path)  # no .env of the developer's is read
    result = CliRunner().invoke(command_tree(), ["polls", "rekey"])
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def test_rekey_moves_residents_votes_once_and_keeps_the_orphan(
    database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ids: list[int] = run(database_url, seed)  # type: ignore[assignment]
    assert run(database_url, lambda s: poll_rekey.old_key_in_use(s, OLD)) is True

    assert rekey(database_url, monkeypatch, tmp_path) == COUNTS

    async def after(session: AsyncSession) -> None:
        first, second, third = [await resident(session, t) for t in RESIDENTS]
        # "Already voted" is found with the new key: no open poll is offered again.
        for person in (first, second, third):
            assert await polls.open_for(session, SystemClock(), person, NEW, "de") == []
        stored = await voters(session)
        for poll_id in ids:
            for telegram_id in RESIDENTS:
                assert (poll_id, poll_votes.voter_key(NEW, poll_id, telegram_id)) in stored
                assert (poll_id, poll_votes.voter_key(OLD, poll_id, telegram_id)) not in stored
        assert (ids[0], poll_votes.voter_key(OLD, ids[0], GONE)) in stored
        assert len(stored) == 7
        assert not await poll_rekey.old_key_in_use(session, OLD)
        # /delete finds the person's votes again: both of them, under the new key.
        assert await poll_votes.forget(session, NEW, second.telegram_id) == 2
        await session.commit()
        left = await voters(session)
        assert len(left) == 5
        assert not any((p, poll_votes.voter_key(NEW, p, second.telegram_id)) in left for p in ids)
        audits = list(await session.scalars(select(StaffAudit)))
        rekeyed = [a for a in audits if a.action == AuditAction.POLL_REKEY.value]
        assert [(a.actor, a.target) for a in rekeyed] == [(CLI_OPERATOR, "poll_votes")]
        assert '"votes": 6' in (rekeyed[0].after or "")

    run(database_url, after)
    before = run(database_url, voters)
    again = rekey(database_url, monkeypatch, tmp_path)
    assert again.startswith("re-keyed 0 votes in 0 polls; 1 votes matched no current resident")
    assert run(database_url, voters) == before


def test_a_vote_cast_again_under_the_new_key_wins(
    database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ids: list[int] = run(database_url, seed)  # type: ignore[assignment]
    again = poll_votes.voter_key(NEW, ids[1], RESIDENTS[0])

    async def vote_again(session: AsyncSession) -> None:
        await vote(session, ids[1], again, 2)
        await session.commit()

    run(database_url, vote_again)
    output = rekey(database_url, monkeypatch, tmp_path)
    assert output.startswith("re-keyed 5 votes in 2 polls; 1 votes matched no current resident")
    assert "1 old votes were dropped" in output
    stored = run(database_url, voters)
    assert {v for p, v in stored if p == ids[1]} == {
        poll_votes.voter_key(NEW, ids[1], t) for t in RESIDENTS
    }

    async def choices(session: AsyncSession) -> int | None:
        return await session.scalar(select(PollVote.choices).where(PollVote.voter == again))

    assert run(database_url, choices) == 2


def test_start_up_warns_once_while_old_keys_remain(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.runner import warn_old_poll_key

    async def check(session: AsyncSession) -> list[str]:
        caplog.clear()
        factory = async_sessionmaker(session.bind, expire_on_commit=False)
        with caplog.at_level(logging.WARNING):
            await warn_old_poll_key(factory, OLD)
        return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]

    run(database_url, seed)
    warnings: list[str] = run(database_url, check)  # type: ignore[assignment]
    assert len(warnings) == 1 and "stadtstimme polls rekey" in warnings[0]

    async def rekeyed(session: AsyncSession) -> object:
        return await poll_rekey.rekey(session, SystemClock(), OLD, NEW, actor=CLI_OPERATOR)

    run(database_url, rekeyed)
    assert run(database_url, check) == []

"""Who a ballot belongs to: a keyed hash of process and person, never the Telegram id."""

from __future__ import annotations

import hashlib
import hmac
import json

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import BallotSource, BudgetBallot, BudgetPhase, BudgetProcess

PAPER_PREFIX = "paper:"


def voter_key(secret: bytes, process_id: int, telegram_id: int) -> str:
    """HMAC-SHA256 (the POLL_SECRET key, as poll votes): one ballot per person and process.

    The "budget:" domain keeps it apart from poll votes: the same numbers give another hash, so
    a ballot cannot be matched with a poll vote."""
    message = f"budget:{process_id}:{telegram_id}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def paper_voter(ballot_number: str) -> str:
    """The voter of a paper ballot: its number, so importing a file twice replaces, not doubles."""
    return PAPER_PREFIX + ballot_number


async def ballots_of(
    session: AsyncSession, secret: bytes, telegram_id: int
) -> list[tuple[BudgetProcess, BudgetBallot]]:
    """The person's ballot in each process, found by recomputing the key per process."""
    found = []
    for process in (
        await session.execute(select(BudgetProcess).order_by(BudgetProcess.id))
    ).scalars():
        ballot = await session.get(
            BudgetBallot, (process.id, voter_key(secret, process.id, telegram_id))
        )
        if ballot is not None:
            found.append((process, ballot))
    return found


async def forget(session: AsyncSession, secret: bytes, telegram_id: int) -> int:
    """Delete the person's ballots in processes not yet closed; no commit.

    A closed process keeps its ballots: they are the counted result, and the hash alone does not
    name the person. Returns how many were deleted."""
    removed = 0
    for process, ballot in await ballots_of(session, secret, telegram_id):
        if process.phase != BudgetPhase.CLOSED:
            await session.execute(
                delete(BudgetBallot).where(
                    BudgetBallot.process_id == process.id, BudgetBallot.voter == ballot.voter
                )
            )
            removed += 1
    return removed


async def store(
    session: AsyncSession, process_id: int, voter: str, project_ids: list[int],
    source: BallotSource,
) -> bool:  # fmt: skip
    """Insert or replace the voter's ballot (the last one counts); True if it replaced one. No
    commit."""
    existed = await session.get(BudgetBallot, (process_id, voter)) is not None
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(BudgetBallot).values(
        process_id=process_id, voter=voter, projects=json.dumps(sorted(project_ids)),
        source=source,
    )  # fmt: skip
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["process_id", "voter"], set_={"projects": statement.excluded.projects}
        )
    )
    return existed

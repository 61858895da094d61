"""Cancelling a task while it waits for SQLite's write turn cancels it, and the turn stays free."""

from __future__ import annotations

import asyncio

from sqlalchemy import insert

from db.models import SenderLease
from db.session import create_engine, create_session_factory
from db.types import utcnow
from tests.conftest import sqlite_only


@sqlite_only
async def test_a_task_cancelled_at_its_first_write_stops_and_frees_the_turn(
    database_url: str,
) -> None:
    engine = create_engine(database_url)
    factory = create_session_factory(engine)

    async def write(name: str) -> None:
        async with factory() as session:
            await session.execute(
                insert(SenderLease).values(name=name, holder="h", expires_at=utcnow())
            )
            await session.commit()

    try:
        await write("warm")  # the pool has its connection: the next write parks only at the turn
        task = asyncio.create_task(write("cancelled"))
        await asyncio.sleep(0)  # the task now waits for the (free) write turn
        task.cancel()
        try:
            await task
            finished = True
        except asyncio.CancelledError:
            finished = False
        assert finished is False, "the cancelled task went on and wrote"
        await asyncio.wait_for(write("next"), 2)  # the turn was given back
    finally:
        await engine.dispose()

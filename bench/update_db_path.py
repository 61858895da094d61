"""CPU cost of the database part of one update, one path at a time (bench/RESULTS.md, "Updates").

    python bench/update_db_path.py [--updates 3000] [--pg-admin-url URL]

What the update middleware does for a returning resident whose handler writes nothing: the
first look (seen-before flag, the resident, the conversation state) and the processed-update
marker, committed. Measured three ways on PostgreSQL, one update after another, as CPU time of
this process (the server's excluded): the ORM session as the bot does it; SQLAlchemy Core on a
connection; and asyncpg directly with the same SQL.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import asyncpg
from sqlalchemy import insert, text

from bench.updates_pg import fresh_postgres_url
from db.models import ProcessedUpdate, User
from db.repositories import updates
from db.session import create_engine, create_session_factory, record_update_on_commit

RESIDENTS = 500
FIRST_LOOK_SQL = """
SELECT EXISTS (SELECT 1 FROM processed_updates WHERE update_id = $1) AS seen,
       (SELECT state FROM fsm_states WHERE key = $2) AS fsm_state,
       (SELECT data FROM fsm_states WHERE key = $2) AS fsm_data,
       users.*
FROM (SELECT 1) AS anchor LEFT OUTER JOIN users ON users.telegram_id = $3
"""
MARK_SQL = "INSERT INTO processed_updates (update_id, processed_at) VALUES ($1, now())"


def fsm_key(person: int) -> str:
    return f"42:{person}:{person}::::default"


async def measure(name: str, count: int, one: Callable[[int], Awaitable[None]], first: int) -> int:
    """Run `count` updates with ids from `first`; print CPU and wall time per update."""
    cpu, wall = time.process_time(), time.perf_counter()
    for update_id in range(first, first + count):
        await one(update_id)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"| {name} | {count} | {1000 * cpu / count:.2f} | {1000 * wall / count:.2f} |")
    return first + count


async def main(count: int, admin_url: str) -> None:
    url = await fresh_postgres_url(admin_url)
    engine = create_engine(url)
    sessions = create_session_factory(engine)
    async with sessions() as session:
        session.add_all(User(telegram_id=person, language="de") for person in range(RESIDENTS))
        await session.commit()

    async def orm(update_id: int) -> None:
        person = update_id % RESIDENTS
        async with sessions() as session:
            look = await updates.first_look(session, update_id, person, fsm_key(person))
            assert not look.seen and look.user is not None
            record_update_on_commit(session, update_id)
            await session.commit()

    mark = insert(ProcessedUpdate)

    async def core(update_id: int) -> None:
        person = update_id % RESIDENTS
        values = {"update_id": update_id, "telegram_id": person, "fsm_key": fsm_key(person)}
        async with engine.begin() as connection:
            row = (await connection.execute(updates._first_look_statement(), values)).one()
            assert not row.seen and row.telegram_id == person
            await connection.execute(mark, {"update_id": update_id})

    dsn = url.replace("postgresql+asyncpg", "postgresql")
    pool = await asyncpg.create_pool(dsn, min_size=1, max_size=2)

    async def raw(update_id: int) -> None:
        person = update_id % RESIDENTS
        async with pool.acquire() as connection, connection.transaction():
            row = await connection.fetchrow(FIRST_LOOK_SQL, update_id, fsm_key(person), person)
            assert row is not None and not row["seen"] and row["telegram_id"] == person
            await connection.execute(MARK_SQL, update_id)

    print("| path | updates | CPU ms/update | wall ms/update |\n| --- | ---: | ---: | ---: |")
    first = 1
    for _round in range(2):  # the first round also warms caches and prepared statements
        for name, one in (("ORM session (as the bot)", orm), ("Core connection", core)):
            first = await measure(name, count, one, first)
        first = await measure("asyncpg, same SQL", count, raw, first)
    async with engine.connect() as connection:
        count = (await connection.execute(text("SELECT count(*) FROM processed_updates"))).scalar()
    print(f"markers written: {count} (expected {first - 1})")
    await pool.close()
    await engine.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=3000)
    parser.add_argument("--pg-admin-url", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    asyncio.run(main(args.updates, args.pg_admin_url))

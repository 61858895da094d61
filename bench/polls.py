"""Poll benchmark: full results of 100,000 votes; vote ingestion through the whole bot.

Run from the project root (prints Markdown tables)::

    python bench/polls.py [--votes 100000] [--ingest 3000] [--db sqlite|postgresql|both]

Per database (SQLite: a file in a temp dir; PostgreSQL: a fresh database ``bench_polls`` created
through ``--pg-admin-url``), freshly migrated:

1. results – one poll with 10 language variants and 12 options (multiple choice); N votes
   inserted in bulk with random language, district, age group and 1–3 options; then
   ``poll_results.compute`` (totals, youth groups, turnout, breakdowns by language, district and
   age group) timed 7 times: median and max;
2. ingest – a second poll sent to M residents (poll message rows as the sender writes them);
   each resident's ``poll_answer`` update goes through ``Dispatcher.feed_raw_update`` (every
   middleware, the vote handler, one transaction each), first one at a time, then 32 at a
   time like a webhook server with concurrent requests. No Bot API call happens (results
   to voters off), so the figure is the bot's own cost.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import build_dispatcher  # noqa: E402
from bot.config import LANGUAGES, Settings  # noqa: E402
from bot.runtime import build_bot, create_runtime  # noqa: E402
from bot.services.clock import SystemClock  # noqa: E402
from bot.services.polls import lifecycle as polls  # noqa: E402
from bot.services.polls import results as poll_results  # noqa: E402
from bot.services.polls.input import PollDraft  # noqa: E402
from bot.services.polls.votes import voter_key  # noqa: E402
from bot.services.profile import AGE_GROUPS, DISTRICTS  # noqa: E402
from db import migrate  # noqa: E402
from db.models import PollMessage, PollVote, User  # noqa: E402
from db.session import create_engine  # noqa: E402

TOKEN = "123456789:AAH-fake-token-for-bench-polls-abcdefghijk"
POLL_SECRET = "bench-poll-secret-0123456789abcdef0123"
OPTIONS = 12


def draft() -> PollDraft:
    """Ten languages, twelve options."""
    questions = {lang: f"Frage {lang}?" for lang in LANGUAGES}
    options = {lang: [f"{lang} Antwort {n}" for n in range(OPTIONS)] for lang in LANGUAGES}
    return PollDraft(
        questions, options, datetime.now(UTC) + timedelta(days=5), multiple=True,
        show_results=False,
    )  # fmt: skip


async def fresh(url: str, admin_url: str | None) -> None:
    """An empty, migrated database."""
    if admin_url:
        admin = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
        async with admin.connect() as connection:
            await connection.execute(text("DROP DATABASE IF EXISTS bench_polls WITH (FORCE)"))
            await connection.execute(text("CREATE DATABASE bench_polls"))
        await admin.dispose()
    engine = create_engine(url)
    await migrate.upgrade(engine)
    await engine.dispose()


async def bench_results(url: str, votes: int) -> dict[str, Any]:
    """Insert N votes in bulk and time the full results."""
    runtime = create_runtime(Settings(_env_file=None, database_url=url))  # type: ignore[call-arg]
    rng = random.Random(7)
    async with runtime.session_factory() as session:
        poll = await polls.create(session, SystemClock(), draft(), created_by=0)
        for start in range(0, votes, 10_000):
            rows = [
                {
                    "poll_id": poll.id,
                    "voter": voter_key(b"k", poll.id, n),
                    "choices": sum(1 << i for i in rng.sample(range(OPTIONS), rng.randint(1, 3))),
                    "language": rng.choice(LANGUAGES),
                    "district": rng.choice(DISTRICTS),
                    "age_group": rng.choice(AGE_GROUPS),
                }
                for n in range(start, min(votes, start + 10_000))
            ]
            await session.execute(insert(PollVote), rows)
        await session.commit()
        if url.startswith("postgresql"):
            await session.execute(text("ANALYZE poll_votes"))
        times = []
        for _ in range(7):
            began = time.perf_counter()
            found = await poll_results.compute(session, poll)
            times.append(time.perf_counter() - began)
    await runtime.engine.dispose()
    assert found.residents.voters == votes
    cells = sum(len(c) for c in found.breakdowns.values())
    return {"median": statistics.median(times), "max": max(times), "cells": cells}


async def bench_ingest(url: str, count: int) -> dict[str, float]:
    """poll_answer updates through the whole Dispatcher, one at a time and 32 at a time."""
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=url,
        bot_token=TOKEN,
        poll_secret=POLL_SECRET,
        throttle_burst=10_000,
    )
    runtime = create_runtime(settings)
    async with runtime.session_factory() as session:
        poll = await polls.create(session, SystemClock(), draft(), created_by=0)
        people = [{"telegram_id": 10_000_000 + n, "telegram_language": "de"} for n in range(count)]
        await session.execute(insert(User), people)
        sent = [
            {"telegram_poll_id": f"tp{n}", "poll_id": poll.id, "chat_id": 10_000_000 + n,
             "message_id": 1, "language": "de", "is_group": False, "native_close": True,
             "tally_voters": 0, "sent_at": datetime.now(UTC)}
            for n in range(count)
        ]  # fmt: skip
        await session.execute(insert(PollMessage), sent)
        await session.commit()
    bot = build_bot(settings, TOKEN)
    dispatcher = build_dispatcher(runtime)
    ids = itertools.count(1)

    def answer(n: int, option: int) -> dict[str, Any]:
        user = {"id": 10_000_000 + n, "is_bot": False, "first_name": "B", "language_code": "de"}
        body = {"poll_id": f"tp{n}", "user": user, "option_ids": [option],
                "option_persistent_ids": [str(option)]}  # fmt: skip
        return {"update_id": next(ids), "poll_answer": body}

    half = count // 2
    began = time.perf_counter()
    for n in range(half):
        await dispatcher.feed_raw_update(bot, answer(n, n % OPTIONS))
    sequential = half / (time.perf_counter() - began)
    began = time.perf_counter()
    for start in range(half, count, 32):
        batch = range(start, min(count, start + 32))
        await asyncio.gather(*(dispatcher.feed_raw_update(bot, answer(n, 0)) for n in batch))
    concurrent = (count - half) / (time.perf_counter() - began)
    async with runtime.session_factory() as session:
        stored = await session.scalar(
            text("SELECT count(*) FROM poll_votes WHERE poll_id = :p").bindparams(p=poll.id)
        )
    assert stored == count, stored
    await dispatcher.storage.close()
    await bot.session.close()
    await runtime.engine.dispose()
    return {"sequential": sequential, "concurrent": concurrent}


async def main() -> None:
    """Run both benchmarks on the chosen databases and print the tables."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--votes", type=int, default=100_000)
    parser.add_argument("--ingest", type=int, default=3_000)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument(
        "--pg-admin-url", default="postgresql+asyncpg://postgres@127.0.0.1:5432/test"
    )
    args = parser.parse_args()
    targets = []
    if args.db in ("sqlite", "both"):
        targets.append(("SQLite", None))
    if args.db in ("postgresql", "both"):
        targets.append(("PostgreSQL", args.pg_admin_url))
    print(f"{platform.python_version()} · {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n")
    print(
        "| Database | votes | results median | max | breakdown cells | "
        "ingest 1 at a time | ingest 32 at a time |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, admin in targets:
        with tempfile.TemporaryDirectory() as folder:
            url = (
                str(make_url(admin).set(database="bench_polls"))
                if admin
                else f"sqlite+aiosqlite:///{folder}/bench.db"
            )
            await fresh(url, admin)
            result = await bench_results(url, args.votes)
            ingest = await bench_ingest(url, args.ingest)
        print(
            f"| {name} | {args.votes:,} | {result['median'] * 1000:.0f} ms | "
            f"{result['max'] * 1000:.0f} ms | {result['cells']} | "
            f"{ingest['sequential']:.0f}/s | {ingest['concurrent']:.0f}/s |"
        )


if __name__ == "__main__":
    asyncio.run(main())

"""Bürgerhaushalt ballot intake through the whole bot (issue 22: "≥ 100 ballots/s").

Run from the project root (prints a Markdown table)::

    python bench/budget_intake.py [--residents 1000] [--db sqlite|postgresql|both]
                                  [--lanes 1,32] [--pg-admin-url URL]

Per database (SQLite: a file in a temp dir; PostgreSQL: a fresh database ``bench_budget_intake``
created through ``--pg-admin-url``), freshly migrated: one city-wide process in the voting phase
with ten projects (no district, age or code question), and per lane count N residents inserted
as already onboarded (languages spread over our ten). Each resident casts a ballot as in
tests/flow/test_budget_vote.py — /menu, 💶, the process, 2–4 project toggles, "Confirm my
vote" — every update through the real Dispatcher (all routers and middlewares,
tests/flow/harness.py) against the strict fake Bot API (bot/sandbox), which runs in the same
process and so shares its CPU. "lanes" residents vote at the same time (each one's presses in
order), like a webhook server with that many requests in flight. Ballots/s = ballots stored in
budget_ballots ÷ wall time; p50/p99 are per update (feed to handled).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.update_profile import LANGUAGES, fresh_sqlite_url
from bot import tuning
from bot.sandbox.server import FakeBotAPI
from bot.services.users import current_privacy_version
from db import migrate
from db.models import BudgetBallot, BudgetPhase, BudgetProcess, BudgetProject, User
from tests.flow.harness import Chat, Harness

PG_NAME = "bench_budget_intake"
BUDGET = 1_000_000
# Ten projects; any four of them fit the budget, so no toggle is refused.
COSTS = [60_000, 80_000, 95_000, 120_000, 140_000, 160_000, 180_000, 200_000, 220_000, 240_000]
Button = dict[str, Any]
STEPS = ("/menu", "💶", "open", "toggle", "confirm")


async def fresh_postgres_url(admin_url: str) -> str:
    """Our own database (not bench/updates.py's), dropped, created and migrated."""
    admin = make_url(admin_url).set(drivername="postgresql+asyncpg")
    engine = create_async_engine(admin, isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')
        await connection.exec_driver_sql(f'CREATE DATABASE "{PG_NAME}"')
    await engine.dispose()
    url = admin.set(database=PG_NAME)
    target = create_async_engine(url)
    await migrate.upgrade(target)
    await target.dispose()
    return url.render_as_string(hide_password=False)


async def voting_process(h: Harness) -> tuple[int, list[str]]:
    """The process and its project codes."""
    codes = [f"B-{n + 1:02d}" for n in range(len(COSTS))]
    async with h.runtime.session_factory() as session:
        process = BudgetProcess(
            title='{"de": "[Bench] Bürgerhaushalt Duisburg", "en": "[Bench] Budget Duisburg"}',
            district=None, budget=BUDGET, phase=BudgetPhase.VOTING, created_by=0,
        )  # fmt: skip
        session.add(process)
        await session.flush()
        for code, cost in zip(codes, COSTS, strict=True):
            title = f'{{"de": "Projekt {code}", "en": "Project {code}"}}'
            session.add(BudgetProject(process_id=process.id, code=code, cost=cost, title=title))
        await session.commit()
        return process.id, codes


async def onboarded_residents(h: Harness, first_id: int, count: int) -> None:
    """Residents past the welcome, as if they had used the bot before."""
    rows = [
        {"telegram_id": first_id + n, "telegram_language": LANGUAGES[n % len(LANGUAGES)],
         "onboarded": True, "privacy_version": current_privacy_version()}
        for n in range(count)
    ]  # fmt: skip
    async with h.runtime.session_factory() as session:
        await session.execute(insert(User), rows)
        await session.commit()


async def stored_ballots(h: Harness, process_id: int) -> int:
    async with h.runtime.session_factory() as session:
        found = await session.scalar(
            select(func.count()).where(BudgetBallot.process_id == process_id)
        )
        return int(found or 0)


Timings = dict[str, list[float]]  # seconds per update, by step


async def press(chat: Chat, step: str, wanted: Callable[[Button], bool], timings: Timings) -> None:
    """Press the one button of the newest keyboard that `wanted` picks."""
    message = next(m for m in reversed(chat.messages()) if m.get("reply_markup"))
    matches = [b for b in chat.buttons(message) if wanted(b)]
    assert len(matches) == 1, [b["text"] for b in chat.buttons(message)]
    began = time.perf_counter()
    await chat.press_data(matches[0]["callback_data"], message)
    timings[step].append(time.perf_counter() - began)


async def cast(chat: Chat, process_id: int, picks: list[str], timings: Timings) -> None:
    """/menu, 💶, the process, the toggles, Confirm — one resident's ballot."""
    began = time.perf_counter()
    await chat.send("/menu")
    timings["/menu"].append(time.perf_counter() - began)
    await press(chat, "💶", lambda b: b["text"].startswith("💶"), timings)
    opened = f"bu:open:{process_id}:"
    await press(chat, "open", lambda b: b.get("callback_data", "").startswith(opened), timings)
    for code in picks:
        await press(chat, "toggle", lambda b, c=code: f" {c} " in b["text"], timings)  # type: ignore[misc]
    await press(chat, "confirm", lambda b: b.get("callback_data", "").startswith("bu:ok:"), timings)


def pct(ordered: list[float], share: float) -> float:
    """The share-quantile of sorted seconds, in ms."""
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


async def run(
    h: Harness, process_id: int, codes: list[str], first_id: int, residents: int, lanes: int
) -> dict[str, Any]:
    """N residents vote, `lanes` at a time; figures of the run."""
    await onboarded_residents(h, first_id, residents)
    rng = random.Random(first_id)
    picks = [rng.sample(codes, rng.randint(2, 4)) for _ in range(residents)]
    chats = [h.chat(first_id + n, LANGUAGES[n % len(LANGUAGES)]) for n in range(residents)]
    timings: Timings = {step: [] for step in STEPS}
    before = await stored_ballots(h, process_id)
    errors = len(h.errors.records)

    async def lane(start: int) -> None:
        for n in range(start, residents, lanes):
            await cast(chats[n], process_id, picks[n], timings)

    cpu, began = time.process_time(), time.perf_counter()
    await asyncio.gather(*(lane(start) for start in range(lanes)))
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    ballots = await stored_ballots(h, process_id) - before
    every = sorted(t for step in STEPS for t in timings[step])
    return {
        "lanes": lanes, "residents": residents, "updates": len(every), "ballots": ballots,
        "wall": wall, "per_s": ballots / wall, "updates_per_s": len(every) / wall,
        "p50": pct(every, 0.5), "p99": pct(every, 0.99), "max": every[-1] * 1000,
        "cpu_ms": cpu * 1000 / len(every),
        "steps": " · ".join(f"{s} {pct(sorted(timings[s]), 0.5):.1f}" for s in STEPS),
        "errors": len(h.errors.records) - errors,
    }  # fmt: skip


async def bench(name: str, url: str, residents: int, lane_counts: list[int]) -> list[str]:
    """One database: warm up, then one run per lane count; the table rows."""
    api = FakeBotAPI()
    harness = Harness(api, await api.start(), url)
    await harness.start()
    logging.getLogger().addHandler(harness.errors)
    kept = tuning.response_models()  # as the runner does after start-up
    tuning.freeze_start_up_objects()
    rows = []
    try:
        process_id, codes = await voting_process(harness)
        await run(harness, process_id, codes, 6_000_000, 20, 1)  # warm-up, not counted
        for index, lanes in enumerate(lane_counts):
            fig = await run(harness, process_id, codes, 7_000_000 + index * 1_000_000,
                            residents, lanes)  # fmt: skip
            rows.append(
                f"| {name} | {fig['lanes']} | {fig['residents']:,} | {fig['updates']:,} | "
                f"{fig['ballots']:,} | {fig['wall']:.1f} | **{fig['per_s']:.0f}** | "
                f"{fig['updates_per_s']:.0f} | {fig['p50']:.1f} | {fig['p99']:.1f} | "
                f"{fig['max']:.0f} | {fig['cpu_ms']:.2f} | {fig['steps']} | {fig['errors']} |"
            )
    finally:
        logging.getLogger().removeHandler(harness.errors)
        await harness.stop()
        await api.stop()
        del kept
    return rows


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=1000)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--lanes", default="1,32", help="residents voting at once, e.g. 1,32")
    parser.add_argument("--pg-admin-url", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    lanes = [int(n) for n in args.lanes.split(",")]
    print(f"machine: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"load before: {os.getloadavg()}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(
        "\n| database | lanes | residents | updates | ballots stored | wall s | ballots/s "
        "| updates/s | p50 ms | p99 ms | max ms | CPU ms/update (bot+fake) "
        "| p50 ms by step | errors |"
    )
    print("|" + " --- |" * 2 + " ---: |" * 10 + " --- | ---: |")
    databases = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    for db in databases:
        with tempfile.TemporaryDirectory(prefix="stadtstimme-bench-") as folder:
            url = await (
                fresh_sqlite_url(folder)
                if db == "sqlite"
                else fresh_postgres_url(args.pg_admin_url)
            )
            for line in await bench("SQLite" if db == "sqlite" else "PostgreSQL", url,
                                    args.residents, lanes):  # fmt: skip
                print(line, flush=True)
    print(f"\nload after: {os.getloadavg()}")


if __name__ == "__main__":
    asyncio.run(main())

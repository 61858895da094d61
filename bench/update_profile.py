"""Where our bot's CPU goes per update, by library (bench/RESULTS.md, "Updates").

    python bench/update_profile.py [--residents 300] [--db postgresql|sqlite] [--pg-admin-url URL]
                                   [--dump FILE]

The five steps of bench/updates.py (/start, press, text, /start, press) for each resident, one
update after another, through the real Dispatcher (tests/flow/harness.py) against the strict
fake Bot API in the same process, on a fresh database. First without a profiler (CPU per
update), then under cProfile, whose self time is summed per library. cProfile slows Python
calls more than C calls, so the shares are a guide, not a measurement of their own.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.updates_pg import fresh_postgres_url
from bot import tuning
from bot.sandbox.server import FakeBotAPI
from db import migrate
from db.session import create_engine
from tests.flow.harness import Harness

LANGUAGES = ("de", "tr", "ar", "en", "ru", "uk", "pl", "bg", "ro", "el")
LIBRARIES = (
    ("SQLAlchemy", r"sqlalchemy/"),
    ("asyncpg", r"asyncpg/"),
    ("aiogram dispatch (routers, filters, middlewares, FSM)", r"aiogram/(dispatcher|filters|fsm)"),
    ("aiogram keyboards and other utils", r"aiogram/utils"),
    ("aiogram client and methods", r"aiogram/(client|methods)"),
    ("aiogram types", r"aiogram/types"),
    ("pydantic", r"pydantic"),
    ("aiohttp, yarl, multidict", r"aiohttp/|yarl|multidict"),
    ("asyncio (without waiting in epoll)", r"asyncio/|selectors"),
    ("the fake Bot API", r"bot/sandbox"),
    ("our code (bot, db, handlers)", r"/(bot|db|handlers)/"),
    ("copy (deepcopy)", r"copy\.py"),
    ("babel, gettext", r"babel|gettext"),
)


async def five_steps(harness: Harness, residents: int, first_id: int) -> int:
    """Run the benchmark's five steps for each resident; return the number of updates."""
    count = 0
    for index in range(residents):
        chat = harness.chat(first_id + index, LANGUAGES[index % len(LANGUAGES)])
        for step in ("/start", "press", "Hallo, wie geht es?", "/start", "press"):
            if step == "press":
                buttons = chat.buttons()
                if not buttons:
                    continue
                await chat.press_data(buttons[0]["callback_data"])
            else:
                await chat.send(step)
            count += 1
    return count


def library_shares(profile: cProfile.Profile) -> Counter[str]:
    """Self time per library, in seconds; waiting in epoll is left out."""
    shares: Counter[str] = Counter()
    for (file, _line, name), (_cc, _nc, self_time, _ct, _callers) in pstats.Stats(
        profile
    ).stats.items():  # type: ignore[attr-defined]
        if "epoll" in name:
            continue
        label = next((lib for lib, rx in LIBRARIES if re.search(rx, file)), None)
        if label is None:
            label = "built-ins (C functions)" if file == "~" else f"other: {Path(file).name}"
        shares[label] += self_time
    return shares


async def fresh_sqlite_url(folder: str) -> str:
    """A new SQLite file at the newest schema (the bot migrates its own file the same way)."""
    url = f"sqlite+aiosqlite:///{folder}/bot.db"
    engine = create_engine(url)
    await migrate.upgrade(engine)
    await engine.dispose()
    return url


@asynccontextmanager
async def warm_bot(admin_url: str, db: str = "postgresql") -> AsyncIterator[Harness]:
    """Our bot on a fresh database against the fake, tuned as the runner does, warmed up."""
    with tempfile.TemporaryDirectory(prefix="stadtstimme-bench-") as folder:
        api = FakeBotAPI()
        database_url = await (
            fresh_sqlite_url(folder) if db == "sqlite" else fresh_postgres_url(admin_url)
        )
        harness = Harness(api, await api.start(), database_url)
        await harness.start()
        kept = tuning.response_models()  # as the runner does after start-up
        tuning.freeze_start_up_objects()
        await five_steps(harness, 20, 7_000_000)
        try:
            yield harness
        finally:
            print(
                f"errors logged by the bot: {len(harness.errors.records)}; kept {len(kept)} models"
            )
            await harness.stop()
            await api.stop()


async def main(residents: int, db: str, admin_url: str, dump: str | None) -> None:
    async with warm_bot(admin_url, db) as harness:
        await measure(harness, residents, dump)


async def measure(harness: Harness, residents: int, dump: str | None) -> None:
    """CPU per update without a profiler, then self time by library under cProfile."""
    cpu = time.process_time()
    count = await five_steps(harness, residents, 8_000_000)
    cpu = time.process_time() - cpu
    print(f"{count} updates, {1000 * cpu / count:.2f} ms CPU per update (bot and fake)")
    profile = cProfile.Profile()
    profile.enable()
    await five_steps(harness, residents, 9_000_000)
    profile.disable()
    if dump:
        profile.dump_stats(dump)
    shares = library_shares(profile)
    total = sum(shares.values())
    print("| where (self time under cProfile) | share |\n| --- | ---: |")
    for label, seconds in shares.most_common():
        if seconds / total >= 0.005:  # the rest: below half a per cent each
            print(f"| {label} | {100 * seconds / total:.1f} % |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=300)
    parser.add_argument("--db", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--pg-admin-url", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--dump", help="also save the cProfile statistics to this file (pstats)")
    args = parser.parse_args()
    asyncio.run(main(args.residents, args.db, args.pg_admin_url, args.dump))

"""Reminder benchmark: 5,000 registrations, every reminder due in the same second.

Run from the project root (prints a Markdown table)::

    python bench/reminders.py [--registrations 5000] [--db sqlite|postgresql|both]

Per database a fresh migrated database gets N residents registered for one meeting and one
"2 hours before" reminder row each, all due at the same moment D (about 40 s after the start of
the run). Then, exactly as in production, the scheduler's reminder tick
(``bot.scheduler.meeting_reminder_tick``, every 15 s) and the real ``Sender`` run side by side
against the limited fake Bot API in its own process (bench/broadcast_fake.py). Two scenarios:

* ``2 h before`` – the meeting starts at D + 2 h: every reminder must go out;
* ``start cut-off`` – the meeting starts at D + 60 s: what is not sent by then must never go out.

Measured from the fake's own recording (``time.time()`` at arrival): due → first send, due →
last send, and sends after the meeting's start. Goals: first ≤ 2 s, last ≤ N / SEND_RATE + 5 s,
0 after the start.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.broadcast import (  # noqa: E402
    FIRST_CHAT,
    PG_ADMIN,
    TOKEN,
    ApiProcess,
    Database,
    insert_users,
    machine,
    settings_for,
)
from bot.delivery.sender import Sender  # noqa: E402
from bot.runtime import Runtime, build_bot, create_runtime  # noqa: E402
from bot.scheduler import REMINDER_TICK, meeting_reminder_tick  # noqa: E402
from db.models import (  # noqa: E402
    Meeting,
    MeetingRegistration,
    MeetingReminder,
    OutboxMessage,
)

RATE = 28.0
LEAD = 40.0  # seconds from the start of the run to the due moment


async def seed(runtime: Runtime, count: int, due: datetime, starts: datetime) -> int:
    """One published meeting, N registrations, N reminders all due at `due`."""
    await insert_users(runtime, count)
    async with runtime.session_factory() as session:
        meeting = Meeting(
            title='{"de": "Bürgerforum Hamborn"}', district="hamborn", venue="Rathaus Hamborn",
            address="Duisburger Str. 213, 47166 Duisburg", starts_at=starts,
            ends_at=starts + timedelta(hours=2), status="published", version=1,
            created_at=due, updated_at=due, published_at=due,
        )  # fmt: skip
        session.add(meeting)
        await session.flush()
        ids = range(1, count + 1)
        await session.execute(
            insert(MeetingRegistration),
            [{"meeting_id": meeting.id, "user_id": i, "status": "registered", "remind": "2h",
              "since": due} for i in ids],
        )  # fmt: skip
        await session.execute(
            insert(MeetingReminder),
            [{"meeting_id": meeting.id, "user_id": i, "kind": "2h", "version": 1,
              "due_at": due, "status": "pending"} for i in ids],
        )  # fmt: skip
        await session.commit()
        return meeting.id


async def ticks(runtime: Runtime, stop: asyncio.Event) -> None:
    """The scheduler's reminder job: at once, then every REMINDER_TICK seconds."""
    while not stop.is_set():
        await meeting_reminder_tick(runtime)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), REMINDER_TICK)


async def run(kind: str, count: int, start_after: float) -> dict[str, Any]:
    """One scenario on a fresh database; returns the measured figures."""
    database = Database(kind, PG_ADMIN)
    url = await database.create()
    api = await ApiProcess().ready()
    settings = settings_for(url, api.url, paid=False)
    runtime = create_runtime(settings)
    bot = build_bot(settings, TOKEN)
    due_wall = time.time() + LEAD
    due = datetime.fromtimestamp(due_wall, UTC)
    starts = due + timedelta(seconds=start_after)
    try:
        await seed(runtime, count, due, starts)
        seeded = time.time()
        stop = asyncio.Event()
        limit = due_wall + min(start_after, count / RATE * 2) + 30

        async def done() -> bool:
            if time.time() > limit:
                return True
            if time.time() < due_wall + 1:
                return False
            async with runtime.session_factory() as session:
                left = await session.scalar(
                    select(func.count()).where(OutboxMessage.status.in_(("pending", "sending")))
                )
            return left == 0

        tick_task = asyncio.create_task(ticks(runtime, stop))
        await Sender(runtime, bot).run_until(done)
        stop.set()
        await tick_task
        async with runtime.session_factory() as session:
            rows = await session.execute(
                select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
            )
            outbox = {status: int(n) for status, n in rows.all()}
        calls = [c for c in (await api.calls())["calls"] if c[2] and c[1] >= FIRST_CHAT]
        stamps = sorted(c[4] for c in calls)
        start_wall = starts.timestamp()
        return {
            "db": kind, "scenario": "2 h before" if start_after > 3600 else "start cut-off",
            "n": count, "seed_s": seeded - (due_wall - LEAD), "sent": len(stamps),
            "first": stamps[0] - due_wall if stamps else None,
            "last": stamps[-1] - due_wall if stamps else None,
            "early": sum(1 for s in stamps if s < due_wall),
            "after_start": sum(1 for s in stamps if s >= start_wall),
            "chats": len({c[1] for c in calls}), "outbox": outbox,
            "goal_last": count / RATE + 5, "start_after": start_after,
        }  # fmt: skip
    finally:
        await bot.session.close()
        await runtime.engine.dispose()
        api.stop()
        await database.drop()


def table(results: list[dict[str, Any]]) -> str:
    """The figures as a Markdown table."""
    lines = [
        "| db | scenario | reminders | sent | due → first send | due → last send | "
        "sent after start | sent before due | outbox |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        first = f"{r['first']:.2f} s" if r["first"] is not None else "—"
        last = f"{r['last']:.1f} s" if r["last"] is not None else "—"
        if r["scenario"] == "2 h before":
            last += f" (goal ≤ {r['goal_last']:.1f} s)"
        else:
            last += f" (start at {r['start_after']:.0f} s)"
        outbox = ", ".join(f"{k} {v}" for k, v in sorted(r["outbox"].items()))
        lines.append(
            f"| {r['db']} | {r['scenario']} | {r['n']} | {r['sent']} | {first} (goal ≤ 2 s) | "
            f"{last} | {r['after_start']} (goal 0) | {r['early']} | {outbox} |"
        )
    return "\n".join(lines)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registrations", type=int, default=5000)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--cutoff-only", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    kinds = ("sqlite", "postgresql") if args.db == "both" else (args.db,)
    print(f"machine: {machine()}")
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    results = []
    for kind in kinds:
        scenarios = (60.0,) if args.cutoff_only else (7200.0, 60.0)
        for start_after in scenarios:
            results.append(await run(kind, args.registrations, start_after))
            print(table(results[-1:]).splitlines()[-1], flush=True)
    print(f"\n{started}, `python bench/reminders.py --db {args.db}`\n")
    print(table(results))
    print(f"\nload afterwards (1/5/15 min): {os.getloadavg()}")


if __name__ == "__main__":
    asyncio.run(main())

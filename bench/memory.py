"""Memory per process kind (issue 25): RSS and PSS from /proc/PID/smaps_rollup.

Run from the project root (PostgreSQL on 127.0.0.1:5432; prints a Markdown table)::

    python bench/memory.py [--workers 4] [--users 1000]

Starts the fake Bot API with bench/updates_load.py's load generator, ``stadtstimme run
--webhook --workers N`` (one parent that loads everything and forks N workers on one port), a
``stadtstimme sender`` and a ``stadtstimme dashboard`` on a fresh PostgreSQL database; N
residents each send five updates (/start, a button, a text in their language, /start, a
button), then every process is measured. PSS counts shared pages divided among the processes
sharing them, so the workers' PSS is what each really costs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sys
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.updates import POLL_SECRET, SECRET, TOKEN, Processes, free_port  # noqa: E402
from bench.updates_pg import fresh_postgres_url  # noqa: E402

GOALS = {"webhook worker": 150, "sender": 120, "dashboard": 120}  # MB of PSS


def rollup(pid: int) -> tuple[float, float]:
    """(RSS, PSS) in MiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0]) / 1024
    return fields["Rss"], fields["Pss"]


def children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


async def until_answers(url: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    async with aiohttp.ClientSession() as http:
        while True:
            try:
                async with http.get(url) as resp:
                    if resp.status < 500:
                        return
            except aiohttp.ClientError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer within {seconds} s")
            await asyncio.sleep(0.2)


async def updates_total(http: aiohttp.ClientSession, port: int) -> int:
    """The sum of a worker's stadtstimme_updates_total counters (from its /metrics)."""
    async with http.get(f"http://127.0.0.1:{port}/metrics") as resp:
        lines = (await resp.text()).splitlines()
    return int(
        sum(float(n.split()[-1]) for n in lines if n.startswith("stadtstimme_updates_total{"))
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--pg-admin-url", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    print(f"machine: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"load before: {os.getloadavg()}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    processes = Processes()
    api_port, hook, ops, dash = free_port(), free_port(), free_port(), free_port()
    api = f"http://127.0.0.1:{api_port}"
    env = {
        "BOT_TOKEN": TOKEN, "POLL_SECRET": POLL_SECRET, "TELEGRAM_API_URL": api,
        "DATABASE_URL": await fresh_postgres_url(args.pg_admin_url), "LOG_LEVEL": "WARNING",
        "DASHBOARD_ENABLED": "false", "THROTTLE_BURST": "10",
    }  # fmt: skip
    stadtstimme = [sys.executable, "-m", "bot.cli"]
    try:
        processes.start([sys.executable, "bench/updates_load.py", "--port", str(api_port)])
        await until_answers(f"{api}/bench/methods?token={TOKEN}")
        bot = processes.start(
            [*stadtstimme, "run", "--webhook", "--workers", str(args.workers)],
            env | {"WEBHOOK_URL": f"http://127.0.0.1:{hook}/webhook", "WEBHOOK_SECRET": SECRET,
                   "WEBHOOK_PORT": str(hook), "OPS_PORT": str(ops)},
        )  # fmt: skip
        sender = processes.start([*stadtstimme, "sender"], env | {"OPS_PORT": str(free_port())})
        dashboard = processes.start(
            [*stadtstimme, "dashboard"],
            env | {"OPS_PORT": str(free_port()), "DASHBOARD_PORT": str(dash)},
        )
        for index in range(args.workers):
            await until_answers(f"http://127.0.0.1:{ops + index}/readyz")
        await until_answers(f"http://127.0.0.1:{dash}/")
        plan = {"token": TOKEN, "mode": "webhook", "users": args.users, "base_id": 10_000_000,
                "webhook_urls": [f"http://127.0.0.1:{hook}/webhook"], "secret": SECRET}  # fmt: skip
        timeout = aiohttp.ClientTimeout(total=3600)
        async with aiohttp.ClientSession(timeout=timeout) as http:
            async with http.post(f"{api}/bench/run", json=plan) as resp:
                run = await resp.json()
            async with http.get(f"http://127.0.0.1:{dash}/") as resp:
                await resp.read()
            handled = [await updates_total(http, ops + i) for i in range(args.workers)]
        errors = sum(1 for r in run["records"] if r.get("error"))
        print(f"{len(run['records'])} updates delivered, {errors} webhook errors")
        print(f"updates handled per worker (stadtstimme_updates_total): {handled}")
        rows = [("webhook parent (forks, serves nothing)", bot.pid)]
        rows += [("webhook worker", pid) for pid in children(bot.pid)]
        rows += [("sender", sender.pid), ("dashboard", dashboard.pid)]
        print("\n| process | pid | RSS MiB | PSS MiB | goal (PSS) |")
        print("| --- | ---: | ---: | ---: | --- |")
        for kind, pid in rows:
            rss, pss = rollup(pid)
            goal = GOALS.get(kind)
            verdict = (
                f"≤ {goal} MB: {'met' if pss * 1.048576 <= goal else 'not met'}" if goal else ""
            )
            print(f"| {kind} | {pid} | {rss:.0f} | {pss:.0f} | {verdict} |")
    finally:
        processes.stop()
    print(f"\nload after: {os.getloadavg()}")


if __name__ == "__main__":
    asyncio.run(main())

"""Update benchmark: our bot against a bare aiogram echo bot, same load, same strict fake.

Run from the project root (prints Markdown tables)::

    python bench/updates.py [--users 1000] [--db sqlite|postgresql|both]
                            [--modes webhook,polling] [--rate 100] [--workers 1,2]

Per database and mode, three processes: the strict fake Bot API with the load generator
(bench/updates_load.py), and the bot — ours (``stadtstimme run [--webhook]`` on a fresh,
migrated database) or bench/echo_bot.py. N residents (language codes spread over our 10
languages) each send five updates: /start, a press on the first inline button the bot showed,
a text, /start again, another press. Throughput: webhook with 64 requests in flight (closed
loop), polling with all updates queued at once. Latency: a second run offering ``--rate``
updates/s. Latency is from delivery to the bot's first API call for that chat or callback
query, as the fake recorded it; "unanswered" updates got no call at all.

``PYSPY_OUT=file`` samples our bot with py-spy during the closed loop (``pip install py-spy``;
then ``python bench/stacks.py file``); its CPU figures then include the sampling.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.updates_load import first_answers  # noqa: E402
from bench.updates_pg import fresh_postgres_url  # noqa: E402

TOKEN = "123456789:AAH-fake-token-for-bench-updates-abcdefg"
POLL_SECRET = "bench-poll-secret-0123456789abcdef0123"
SECRET = "bench-secret-0123456789-abcdefghijklmnop"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Processes:
    """Started subprocesses, all stopped at the end."""

    def __init__(self) -> None:
        self.started: list[subprocess.Popen[bytes]] = []

    def start(self, args: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            args, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL
        )
        self.started.append(process)
        return process

    def stop(self) -> None:
        for process in self.started:
            process.terminate()
        for process in self.started:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        self.started.clear()


async def wait_ready(api: str, mode: str, ports: list[int]) -> None:
    """Webhook: the ports accept connections; polling: the bot called getUpdates."""
    deadline = time.time() + 60
    async with aiohttp.ClientSession() as http:
        while time.time() < deadline:
            try:
                if mode == "webhook":
                    for port in ports:
                        socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    return
                async with http.get(f"{api}/bench/methods", params={"token": TOKEN}) as resp:
                    if "getUpdates" in await resp.json():
                        return
            except OSError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError("the bot did not come up within 60 s")


def bot_commands(bot: str, mode: str, api: str, ports: list[int], database: str) -> list[Any]:
    """(argv, env) for each bot process."""
    if bot == "echo":
        base = [sys.executable, "bench/echo_bot.py", "--api", api, "--token", TOKEN]
        if mode == "polling":
            return [([*base, "--polling"], {})]
        return [([*base, "--webhook-port", str(p), "--secret", SECRET], {}) for p in ports]
    env = {"BOT_TOKEN": TOKEN, "POLL_SECRET": POLL_SECRET, "TELEGRAM_API_URL": api}
    env["DATABASE_URL"] = database
    env |= {"LOG_LEVEL": "WARNING", "DB_POOL_SIZE": os.environ.get("BENCH_DB_POOL_SIZE", "20")}
    runner = [sys.executable, "-m", "bot.cli", "run"]
    if os.environ.get(
        "TRACE_OUT"
    ):  # step timers (bench/trace_bot.py); CPU figures then include them
        runner = [sys.executable, "bench/trace_bot.py", "run"]
    if os.environ.get("BENCH_UNTUNE"):  # a tuning undone (bench/untuned_bot.py)
        runner = [sys.executable, "bench/untuned_bot.py", "run"]
    if mode == "polling":
        return [(runner, env)]
    return [
        (
            [*runner, "--webhook"],
            env
            | {
                "WEBHOOK_URL": f"http://127.0.0.1:{port}/webhook",
                "WEBHOOK_SECRET": SECRET,
                "WEBHOOK_PORT": str(port),
            },
        )
        for port in ports
    ]


def py_spy(pid: int, out: str) -> list[str]:
    """py-spy sampling a bot for 25 s (about the closed loop), raw stacks for bench/stacks.py."""
    return ["py-spy", "record", "-r", "250", "-f", "raw", "-d", "25", "--pid", str(pid), "-o", out]


async def scenario(
    bot: str, mode: str, database: str, users: int, rate: float, workers: int
) -> dict[str, Any]:
    """One bot under both loads; figures for the throughput run and the latency run."""
    processes = Processes()
    port, ports = free_port(), [free_port() for _ in range(workers)]
    api = f"http://127.0.0.1:{port}"
    try:
        fake = processes.start([sys.executable, "bench/updates_load.py", "--port", str(port)])
        await asyncio.sleep(1.5)
        bots = [
            processes.start(argv, env)
            for argv, env in bot_commands(bot, mode, api, ports, database)
        ]
        await wait_ready(api, mode, ports)
        if bot == "ours" and os.environ.get("PYSPY_OUT"):
            processes.start(py_spy(bots[0].pid, os.environ["PYSPY_OUT"]))
        hooks = [f"http://127.0.0.1:{p}/webhook" for p in ports]
        plan = {"token": TOKEN, "mode": mode, "webhook_urls": hooks, "secret": SECRET}
        results = {}
        runs = (("throughput", 10_000_000, 0.0), ("latency", 20_000_000, rate))
        for kind, base_id, offered in runs:
            cpu_before = sum(cpu_seconds(p.pid) for p in bots)
            fake_before = cpu_seconds(fake.pid)
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=3600)) as http:
                body = plan | {"users": users, "base_id": base_id, "rate": offered}
                async with http.post(f"{api}/bench/run", json=body) as resp:
                    run = await resp.json()
            cpu = sum(cpu_seconds(p.pid) for p in bots) - cpu_before
            results[kind] = summarize(run, cpu, cpu_seconds(fake.pid) - fake_before)
        return results
    finally:
        processes.stop()


def summarize(run: dict[str, Any], cpu: float, fake_cpu: float) -> dict[str, Any]:
    """Throughput, latency percentiles, unanswered updates and errors of one run."""
    latencies = first_answers(run)
    records = run["records"]
    # A step lasts from its start to the bot's last first call for an update delivered in it.
    # (Steps share names — two "start" and two "press" steps — so records go by their time.)
    duration = 0.0
    starts = [step["started"] for step in run["steps"]] + [float("inf")]
    for begin, end in itertools.pairwise(starts):
        ends = [
            r["t0"] + lat
            for r, lat in zip(records, latencies, strict=True)
            if begin <= r["t0"] < end and lat is not None
        ]
        duration += (max(ends) - begin) if ends else 0.0
    answered = sorted(lat for lat in latencies if lat is not None)
    # Webhook: delivery → the bot's HTTP answer (it answers once the update is handled).
    cycles = sorted(r["t1"] - r["t0"] for r in records if "t1" in r)

    def pct(p: float) -> float:
        return answered[min(len(answered) - 1, int(p * len(answered)))] * 1000 if answered else 0

    return {
        "updates": len(records),
        "per_s": len(records) / duration if duration else 0.0,
        "p50": pct(0.50),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "max": answered[-1] * 1000 if answered else 0.0,
        "unanswered": len(records) - len(answered),
        "errors": sum(1 for r in records if r["error"]),
        "cpu_ms_per_update": cpu * 1000 / len(records) if records else 0.0,
        "answer_p50": cycles[len(cycles) // 2] * 1000 if cycles else 0.0,
        # the fake Bot API and the load generator share one process (one core at most)
        "fake_cpu_ms_per_update": fake_cpu * 1000 / len(records) if records else 0.0,
    }


def row(name: str, fig: dict[str, Any]) -> str:
    return (
        f"| {name} | {fig['updates']} | {fig['per_s']:.0f} | {fig['p50']:.1f} | {fig['p95']:.1f}"
        f" | {fig['p99']:.1f} | {fig['max']:.1f} | {fig['unanswered']} | {fig['errors']}"
        f" | {fig['cpu_ms_per_update']:.2f} | {fig['fake_cpu_ms_per_update']:.2f}"
        f" | {fig['answer_p50']:.1f} |"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--modes", default="webhook,polling")
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--workers", default="1", help="webhook worker counts, e.g. 1,2")
    parser.add_argument("--pg-admin-url", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    print(f"machine: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"load before: {os.getloadavg()}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    header = (
        "| bot | updates | updates/s | p50 ms | p95 ms | p99 ms | max ms | unanswered | errors"
        " | bot CPU ms/update | fake+load CPU ms/update | webhook answer p50 ms |"
    )
    databases = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    for mode in args.modes.split(","):
        stolen = stolen_seconds()
        echo = await scenario("echo", mode, "", args.users, args.rate, 1)
        echo_stolen = stolen_seconds() - stolen
        for db in databases:
            for workers in [int(w) for w in args.workers.split(",")]:
                if workers > 1 and (mode != "webhook" or db != "postgresql"):
                    continue
                with tempfile.TemporaryDirectory() as tmp:
                    url = (
                        f"sqlite+aiosqlite:///{tmp}/bench.db"
                        if db == "sqlite"
                        else await fresh_postgres_url(args.pg_admin_url)
                    )
                    stolen = stolen_seconds()
                    ours = await scenario("ours", mode, url, args.users, args.rate, workers)
                    ours_stolen = stolen_seconds() - stolen
                title = f"{mode}, {db}, {workers} worker(s), {args.users} residents × 5 updates"
                print(f"\n### {title}\n\n{header}\n|{' --- |' * 12}")
                for kind in ("throughput", "latency"):
                    label = "closed loop" if kind == "throughput" else f"{args.rate:.0f}/s offered"
                    print(row(f"echo, {label}", echo[kind]))
                    print(row(f"ours, {label}", ours[kind]))
                ratio = ours["throughput"]["per_s"] / echo["throughput"]["per_s"]
                print(f"\nthroughput ratio ours/echo: **{ratio:.2f}**")
                print(f"host steal: echo {echo_stolen:.1f} s, ours {ours_stolen:.1f} s of CPU")
    print(f"\nload after: {os.getloadavg()}")


def stolen_seconds() -> float:
    """CPU time the hypervisor gave to others so far, all cores (0 where /proc/stat is missing)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
    except OSError:
        return 0.0
    # "cpu user nice system idle iowait irq softirq steal …", in clock ticks
    return int(fields[8]) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    asyncio.run(main())

"""Broadcast benchmark: the real Sender against the fake Bot API with Telegram's flood limits.

Run from the project root (prints Markdown tables)::

    python bench/broadcast.py [--recipients 20000] [--db sqlite|postgresql|both]
                              [--paid-only] [--skip-paid] [--queue-only]

Per database (SQLite: a file in a temp dir; PostgreSQL: a fresh database ``bench_broadcast``
created through ``--pg-admin-url``), each scenario gets a freshly migrated database
(``db.migrate.upgrade``) with N residents inserted in bulk, then:

1. free   – a campaign to everyone at the default SEND_RATE (28/s), sent by
   ``Sender(runtime, bot).run_until(campaign is done)`` against ``FakeBotAPI(limits=True)``
   running in another process (bench/broadcast_fake.py), so sender and fake get a core each;
2. paid   – the same with PAID_BROADCAST_RATE=1000 and ``Draft(paid=True)``; a second run
   against a minimal stub server (no validation, no limits) shows what the sender alone
   can do, and a raw aiohttp client shows what the fake alone can answer;
3. queue  – 100,000 residents, then ``campaigns.queue_due`` for one campaign to everyone
   (one INSERT … SELECT), timed; then a second campaign on the now filled outbox.

Counted from the fake's own recording (not from our database): achieved rate = successful
sends / (last − first successful send); 429s received; lost = recipients without a successful
message; duplicates = successful messages beyond one per recipient. CPU columns are CPU
seconds / wall seconds of the run (1.00 = one core busy the whole time); "machine" is all
processes from /proc/stat, out of 2.00 on this machine.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import logging
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.broadcast_trace import Trace, TracedSender, traced_claims  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.delivery.pacing import MARGIN, PAID_MARGIN  # noqa: E402
from bot.delivery.sender import Sender  # noqa: E402
from bot.runtime import Runtime, build_bot, create_runtime  # noqa: E402
from bot.services.audience import Audience  # noqa: E402
from bot.services.campaigns import lifecycle as campaigns  # noqa: E402
from bot.services.campaigns.lifecycle import Draft  # noqa: E402
from bot.tuning import freeze_start_up_objects, response_models  # noqa: E402
from db import migrate  # noqa: E402
from db.models import Campaign, OutboxMessage, User  # noqa: E402
from db.session import create_engine  # noqa: E402

TOKEN = "555555555:AAH-fake-token-for-broadcast-bench-abcdef"
FAKE = Path(__file__).resolve().parent / "broadcast_fake.py"
PG_ADMIN = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
PG_NAME = "bench_broadcast"
FIRST_CHAT = 10_000_000
TEXTS = {
    "de": "<b>Stadt Duisburg:</b> Am Samstag ist der Rathausplatz wegen des Marktes gesperrt.",
    "tr": "<b>Duisburg Belediyesi:</b> Cumartesi günü pazar nedeniyle Belediye Meydanı kapalı.",
}
LANGUAGE_MIX = ("de", "tr", None, "en")  # None: Telegram's language or the default; en → de
log = logging.getLogger("bench.broadcast")
QUIET_WAIT = 0.0  # --wait-quiet


# -- machine -------------------------------------------------------------------------------


def cpu_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies of all CPUs from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def machine() -> str:
    """nproc, CPU model, RAM, Python."""
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return (
        f"nproc={os.cpu_count()}, CPU {model!r}, {mem_kb / 1024 / 1024:.0f} GiB RAM, "
        f"Python {platform.python_version()}, load {os.getloadavg()[0]:.2f}"
    )


def backend_cpu(database: str) -> dict[int, float]:
    """CPU seconds of each PostgreSQL backend serving `database` (by its process title)."""
    found: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes().decode(errors="replace")
            if not title.startswith("postgres: ") or f" {database} " not in title:
                continue
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[int(entry.name)] = (int(stat[11]) + int(stat[12])) / tick  # utime + stime
    return found


async def wait_for_quiet(max_wait: float, limit: float = 0.3) -> float:
    """Wait up to `max_wait` s until the machine uses < `limit` cores (3 s sample); the load."""
    deadline = time.monotonic() + max_wait
    while True:
        (busy0, total0), _ = cpu_jiffies(), await asyncio.sleep(3)
        busy1, total1 = cpu_jiffies()
        load = (busy1 - busy0) / max(1, total1 - total0) * (os.cpu_count() or 1)
        if load < limit or time.monotonic() > deadline:
            return load
        await asyncio.sleep(2)


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- the Bot API process -------------------------------------------------------------------


class ApiProcess:
    """bench/broadcast_fake.py in a subprocess: the limited fake, or (stub=True) a bare stub."""

    def __init__(self, stub: bool = False) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, str(FAKE), "--port", str(self.port)]
        self.process = subprocess.Popen([*command, *(["--stub"] if stub else [])])

    async def ready(self, seconds: float = 30.0) -> ApiProcess:
        """Wait until it answers."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                await self.cpu()
                return self
            except aiohttp.ClientError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("the Bot API process did not start") from None
                await asyncio.sleep(0.1)

    async def _get(self, path: str) -> dict[str, Any]:
        async with (
            aiohttp.ClientSession() as http,
            http.get(self.url + path, timeout=aiohttp.ClientTimeout(total=120)) as response,
        ):
            return dict(await response.json())

    async def cpu(self) -> float:
        """CPU seconds the process has used."""
        return float((await self._get("/bench/cpu"))["cpu"])

    async def calls(self) -> dict[str, Any]:
        """Recorded message sends: {"calls": [[method, chat_id, ok, code, ts], …], "cpu": s}."""
        return await self._get("/bench/calls")

    def stop(self) -> None:
        """SIGTERM and wait."""
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# -- databases -----------------------------------------------------------------------------


@dataclass
class Database:
    """A fresh, migrated database of one kind; `drop()` removes it."""

    kind: str
    pg_admin: str
    url: str = ""
    tmp: tempfile.TemporaryDirectory[str] | None = None

    async def create(self) -> str:
        if self.kind == "sqlite":
            self.tmp = tempfile.TemporaryDirectory(prefix="bench_broadcast_")
            self.url = f"sqlite+aiosqlite:///{self.tmp.name}/bench.db"
        else:
            await self._admin(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')
            await self._admin(f'CREATE DATABASE "{PG_NAME}"')
            self.url = str(make_url(self.pg_admin).set(database=PG_NAME))
        engine = create_engine(self.url)
        await migrate.upgrade(engine)
        await engine.dispose()
        return self.url

    async def drop(self) -> None:
        if self.tmp is not None:
            self.tmp.cleanup()
            self.tmp = None
        elif self.kind == "postgresql":
            await self._admin(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')

    async def _admin(self, sql: str) -> None:
        engine = create_async_engine(self.pg_admin, isolation_level="AUTOCOMMIT")
        async with engine.connect() as connection:
            await connection.execute(text(sql))
        await engine.dispose()


async def insert_users(runtime: Runtime, count: int) -> float:
    """N residents with a mix of languages, in one bulk INSERT per 10,000; returns seconds."""
    started = time.perf_counter()
    async with runtime.session_factory() as session:
        for start in range(0, count, 10_000):
            rows = [
                {
                    "telegram_id": FIRST_CHAT + i,
                    "language": LANGUAGE_MIX[i % 4],
                    "telegram_language": "tr" if i % 8 == 2 else None,
                }
                for i in range(start, min(count, start + 10_000))
            ]
            await session.execute(insert(User), rows)
        await session.commit()
    return time.perf_counter() - started


def settings_for(url: str, api_url: str, paid: bool) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN, telegram_api_url=api_url, database_url=url,
        send_rate=28.0, paid_broadcast_rate=1000 if paid else 0, log_level="WARNING",
    )  # fmt: skip


async def new_campaign(runtime: Runtime, paid: bool) -> int:
    async with runtime.session_factory() as session:
        campaign = await campaigns.create(
            session, runtime.clock, Draft(texts=TEXTS, audience=Audience(), paid=paid), 1
        )
    return campaign.id


# -- scenario: send a campaign -------------------------------------------------------------


@dataclass
class SendResult:
    """One sending run, counted from the Bot API side."""

    db: str
    scenario: str
    recipients: int
    cap: float
    sent: int = 0
    rate: float = 0.0
    errors429: int = 0
    other_errors: int = 0
    lost: int = 0
    duplicates: int = 0
    wall: float = 0.0
    first_send_after: float = 0.0
    sender_cpu: float = 0.0
    api_cpu: float = 0.0
    postgres_cpu: float = 0.0
    machine_cpu: float = 0.0
    finished: bool = False
    outbox: dict[str, int] = field(default_factory=dict)
    lost_time: float = 0.0  # seconds beyond perfect pacing at the pacer's interval
    long_gaps: int = 0  # gaps between sends longer than 2 pacer intervals
    max_gap: float = 0.0
    median_gap_ms: float = 0.0
    note: str = ""
    background: float = 0.0  # cores busy just before the run (other people's work)
    trace: list[str] = field(default_factory=list)


def analyse(result: SendResult, calls: list[list[Any]], interval: float) -> None:
    """Fill the counts from the fake's recording."""
    sends = [c for c in calls if c[0] in ("sendMessage", "sendPhoto")]
    ok = sorted(c[4] for c in sends if c[2])
    result.sent = len(ok)
    result.errors429 = sum(1 for c in sends if c[3] == 429)
    result.other_errors = sum(1 for c in sends if not c[2] and c[3] != 429)
    per_chat = Counter(int(c[1]) for c in sends if c[2])
    wanted = set(range(FIRST_CHAT, FIRST_CHAT + result.recipients))
    result.lost = len(wanted - set(per_chat))
    result.duplicates = sum(n - 1 for n in per_chat.values())
    if len(ok) > 1:
        span = ok[-1] - ok[0]
        result.rate = len(ok) / span
        gaps = [b - a for a, b in itertools.pairwise(ok)]
        result.lost_time = max(0.0, span - (len(ok) - 1) * interval)
        result.long_gaps = sum(1 for g in gaps if g > 2 * interval)
        result.max_gap = max(gaps)
        result.median_gap_ms = statistics.median(gaps) * 1000


async def run_send(
    kind: str, recipients: int, paid: bool, pg_admin: str, stub: bool = False, trace: bool = False
) -> SendResult:
    """Fresh database, N residents, one campaign, the real Sender until it is done."""
    rate = 1000.0 if paid else 28.0
    name = (
        ("paid" if paid else "free") + (" vs stub" if stub else "") + (" traced" if trace else "")
    )
    result = SendResult(kind, name, recipients, rate)
    result.background = await wait_for_quiet(QUIET_WAIT)
    database = Database(kind, pg_admin)
    url = await database.create()
    api = await ApiProcess(stub=stub).ready()
    settings = settings_for(url, api.url, paid)
    runtime = create_runtime(settings)
    bot = build_bot(settings, TOKEN)
    try:
        await insert_users(runtime, recipients)
        campaign_id = await new_campaign(runtime, paid)
        limit = recipients / (900.0 if paid else 27.0) * 3 + 120

        checked, finished, timings = 0.0, False, Trace()
        started_mono = time.monotonic()

        async def done() -> bool:
            # Polled at most every 0.2 s; once true it stays true (run_until asks twice).
            nonlocal checked, finished
            now = time.monotonic()
            if not finished and now - started_mono > limit:
                result.note, finished = f"stopped after {limit:.0f} s", True
            if finished or now - checked < 0.2:
                return finished
            checked = now
            with timings.timed("bench: is the campaign done?"):
                async with runtime.session_factory() as session:
                    status = await session.scalar(
                        select(Campaign.status).where(Campaign.id == campaign_id)
                    )
            finished = status == "done"
            return finished

        # As `stadtstimme run` / `sender` do once start-up is over (bot/tuning.py).
        _models = response_models()
        freeze_start_up_objects()
        api_cpu0, cpu0, jiffies0 = await api.cpu(), time.process_time(), cpu_jiffies()
        backends0 = backend_cpu(PG_NAME)
        started_wall, started = time.time(), time.perf_counter()
        if trace:
            with traced_claims(timings):
                await TracedSender(runtime, bot, timings).run_until(done)
        else:
            await Sender(runtime, bot).run_until(done)
        result.wall = time.perf_counter() - started
        if trace:
            result.trace = timings.summary(result.wall)
        cpu1, jiffies1, api_cpu1 = time.process_time(), cpu_jiffies(), await api.cpu()
        backends1 = backend_cpu(PG_NAME)
        used = sum(t - backends0.get(pid, 0.0) for pid, t in backends1.items())
        result.postgres_cpu = used / result.wall
        result.sender_cpu = (cpu1 - cpu0) / result.wall
        result.api_cpu = (api_cpu1 - api_cpu0) / result.wall
        busy, total = jiffies1[0] - jiffies0[0], jiffies1[1] - jiffies0[1]
        result.machine_cpu = busy / total * (os.cpu_count() or 1) if total else 0.0
        async with runtime.session_factory() as session:
            status = await session.scalar(select(Campaign.status).where(Campaign.id == campaign_id))
            counts = await session.execute(
                select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
            )
            result.outbox = {s: int(n) for s, n in counts.all()}
        result.finished = status == "done"
        await asyncio.sleep(0.5)
        recorded = await api.calls()
        analyse(result, recorded["calls"], (1 + (PAID_MARGIN if paid else MARGIN)) / rate)
        first_ok = min((c[4] for c in recorded["calls"] if c[2]), default=started_wall)
        result.first_send_after = first_ok - started_wall
    finally:
        await bot.session.close()
        await runtime.engine.dispose()
        api.stop()
        await database.drop()
    return result


async def fake_capacity(seconds: float = 8.0, concurrency: int = 64) -> dict[str, float]:
    """How many paid sendMessage calls per second the fake answers to a bare aiohttp client."""
    api = await ApiProcess().ready()
    url = f"{api.url}/bot{TOKEN}/sendMessage"
    done = 0
    counter = iter(range(FIRST_CHAT, FIRST_CHAT + 10_000_000))
    deadline = time.monotonic() + seconds
    try:
        api_cpu0, cpu0 = await api.cpu(), time.process_time()
        started = time.perf_counter()
        connector = aiohttp.TCPConnector(limit=concurrency)
        async with aiohttp.ClientSession(connector=connector) as http:

            async def worker() -> None:
                nonlocal done
                while time.monotonic() < deadline:
                    form = {
                        "chat_id": str(next(counter)), "text": TEXTS["de"],
                        "parse_mode": "HTML", "allow_paid_broadcast": "true",
                    }  # fmt: skip
                    async with http.post(url, data=form) as response:
                        await response.read()
                    done += 1

            await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - started
        recorded = await api.calls()
        return {
            "requests_per_s": done / wall,
            "ok_per_s": sum(1 for c in recorded["calls"] if c[2]) / wall,
            "429": sum(1 for c in recorded["calls"] if c[3] == 429),
            "fake_cpu": (await api.cpu() - api_cpu0) / wall,
            "client_cpu": (time.process_time() - cpu0) / wall,
        }
    finally:
        api.stop()


# -- scenario: queue -----------------------------------------------------------------------


async def run_queue(kind: str, recipients: int, pg_admin: str) -> dict[str, Any]:
    """Time `campaigns.queue_due` for one campaign to N residents (and a second one)."""
    database = Database(kind, pg_admin)
    url = await database.create()
    settings = settings_for(url, "http://127.0.0.1:9", paid=False)
    runtime = create_runtime(settings)
    row: dict[str, Any] = {"db": kind, "recipients": recipients}
    try:
        row["insert_s"] = await insert_users(runtime, recipients)
        for label in ("first", "second"):
            campaign_id = await new_campaign(runtime, paid=False)
            async with runtime.session_factory() as session:
                started = time.perf_counter()
                queued = await campaigns.queue_due(session, runtime.clock, "de")
                row[f"{label}_s"] = time.perf_counter() - started
                total = await session.scalar(
                    select(Campaign.total).where(Campaign.id == campaign_id)
                )
            assert queued == [campaign_id], queued
            row[f"{label}_rows"] = int(total or 0)
    finally:
        await runtime.engine.dispose()
        await database.drop()
    return row


# -- output --------------------------------------------------------------------------------


def goal(ok: bool) -> str:
    return "yes" if ok else "**no**"


def send_table(results: list[SendResult]) -> str:
    lines = [
        "| DB | run | recipients | sent OK | rate msg/s | % of cap | 429s | other errors | lost "
        "| duplicates | wall s | CPU: sender / fake / postgres / rest | goals met |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if r.scenario == "free":
            met = r.rate / r.cap >= 0.97
        elif r.scenario.startswith("paid") and "stub" not in r.scenario:
            met = r.rate >= 900
        else:
            met = True  # the stub run only measures
        met = met and r.errors429 == 0 and r.lost == 0 and r.duplicates == 0 and r.finished
        rest = max(0.0, r.machine_cpu - r.sender_cpu - r.api_cpu - r.postgres_cpu)
        lines.append(
            f"| {r.db} | {r.scenario} | {r.recipients} | {r.sent} | {r.rate:.1f} "
            f"| {100 * r.rate / r.cap:.1f} | {r.errors429} | {r.other_errors} | {r.lost} "
            f"| {r.duplicates} | {r.wall:.1f} "
            f"| {r.sender_cpu:.2f} / {r.api_cpu:.2f} / {r.postgres_cpu:.2f} / {rest:.2f} "
            f"| {goal(met)} |"
        )
    return "\n".join(lines)


def detail_lines(results: list[SendResult]) -> str:
    lines = []
    for r in results:
        lines.append(
            f"- {r.db} {r.scenario}: machine busy {r.background:.2f} cores before; "
            f"first send {r.first_send_after:.2f} s after start; "
            f"median gap {r.median_gap_ms:.2f} ms; time beyond perfect pacing "
            f"{r.lost_time:.2f} s; gaps > 2 intervals: {r.long_gaps}, longest "
            f"{r.max_gap * 1000:.0f} ms; outbox {r.outbox}"
            + ("; campaign not done" if not r.finished else "")
            + (f"; {r.note}" if r.note else "")
        )
        lines.extend(f"  - {line}" for line in r.trace)
    return "\n".join(lines)


def queue_table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| DB | residents | bulk insert s | queue_due (1st campaign) s | rows | "
        "queue_due (2nd campaign, outbox already full) s | rows |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['db']} | {r['recipients']} | {r['insert_s']:.2f} | {r['first_s']:.2f} "
            f"| {r['first_rows']} | {r['second_s']:.2f} | {r['second_rows']} |"
        )
    return "\n".join(lines)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=20_000)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--paid-only", action="store_true", help="only the paid runs")
    parser.add_argument("--skip-paid", action="store_true", help="no paid runs")
    parser.add_argument("--queue-only", action="store_true", help="only the queue timing")
    parser.add_argument("--queue-recipients", type=int, default=100_000)
    parser.add_argument("--no-probes", action="store_true", help="paid: skip stub/fake probes")
    parser.add_argument("--pg-admin-url", default=PG_ADMIN)
    parser.add_argument("--trace", action="store_true", help="paid: add a run with step timers")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument(
        "--wait-quiet", type=float, default=0.0, metavar="S",
        help="before each send run, wait up to S seconds for the machine to be idle",
    )  # fmt: skip
    args = parser.parse_args()
    global QUIET_WAIT
    QUIET_WAIT = args.wait_quiet
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    print(f"Machine: {machine()}", flush=True)
    sends: list[SendResult] = []
    queues: list[dict[str, Any]] = []
    probes: dict[str, Any] = {}
    run_free = not (args.paid_only or args.queue_only)
    run_paid = not (args.skip_paid or args.queue_only)
    run_queue_ = not args.paid_only
    for kind in kinds:
        if run_free:
            sends.append(await run_send(kind, args.recipients, False, args.pg_admin_url))
            print(send_table(sends[-1:]), flush=True)
        if run_paid:
            sends.append(await run_send(kind, args.recipients, True, args.pg_admin_url))
            print(send_table(sends[-1:]), flush=True)
            if args.trace:
                sends.append(
                    await run_send(kind, args.recipients, True, args.pg_admin_url, trace=True)
                )
                print(send_table(sends[-1:]), flush=True)
            if not args.no_probes:
                sends.append(
                    await run_send(kind, args.recipients, True, args.pg_admin_url, stub=True)
                )
                print(send_table(sends[-1:]), flush=True)
        if run_queue_:
            queues.append(await run_queue(kind, args.queue_recipients, args.pg_admin_url))
    if run_paid and not args.no_probes:
        probes["fake_capacity"] = await fake_capacity()
    print()
    if sends:
        print(send_table(sends))
        print()
        print(detail_lines(sends))
        print()
    if probes:
        cap = probes["fake_capacity"]
        print(
            f"Fake alone (bare aiohttp client, 64 connections, paid sendMessage): "
            f"{cap['requests_per_s']:.0f} requests/s ({cap['ok_per_s']:.0f}/s OK), "
            f"fake CPU {cap['fake_cpu']:.2f}, client CPU {cap['client_cpu']:.2f}, 429s {cap['429']}"
        )
        print()
    if queues:
        print(queue_table(queues))
    if args.json:
        raw = {"machine": machine(), "sends": [r.__dict__ for r in sends], "queues": queues}
        args.json.write_text(json.dumps(raw | {"probes": probes}, indent=1))


if __name__ == "__main__":
    asyncio.run(main())

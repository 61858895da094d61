"""The failover drill's cast: the fake Bot API, the sender and the workers with their ops
ports, and the moments it measured (tests/ops/test_failover_drill.py)."""

from __future__ import annotations

import asyncio
import os
import time
from functools import partial
from pathlib import Path

import aiohttp
import redis.asyncio

from bot.sandbox.server import FakeBotAPI
from db.models.delivery import CampaignStatus
from tests.ops.drill_support import Database, Tally, free_port, leads, ops, spawn, until

TOKEN = "123456789:AAH-drill-token-for-the-failover-test"
SECRET = "drill-webhook-secret-0123456789-abcdefgh"
POLL_SECRET = "drill-poll-secret-0123456789abcdef0123"
RESIDENTS = range(930_001, 930_501)
# After /start, nine presses each: 500 × 10 = 5,000 updates.
PRESSES = ["info", "main", "help", "main", "settings", "main", "info", "main", "help"]
UPDATES = len(RESIDENTS) * (1 + len(PRESSES))
# 1 (for bench/RESULTS.md): the killed worker is replaced at once, on its port.
WORKERS = int(os.environ.get("DRILL_WORKERS", "2"))
# The campaign is queued this many seconds before 60 % of the updates are answered: the
# sender (28 messages/s) has then sent about 40 % of it when it is killed, on any machine.
CAMPAIGN_LEAD = 7.0
DRILL_REDIS = "redis://127.0.0.1:6379/14"  # a database of the drill's own (the flow tests use 15)


class Drill:
    """The fake Bot API, the processes (with their ops ports) and what the drill measured."""

    def __init__(self, url: str, tmp: Path, http: aiohttp.ClientSession) -> None:
        self.hooks = [free_port() for _ in range(WORKERS)]
        self.fake = FakeBotAPI(
            webhook_retry_delay=0.05, webhook_max_attempts=1_000_000, webhook_connections=40,
            webhook_targets=[f"http://127.0.0.1:{port}/hook" for port in self.hooks],
        )  # fmt: skip
        self.url, self.http = url, http
        self.logs = (tmp / "processes.log").open("wb")
        self.database, self.tally = Database(url), Tally(self.fake.state(TOKEN))
        self.processes: list[tuple[asyncio.subprocess.Process, int]] = []  # with ops port
        self.marks = {"start": time.monotonic()}

    def mark(self, what: str) -> None:
        self.marks[what] = time.monotonic()

    async def start(self, *args: str, **env: str) -> tuple[asyncio.subprocess.Process, int]:
        port = free_port()
        env |= {
            "BOT_TOKEN": TOKEN, "POLL_SECRET": POLL_SECRET, "TELEGRAM_API_URL": self.fake.base_url,
            "DATABASE_URL": self.url, "REDIS_URL": DRILL_REDIS,
            "LOG_LEVEL": "WARNING", "DASHBOARD_ENABLED": "false", "OPS_PORT": str(port),
            # Ten updates in a row from one person are the drill's load, not a flood.
            "THROTTLE_BURST": "10",
        }  # fmt: skip
        self.processes.append((await spawn(self.logs, env, *args), port))
        return self.processes[-1]

    async def start_all(self) -> None:
        """All three at once; the sender leads (the workers' standby senders start only after
        the language detector and the menus, seconds later), which the drill checks."""
        # Conversations a drill run left in its Redis database (the server outlives test runs)
        # would meet the same residents' /start mid-conversation.
        client = redis.asyncio.Redis.from_url(DRILL_REDIS)
        try:
            await client.flushdb()
        finally:
            await client.aclose()
        await self.fake.start()
        _, port = await self.start("sender")
        for hook in self.hooks:
            await self.start_worker(hook)
        await until(lambda: leads(self.http, port), 180, "the sender leads")
        for _, port in self.processes[1:]:
            await until(partial(self.ready, port), 180, "a worker is ready")
        self.mark("processes ready")

    async def start_worker(self, hook: int) -> None:
        url = f"http://127.0.0.1:{hook}/hook"
        await self.start(
            "run", "--webhook", WEBHOOK_URL=url, WEBHOOK_PORT=str(hook), WEBHOOK_SECRET=SECRET
        )

    async def kill_worker(self) -> set[int]:
        """SIGKILL the first worker; the updates it was handling (by update_id)."""
        pusher = self.fake.pushers[TOKEN]
        self.processes[1][0].kill()
        self.mark("worker killed")
        url = f"http://127.0.0.1:{self.hooks[0]}/hook"
        held = {update_id for update_id, target in pusher.posting.items() if target == url}
        await self.processes[1][0].wait()
        if WORKERS == 1:
            await self.start_worker(self.hooks[0])
        return held

    async def ready(self, port: int) -> bool:
        return (await ops(self.http, port, "/readyz"))[0] == 200

    async def any_leads(self) -> bool:
        alive = [port for process, port in self.processes if process.returncode is None]
        return any([await leads(self.http, port) for port in alive])

    def nearing_sixty_percent(self) -> bool:
        """Is 60 % less than CAMPAIGN_LEAD s away (at the rate since the worker's kill)?"""
        since, before = self.marks["worker killed"], 0.3 * UPDATES
        elapsed, done = time.monotonic() - since, self.tally.update().answered - before
        if elapsed < 1 or done <= 0:
            return False
        return (0.6 * UPDATES - before - done) / (done / elapsed) <= CAMPAIGN_LEAD

    def answered(self, share: float) -> bool:
        return self.tally.update().answered >= share * UPDATES

    async def campaign_done(self, campaign: int) -> bool:
        progress = await self.database.progress(campaign)
        return progress is not None and progress.status == CampaignStatus.DONE

    async def stop(self) -> None:
        for process, _ in self.processes:
            if process.returncode is None:
                process.kill()
                await process.wait()
        self.logs.close()
        await self.fake.stop()
        await self.database.engine.dispose()

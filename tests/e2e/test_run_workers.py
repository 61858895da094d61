"""`stadtstimme run --webhook --workers N`: one process loads the bot, N forked workers share
the webhook port (each with its own health port), a worker that dies is replaced on the same
health port, SIGTERM stops them all."""

from __future__ import annotations

import asyncio
import os
import signal
import time

import aiohttp
import pytest

from bot.sandbox import updates
from bot.sandbox.server import FakeBotAPI
from tests.conftest import PG_URL, sqlite_only
from tests.e2e.test_cli import cli_in_process
from tests.e2e.test_run_process import POLL_SECRET, SECRET, TOKEN, free_port, start_process
from tests.e2e.workers_support import alive, children, holder
from tests.ops.drill_support import ops as ops_get
from tests.ops.drill_support import until

RESIDENTS = range(940_001, 940_041)


def answered(server: FakeBotAPI) -> set[int]:
    return {int(c.chat_id or 0) for c in server.calls("sendMessage", token=TOKEN)}


async def handled(http: aiohttp.ClientSession, port: int) -> float:
    """A worker's stadtstimme_updates_total, all labels (0 while it does not answer)."""
    try:
        async with http.get(f"http://127.0.0.1:{port}/metrics") as resp:
            lines = (await resp.text()).splitlines()
    except aiohttp.ClientError:
        return 0.0
    return sum(float(n.split()[-1]) for n in lines if n.startswith("stadtstimme_updates_total{"))


async def ops_ready(http: aiohttp.ClientSession, port: int) -> bool:
    return (await ops_get(http, port, "/readyz"))[0] == 200


@pytest.mark.parametrize("database_url", ["postgresql"] if PG_URL else [], indirect=True)
async def test_forked_workers_share_the_port_are_replaced_and_stop_together(
    database_url: str,
) -> None:
    server = FakeBotAPI(webhook_connections=8, webhook_max_attempts=1000, webhook_retry_delay=0.05)
    base_url = await server.start()
    hook, ops = free_port(), free_port()
    env = {
        "BOT_TOKEN": TOKEN, "POLL_SECRET": POLL_SECRET, "TELEGRAM_API_URL": base_url,
        "DATABASE_URL": database_url, "WEBHOOK_URL": f"http://127.0.0.1:{hook}/hook",
        "WEBHOOK_SECRET": SECRET, "WEBHOOK_PORT": str(hook), "OPS_PORT": str(ops),
        "DASHBOARD_ENABLED": "false",
    }  # fmt: skip
    process = await start_process(env, "--webhook", "--workers", "2")
    try:
        async with aiohttp.ClientSession() as http:
            await until(lambda: len(children(process.pid)) == 2, 120, "two workers forked")
            workers = children(process.pid)
            for user_id in RESIDENTS:
                server.add_update(TOKEN, updates.start_update(updates.user(user_id, "de")))
            await until(lambda: answered(server) >= set(RESIDENTS), 180, "every /start answered")
            # One health port each; which worker takes a connection is the kernel's choice.
            counts = [await handled(http, port) for port in (ops, ops + 1)]
            ready = [(await ops_get(http, port, "/readyz"))[0] for port in (ops, ops + 1)]
            # The OOM killer takes worker 1: the parent forks a new one onto its health port.
            killed = holder(process.pid, ops + 1)
            assert killed in workers
            os.kill(killed, signal.SIGKILL)
            await until(lambda: holder(process.pid, ops + 1) not in (None, killed), 60, "new pid")
            replacement = holder(process.pid, ops + 1)
            await until(lambda: ops_ready(http, ops + 1), 60, "the replacement answers /readyz")
            healthz = await ops_get(http, ops + 1, "/healthz")
            group = children(process.pid)
        process.send_signal(signal.SIGTERM)
        stopping = time.monotonic()
        output, _ = await asyncio.wait_for(process.communicate(), 15)
        stopped_in = time.monotonic() - stopping
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await server.stop()
    log = output.decode()
    assert process.returncode == 0 and stopped_in < 10, (stopped_in, log[-2000:])
    assert ready == [200, 200]
    assert healthz == (200, "ok\n") and len(group) == 2, group
    assert f"webhook worker 1 (pid {killed}) ended unexpectedly" in log, log[-2000:]
    assert "killed by SIGKILL" in log
    assert f"webhook worker 1 started again (pid {replacement})" in log
    assert sum(counts) >= len(RESIDENTS), counts  # the workers' own counts add up
    assert not any(alive(pid) for pid in [*workers, *group])  # no worker left behind


@sqlite_only
def test_workers_need_a_webhook_and_postgresql(database_url: str) -> None:
    env = {"DATABASE_URL": database_url, "BOT_TOKEN": TOKEN, "POLL_SECRET": POLL_SECRET}
    result = cli_in_process(["run", "--workers", "2"], env)
    assert result.returncode == 2 and "--workers needs --webhook" in result.stderr
    webhook = env | {"WEBHOOK_URL": "https://example.org/hook", "WEBHOOK_SECRET": SECRET}
    result = cli_in_process(["run", "--webhook", "--workers", "2"], webhook)
    assert result.returncode == 2 and "needs PostgreSQL" in result.stderr

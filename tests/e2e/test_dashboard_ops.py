"""The dashboard process has /healthz, /readyz and /metrics too, and stops cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

import aiohttp

from tests.e2e.test_run_process import POLL_SECRET, TOKEN, free_port


async def get(url: str) -> tuple[int, str] | None:
    try:
        async with aiohttp.ClientSession() as session, session.get(url) as response:
            return response.status, await response.text()
    except aiohttp.ClientError:
        return None


async def test_dashboard_serves_ops_endpoints_and_exits_0_on_sigterm(database_url: str) -> None:
    ops = free_port()
    env = {
        **os.environ, "BOT_TOKEN": TOKEN, "POLL_SECRET": POLL_SECRET, "DATABASE_URL": database_url,
        "DASHBOARD_PORT": str(free_port()), "OPS_PORT": str(ops),
    }  # fmt: skip
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "dashboard", env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    try:
        ready = None
        for _ in range(600):  # start-up takes long on a busy host
            ready = await get(f"http://127.0.0.1:{ops}/readyz")
            if ready is not None and ready[0] == 200:
                break
            await asyncio.sleep(0.2)
        assert ready == (200, "ready\n")
        metrics = await get(f"http://127.0.0.1:{ops}/metrics")
        assert metrics is not None and "stadtstimme_database_up 1.0" in metrics[1]
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = await asyncio.wait_for(process.communicate(), 15)
    assert process.returncode == 0, output.decode()[-2000:]

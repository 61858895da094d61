"""`stadtstimme run` without a token starts the sandbox: a web chat where /start is answered."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import aiohttp

from tests.db.test_sqlite_file_modes import modes
from tests.e2e.test_run_process import free_port, stop


async def test_no_token_starts_a_working_web_chat(tmp_path: Path) -> None:
    port, dashboard_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "DATABASE_URL"}}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run",
        env={**env, "SANDBOX_PORT": str(port), "DASHBOARD_PORT": str(dashboard_port)},
        cwd=tmp_path,
        umask=0o022,  # the usual one: files would be 0644 unless the bot says otherwise
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as http:
            # Importing the bot takes ~12 s of CPU; a machine shared by parallel test runs is slow.
            for _ in range(1200):
                try:
                    async with http.get(base + "/") as page:
                        if page.status == 200 and "Stadtstimme" in await page.text():
                            break
                except aiohttp.ClientConnectionError:
                    pass
                await asyncio.sleep(0.1)
            async with http.post(
                base + "/sandbox/residents", json={"name": "Ayşe", "language_code": "tr"}
            ) as response:
                resident = await response.json()
            chat = f"{base}/sandbox/chats/{resident['id']}"
            async with http.post(chat + "/send", json={"text": "/start"}) as response:
                assert response.status == 200
            replies: list[dict[str, object]] = []
            for _ in range(600):  # the bot migrates and seeds after the page is up
                async with http.get(chat) as response:
                    replies = [m for m in (await response.json())["messages"] if m["outgoing"]]
                if replies:
                    break
                await asyncio.sleep(0.1)
            # The staff dashboard is served beside the web chat; without a session: sign-in help.
            async with http.get(f"http://127.0.0.1:{dashboard_port}/") as dashboard:
                assert dashboard.url.path == "/login" and "/dashboard" in await dashboard.text()
        # The sandbox's database is as private as the bot's, -wal and -shm included.
        files = modes(tmp_path / "stadtstimme-sandbox.db")
    finally:
        output = await stop(process)
    assert replies, output
    assert "hoş geldiniz" in str(replies[0]["text"]).lower()
    assert f"http://127.0.0.1:{port}" in output
    assert files == {
        name: "0o600"
        for name in (
            "stadtstimme-sandbox.db",
            "stadtstimme-sandbox.db-wal",
            "stadtstimme-sandbox.db-shm",
        )
    }
    assert not (tmp_path / "stadtstimme.db").exists()  # production file untouched

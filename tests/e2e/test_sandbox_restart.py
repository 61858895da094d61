"""A stopped and restarted sandbox continues: histories are there and the bot answers at once."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path
from typing import Any

import aiohttp

from tests.e2e.test_run_process import free_port

Messages = list[dict[str, Any]]


async def start_sandbox(folder: Path, port: int) -> asyncio.subprocess.Process:
    """`stadtstimme run` without a token in `folder`, as a person starts it."""
    unset = {"BOT_TOKEN", "DATABASE_URL", "STAFF_CHAT_ID", "ADMIN_IDS", "REDIS_URL"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run",
        env={**env, "SANDBOX_PORT": str(port), "DASHBOARD_PORT": str(free_port())},
        cwd=folder,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip


async def page_up(http: aiohttp.ClientSession, base: str) -> None:
    # Importing the bot takes ~12 s of CPU; a machine shared by parallel test runs is slow.
    for _ in range(1200):
        try:
            async with http.get(base + "/") as page:
                if page.status == 200:
                    return
        except aiohttp.ClientConnectionError:
            pass
        await asyncio.sleep(0.1)


async def history(http: aiohttp.ClientSession, chat: str) -> Messages:
    async with http.get(chat) as response:
        messages: Messages = (await response.json())["messages"]
        return messages


async def send_and_wait_for_answer(http: aiohttp.ClientSession, chat: str, text: str) -> Messages:
    """Send as the resident; the history once the bot has answered (or after 60 s without)."""
    before = len(await history(http, chat))
    async with http.post(chat + "/send", json={"text": text}) as response:
        assert response.status == 200
    messages = await history(http, chat)
    for _ in range(600):  # the first start migrates and seeds after the page is up
        if any(m["outgoing"] for m in messages[before:]):
            break
        await asyncio.sleep(0.1)
        messages = await history(http, chat)
    return messages


async def interrupt(process: asyncio.subprocess.Process) -> str:
    """Ctrl+C, as a person stops it; the output so far."""
    process.send_signal(signal.SIGINT)
    output, _ = await asyncio.wait_for(process.communicate(), 60)
    return output.decode()


async def test_a_restarted_sandbox_keeps_the_chats_and_answers_at_once(tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = await start_sandbox(tmp_path, port)
    try:
        async with aiohttp.ClientSession() as http:
            await page_up(http, base)
            async with http.post(
                base + "/sandbox/residents", json={"name": "Ayşe", "language_code": "tr"}
            ) as response:
                resident = await response.json()
            chat = f"{base}/sandbox/chats/{resident['id']}"
            first = await send_and_wait_for_answer(http, chat, "/start")
    finally:
        first_output = await interrupt(process)
    assert any(m["outgoing"] for m in first), first_output
    ready = first_output.find("language detector ready in")
    assert 0 <= ready < first_output.find("Start polling"), first_output

    process = await start_sandbox(tmp_path, port)
    try:
        async with aiohttp.ClientSession() as http:
            await page_up(http, base)
            kept = await history(http, chat)
            again = await send_and_wait_for_answer(http, chat, "/start")
    finally:
        second_output = await interrupt(process)
    assert [(m["outgoing"], m["text"]) for m in kept] == [
        (m["outgoing"], m["text"]) for m in first
    ], second_output
    answers = [m for m in again[len(kept) :] if m["outgoing"]]
    assert answers, second_output
    assert "hoş geldiniz" in str(answers[0]["text"]).lower()
    assert "already processed" not in second_output

"""The real `stadtstimme run` process answers a Turkish /start via any Bot API server."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.sandbox import updates
from bot.sandbox.server import FakeBotAPI

TOKEN = "987654321:AAE-e2e-token-for-the-real-process-xyz12"
SECRET = "right-secret-for-the-e2e-webhook-0123456789"  # 32–256 characters
POLL_SECRET = "e2e-poll-secret-for-the-real-process-0123456789"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def api() -> AsyncIterator[tuple[FakeBotAPI, str]]:
    server = FakeBotAPI()
    base_url = await server.start()
    yield server, base_url
    await server.stop()


async def start_process(env: dict[str, str], *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", *args,
        env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip


async def wait_for(predicate: object, seconds: float = 30.0) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not predicate():  # type: ignore[operator]
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def stop(process: asyncio.subprocess.Process) -> str:
    process.terminate()
    output, _ = await asyncio.wait_for(process.communicate(), 30)
    return output.decode()


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_turkish_start_answered_by_the_real_process(
    api: tuple[FakeBotAPI, str], tmp_path: Path, database_url: str, mode: str
) -> None:
    server, base_url = api
    env = {
        "BOT_TOKEN": TOKEN, "POLL_SECRET": POLL_SECRET, "TELEGRAM_API_URL": base_url,
        "DATABASE_URL": database_url,
    }  # fmt: skip
    args: tuple[str, ...] = ()
    if mode == "webhook":
        port = free_port()
        env |= {
            "WEBHOOK_URL": f"http://127.0.0.1:{port}/tg/webhook",
            "WEBHOOK_SECRET": SECRET,
            "WEBHOOK_PORT": str(port),
        }
        args = ("--webhook",)
    process = await start_process(env, *args)
    try:
        # Start-up publishes commands and descriptions for all 10 languages plus the default.
        await wait_for(lambda: len(server.calls("setMyShortDescription", token=TOKEN)) == 11)
        if mode == "webhook":
            await wait_for(lambda: server.calls("setWebhook", ok=True, token=TOKEN))
        server.add_update(TOKEN, updates.start_update(updates.user(4242, "tr")))
        await wait_for(lambda: server.calls("sendMessage", chat_id=4242, token=TOKEN))
    finally:
        output = await stop(process)
    reply = server.calls("sendMessage", chat_id=4242, token=TOKEN)[0].params["text"]
    assert "Stadtstimme'ye hoş geldiniz" in reply or "hoş geldiniz" in reply.lower(), reply
    assert server.calls(ok=False, token=TOKEN) == []
    assert TOKEN not in output
    # The detector is loaded before the first update is taken, not on the first free text.
    ready = output.find("language detector ready in")
    taking = output.find("polling http" if mode == "polling" else "webhook listening on")
    assert 0 <= ready < taking, output
    languages = {c.params.get("language_code") for c in server.calls("setMyCommands")}
    assert languages == {None, "de", "en", "tr", "ar", "ru", "uk", "pl", "bg", "ro", "el"}
    assert await demo_rows(database_url) == 0  # demo content is for the sandbox only


async def demo_rows(database_url: str) -> int:
    """Ideas, meetings, polls and youth groups in a database (the sandbox seeds all four)."""
    from sqlalchemy import func, select

    from db.models import Idea, Meeting, Poll, YouthGroup
    from db.session import create_engine

    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            counts = [
                await connection.scalar(select(func.count()).select_from(model))
                for model in (Idea, Meeting, Poll, YouthGroup)
            ]
    finally:
        await engine.dispose()
    return sum(c or 0 for c in counts)


async def test_webhook_rejects_bad_requests_and_handles_an_update_once(
    api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    import aiohttp

    server, base_url = api
    port = free_port()
    env = {
        "BOT_TOKEN": TOKEN, "POLL_SECRET": POLL_SECRET, "TELEGRAM_API_URL": base_url,
        "DATABASE_URL": database_url, "WEBHOOK_URL": f"http://127.0.0.1:{port}/hook",
        "WEBHOOK_SECRET": SECRET, "WEBHOOK_PORT": str(port),
    }  # fmt: skip
    process = await start_process(env, "--webhook")
    try:
        await wait_for(lambda: server.calls("setWebhook", ok=True, token=TOKEN))
        update = updates.start_update(updates.user(77, "en"))
        update["update_id"] = 1
        async with aiohttp.ClientSession() as session:
            for secret in (SECRET[:-1] + "x", None):
                headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
                async with session.post(
                    f"http://127.0.0.1:{port}/hook", json=update, headers=headers
                ) as response:
                    assert response.status == 401
            right = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
            url = f"http://127.0.0.1:{port}/hook"
            huge = {**update, "message": {**update["message"], "text": "x" * (1024 * 1024)}}
            for body, status in (
                (b"{not json", 400), (b"[1, 2]", 400), (b'{"update_id": "1"}', 400),
                (b"\xff\xfe", 400), (json.dumps(huge).encode(), 413),
            ):  # fmt: skip
                async with session.post(url, data=body, headers=right) as response:
                    assert response.status == status, body[:20]
            await asyncio.sleep(0.3)
            assert server.calls("sendMessage", chat_id=77) == []
            for _ in range(2):  # Telegram delivered the same update twice
                async with session.post(url, json=update, headers=right) as response:
                    assert response.status == 200
        assert len(server.calls("sendMessage", chat_id=77)) == 1
    finally:
        await stop(process)

"""SIGTERM under load: the real process stops taking updates, finishes what is in progress,
releases the sender's lock and exits 0 within 10 s; its successor loses and repeats nothing."""

from __future__ import annotations

import asyncio
import json
import signal
import time
from collections import Counter

import pytest

from bot.outbox import enqueue
from bot.sandbox import updates
from bot.sandbox.server import FakeBotAPI
from bot.services.clock import SystemClock
from db.session import create_engine, create_session_factory
from tests.e2e.test_run_process import (
    POLL_SECRET,
    SECRET,
    TOKEN,
    free_port,
    start_process,
    wait_for,
)

RESIDENTS = range(910_001, 910_061)  # 60 people send /start
NOTICE_CHATS = range(920_001, 920_051)  # 50 outbox messages waiting to be sent
WELCOME = "Willkommen"


async def queue_notices(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            for chat_id in NOTICE_CHATS:
                await enqueue(
                    session, chat_id=chat_id, method="sendMessage",
                    params={"text": f"Hinweis {chat_id}"}, dedupe_key=f"stop-test:{chat_id}",
                    now=SystemClock().now(),
                )  # fmt: skip
            await session.commit()
    finally:
        await engine.dispose()


async def sender_lock_free(database_url: str) -> bool:
    from bot.config import Settings
    from bot.delivery.leadership import sender_running
    from bot.runtime import create_runtime

    runtime = create_runtime(Settings(_env_file=None, database_url=database_url))  # type: ignore[call-arg]
    try:
        return not await sender_running(runtime)
    finally:
        await runtime.engine.dispose()


def welcomes(server: FakeBotAPI) -> Counter[int]:
    return Counter(
        int(c.chat_id) for c in server.calls("sendMessage", ok=True, token=TOKEN)
        if c.chat_id is not None and int(c.chat_id) in RESIDENTS and WELCOME in c.params["text"]
    )  # fmt: skip


def notices(server: FakeBotAPI) -> Counter[int]:
    return Counter(
        int(c.chat_id) for c in server.calls("sendMessage", ok=True, token=TOKEN)
        if c.chat_id is not None and int(c.chat_id) in NOTICE_CHATS
    )  # fmt: skip


async def feed(server: FakeBotAPI) -> None:
    """One /start every 50 ms, as residents send them."""
    for user_id in RESIDENTS:
        server.add_update(TOKEN, updates.start_update(updates.user(user_id, "de")))
        await asyncio.sleep(0.05)


@pytest.mark.parametrize("mode", ["webhook", "polling"])
async def test_sigterm_under_load_loses_nothing(database_url: str, mode: str) -> None:
    # Telegram keeps redelivering an update that got no 200 (503 or no answer).
    server = FakeBotAPI(webhook_retry_delay=0.2, webhook_max_attempts=100_000)
    base_url = await server.start()
    await queue_notices(database_url)
    env = {
        "BOT_TOKEN": TOKEN, "POLL_SECRET": POLL_SECRET, "TELEGRAM_API_URL": base_url,
        "DATABASE_URL": database_url, "LOG_FORMAT": "json", "OPS_PORT": str(free_port()),
    }  # fmt: skip
    args: tuple[str, ...] = ()
    if mode == "webhook":
        port = free_port()
        env |= {"WEBHOOK_URL": f"http://127.0.0.1:{port}/hook", "WEBHOOK_SECRET": SECRET,
                "WEBHOOK_PORT": str(port)}  # fmt: skip
        args = ("--webhook",)
    outputs = []
    try:
        process = await start_process(env, *args)
        try:
            # Start-up (imports, the language detector) takes a minute on a busy host.
            await wait_for(
                lambda: len(server.calls("setMyShortDescription", token=TOKEN)) == 11, 150
            )
            feeding = asyncio.create_task(feed(server))  # a steady stream, also during the stop
            await wait_for(lambda: sum(welcomes(server).values()) >= 20, 60)
            process.send_signal(signal.SIGTERM)
            stopped_at = time.monotonic()
            output, _ = await asyncio.wait_for(process.communicate(), 15)
            took = time.monotonic() - stopped_at
        finally:
            if process.returncode is None:
                process.kill()
        outputs.append(output.decode())
        assert process.returncode == 0, outputs[0][-3000:]
        assert took < 10, took
        assert await sender_lock_free(database_url)  # the successor need not wait for a lease
        assert sum(welcomes(server).values()) < len(RESIDENTS)  # it really stopped midway
        await feeding
        successor = await start_process(env, *args)
        try:
            await wait_for(lambda: len(welcomes(server)) == len(RESIDENTS), 240)
            await wait_for(lambda: len(notices(server)) == len(NOTICE_CHATS), 60)
        finally:
            successor.send_signal(signal.SIGTERM)
            output, _ = await asyncio.wait_for(successor.communicate(), 15)
            outputs.append(output.decode())
    finally:
        await server.stop()
    assert successor.returncode == 0
    assert set(welcomes(server).values()) == {1}, welcomes(server)  # once each, none twice
    assert set(notices(server).values()) == {1}, notices(server)
    for output in outputs:  # LOG_FORMAT=json: every line is one object
        lines = [json.loads(line) for line in output.splitlines() if line.strip()]
        assert all({"time", "level", "logger", "message"} <= set(line) for line in lines)
    assert any("stopped taking updates" in line for line in outputs[0].splitlines())

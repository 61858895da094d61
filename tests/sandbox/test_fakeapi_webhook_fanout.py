"""Webhook delivery to several workers: up to `webhook_connections` updates at once, a chat's
updates one after the other, round robin over `webhook_targets`, a dead target skipped."""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web

from bot.sandbox import FakeBotAPI
from bot.sandbox import updates as U
from tests.e2e.test_run_process import free_port
from tests.sandbox.fakeapi_support import TOKEN, eventually, make_bot

CHATS = [U.user(601 + i, first_name=f"P{i}") for i in range(3)]


async def test_updates_fan_out_in_order_per_chat_and_around_a_dead_worker() -> None:
    arrived: list[tuple[str, int, int]] = []  # (worker, chat, text number)
    in_flight: set[int] = set()  # chats with a request open
    most = 0
    release = asyncio.Event()

    def worker(name: str) -> web.Application:
        async def hook(request: web.Request) -> web.Response:
            nonlocal most
            message: dict[str, Any] = (await request.json())["message"]
            chat = message["chat"]["id"]
            assert chat not in in_flight  # never two of one chat at once
            in_flight.add(chat)
            arrived.append((name, chat, int(message["text"])))
            most = max(most, len(in_flight))
            if len(in_flight) == len(CHATS):
                release.set()  # all three chats at once: the fan-out works
            await release.wait()
            in_flight.discard(chat)
            return web.Response(text="ok")

        app = web.Application()
        app.router.add_post("/hook", hook)
        return app

    runners = [web.AppRunner(worker(name)) for name in ("a", "b")]
    for runner in runners:
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
    dead = f"http://127.0.0.1:{free_port()}/hook"  # a worker that was killed
    live = [f"http://127.0.0.1:{r.addresses[0][1]}/hook" for r in runners]
    fake = FakeBotAPI(
        webhook_retry_delay=0.01, webhook_connections=3, webhook_targets=[*live, dead]
    )
    await fake.start()
    bot = make_bot(fake.base_url)
    try:
        for number in range(4):
            for chat in CHATS:
                fake.add_update(TOKEN, U.message_update(chat, str(number)))
        await bot.set_webhook("http://127.0.0.1:1/ignored", secret_token="geheim-123")
        await eventually(lambda: len(arrived) == 4 * len(CHATS) and not fake.state(TOKEN).pending)
    finally:
        await fake.stop()
        await bot.session.close()
        for runner in runners:
            await runner.cleanup()
    assert most == len(CHATS)
    for chat in CHATS:
        assert [n for _, c, n in arrived if c == chat["id"]] == [0, 1, 2, 3]  # once each, in order
    assert {name for name, _, _ in arrived} == {"a", "b"}  # both workers, never the dead one
    assert "Connection failed" in (fake.state(TOKEN).webhook.last_error_message or "")

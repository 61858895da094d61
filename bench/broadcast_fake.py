"""The Bot API side of bench/broadcast.py, run as its own process (own core, own event loop).

``python bench/broadcast_fake.py --port P`` serves ``FakeBotAPI(limits=True)`` on 127.0.0.1:P
plus two bench-only routes added here (bot/sandbox stays untouched):

* ``GET /bench/cpu``   – this process's CPU seconds so far (``time.process_time()``);
* ``GET /bench/calls`` – every recorded message send as ``[method, chat_id, ok, error_code,
  timestamp]`` (timestamp: ``time.time()`` when the fake received the call), plus the CPU time.

``--stub`` serves a minimal stand-in instead: no validation, no limits, a canned Message for
every call (recorded the same way, always ok). It tells how fast the sender alone can go.
SIGTERM/SIGINT stop it.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.sandbox.limits import sends_message  # noqa: E402
from bot.sandbox.server import FakeBotAPI  # noqa: E402


def cpu_route(app: web.Application) -> None:
    """GET /bench/cpu."""

    async def cpu(_: web.Request) -> web.Response:
        return web.json_response({"cpu": time.process_time(), "wall": time.time()})

    app.router.add_get("/bench/cpu", cpu)


async def serve_fake(port: int, stop: asyncio.Event) -> None:
    """The real fake with Telegram's limits, and a dump of its recorded calls."""
    api = FakeBotAPI(limits=True)

    async def calls(_: web.Request) -> web.Response:
        rows = [
            [c.method, c.chat_id, c.ok, c.error_code, c.timestamp]
            for c in api.calls()
            if sends_message(c.method)
        ]
        return web.json_response({"calls": rows, "cpu": time.process_time()})

    api.app.router.add_get("/bench/calls", calls)
    cpu_route(api.app)
    await api.start("127.0.0.1", port)
    print(f"fake Bot API on {api.base_url}", flush=True)
    await stop.wait()
    await api.stop()


async def serve_stub(port: int, stop: asyncio.Event) -> None:
    """As cheap an answer as aiogram accepts: a fixed Message, no checks."""
    recorded: list[list[Any]] = []
    started = time.time()

    async def api(request: web.Request) -> web.Response:
        # The bot sends JSON bodies (bot/api_session.py); multipart forms only with files.
        if request.content_type == "application/json":
            data: dict[str, Any] = await request.json()
        else:
            data = dict(await request.post())
        chat_id = int(str(data.get("chat_id", 1)))
        recorded.append([request.match_info["method"], chat_id, True, None, time.time()])
        result = {
            "message_id": len(recorded),
            "date": int(started),
            "chat": {"id": chat_id, "type": "private", "first_name": "x"},
            "text": "ok",
        }
        return web.json_response({"ok": True, "result": result})

    async def calls(_: web.Request) -> web.Response:
        return web.json_response({"calls": recorded, "cpu": time.process_time()})

    app = web.Application()
    app.router.add_route("*", "/bot{token}/{method}", api)
    app.router.add_get("/bench/calls", calls)
    cpu_route(app)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    print(f"stub Bot API on http://127.0.0.1:{port}", flush=True)
    await stop.wait()
    await runner.cleanup()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--stub", action="store_true", help="minimal stand-in, no limits")
    args = parser.parse_args()
    if os.environ.get("BENCH_FAKE_NO_GC"):
        # Experiment: are the rare 429s the fake's own garbage-collection pauses (it keeps every
        # call) making evenly arriving calls look bunched?
        gc.disable()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await (serve_stub if args.stub else serve_fake)(args.port, stop)


if __name__ == "__main__":
    asyncio.run(main())

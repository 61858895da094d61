"""The Telegram side of bench/updates.py, in its own process: the strict fake Bot API and a
load generator that plays N residents against a bot (webhook or polling).

``python bench/updates_load.py --port P`` serves ``FakeBotAPI()`` (validation on, flood limits
off: the benchmark measures the bot, not Telegram's limits) plus ``POST /bench/run`` with a JSON
plan (see ``Plan``); the answer holds one record per update: when it was delivered, when the
bot's first API call for that chat (or that callback query) arrived, and webhook errors.

Every resident goes through five steps: /start (new), press the first inline button the bot
showed, a text in their language, /start (returning), press again. A step starts for everybody
only when every update of the previous step has been answered (or timed out), so the first call
after a delivery in a chat belongs to that delivery.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import gc
import itertools
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.sandbox import updates
from bot.sandbox.server import FakeBotAPI

LANGUAGES = ["de", "en", "tr", "ar", "ru", "uk", "pl", "bg", "ro", "el"]
TEXTS = {
    "de": "Hallo, wann ist die nächste Bürgerversammlung in Hamborn?",
    "en": "Hello, when is the next citizens' meeting in Hamborn?",
    "tr": "Merhaba, Hamborn'daki bir sonraki vatandaş toplantısı ne zaman?",
    "ar": "مرحبا، متى الاجتماع القادم للمواطنين في هامبورن؟",
    "ru": "Здравствуйте, когда следующее собрание жителей в Хамборне?",
    "uk": "Привіт, коли наступні збори мешканців у Гамборні?",
    "pl": "Cześć, kiedy jest następne spotkanie mieszkańców w Hamborn?",
    "bg": "Здравейте, кога е следващата среща на гражданите в Хамборн?",
    "ro": "Bună ziua, când este următoarea întâlnire a cetățenilor din Hamborn?",
    "el": "Γεια σας, πότε είναι η επόμενη συνάντηση πολιτών στο Χάμπορν;",
}
STEPS = ["start", "press", "text", "start", "press"]
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass
class Plan:
    """What one run does (the JSON body of POST /bench/run)."""

    token: str
    mode: str  # "webhook" | "polling"
    users: int
    base_id: int
    webhook_urls: list[str]  # user i goes to webhook_urls[i % len]: one resident, one worker
    secret: str = ""
    concurrency: int = 64  # webhook: requests in flight (closed loop) when rate == 0
    rate: float = 0.0  # offered updates/s (open loop); 0 = as fast as the bot answers
    step_timeout: float = 60.0


class Load:
    """Delivers the steps and records what happened."""

    def __init__(self, api: FakeBotAPI, plan: Plan) -> None:
        self.api, self.plan = api, plan
        self.state = api.state(plan.token)
        self.ids = itertools.count(self.state.last_update_id + 1)
        self.records: list[dict[str, Any]] = []
        self.query_chat: dict[str, int] = {}
        self.http: aiohttp.ClientSession

    def build(self, step: str, resident: dict[str, Any]) -> dict[str, Any] | None:
        """The update this resident sends in this step (None: nothing to press)."""
        if step == "start":
            update = updates.start_update(resident)
        elif step == "text":
            update = updates.message_update(resident, TEXTS[resident["language_code"]])
        else:
            found = self.keyboard_message(resident["id"])
            if found is None:
                return None
            update = updates.callback_update(resident, *found)
        if self.plan.mode == "webhook":  # polling: add_update numbers them like Telegram
            update["update_id"] = next(self.ids)
            self.state.last_update_id = update["update_id"]
        if query := update.get("callback_query"):
            self.query_chat[query["id"]] = resident["id"]
        return update

    def keyboard_message(self, chat_id: int) -> tuple[dict[str, Any], str] | None:
        """The bot's newest message with an inline button here, and that button's data."""
        for stored in reversed(list(self.state.messages.get(chat_id, {}).values())):
            rows = stored.data.get("reply_markup", {}).get("inline_keyboard", [])
            data = [b["callback_data"] for row in rows for b in row if "callback_data" in b]
            if stored.outgoing and not stored.deleted and data:
                return stored.data, data[0]
        return None

    async def run(self) -> dict[str, Any]:
        residents = [
            updates.user(self.plan.base_id + i, LANGUAGES[i % len(LANGUAGES)])
            for i in range(self.plan.users)
        ]
        steps = []
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as self.http:
            for step in STEPS:
                batch = [(i, u) for i, r in enumerate(residents) if (u := self.build(step, r))]
                started = time.time()
                await self.deliver(step, batch)
                await self.until_answered(batch)
                steps.append({"step": step, "updates": len(batch), "started": started})
        return {"records": self.records, "steps": steps, "calls": self.call_times()}

    async def deliver(self, step: str, batch: list[tuple[int, dict[str, Any]]]) -> None:
        """Closed loop (webhook, rate 0) or paced open loop (any mode, rate > 0)."""
        plan = self.plan
        if plan.rate <= 0 and plan.mode == "webhook":
            queue = iter(batch)
            workers = [self.worker(step, queue) for _ in range(plan.concurrency)]
            await asyncio.gather(*workers)
            return
        tasks, start = [], time.perf_counter()
        for n, item in enumerate(batch):
            if plan.rate > 0:
                await asyncio.sleep(max(0.0, start + n / plan.rate - time.perf_counter()))
            tasks.append(asyncio.ensure_future(self.send_one(step, *item)))
        await asyncio.gather(*tasks)

    async def worker(self, step: str, queue: Any) -> None:
        for index, update in queue:
            await self.send_one(step, index, update)

    async def send_one(self, step: str, index: int, update: dict[str, Any]) -> None:
        """Deliver one update and record when."""
        query = update.get("callback_query", {}).get("id")
        chat_id = self.query_chat[query] if query else update["message"]["chat"]["id"]
        record = {"step": step, "chat": chat_id, "query": query, "t0": time.time(), "error": None}
        self.records.append(record)
        if self.plan.mode == "polling":
            self.api.add_update(self.plan.token, update)
            return
        self.state.note_update(update)
        url = self.plan.webhook_urls[index % len(self.plan.webhook_urls)]
        headers = {SECRET_HEADER: self.plan.secret}
        try:
            async with self.http.post(url, json=update, headers=headers) as response:
                await response.read()
                if response.status >= 300:
                    record["error"] = f"HTTP {response.status}"
        except aiohttp.ClientError as exc:
            record["error"] = type(exc).__name__
        record["t1"] = time.time()  # the webhook answered: the bot is done with it

    async def until_answered(self, batch: list[tuple[int, dict[str, Any]]]) -> None:
        """Wait until every chat of this step saw a call after its delivery, then settle."""
        pending = {r["chat"]: r["t0"] for r in self.records[-len(batch) :]} if batch else {}
        deadline = time.time() + self.plan.step_timeout
        seen = 0
        while pending and time.time() < deadline:
            calls = self.state.calls
            for call in calls[seen:]:
                chat = self.chat_of(call)
                if chat in pending and call.timestamp >= pending[chat]:
                    del pending[chat]
            seen = len(calls)
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.2)  # late second messages land before the next step starts

    def chat_of(self, call: Any) -> int | None:
        if call.method.lower() == "answercallbackquery":
            return self.query_chat.get(str(call.params.get("callback_query_id")))
        return call.chat_id if isinstance(call.chat_id, int) else None

    def call_times(self) -> dict[str, Any]:
        """Per chat and per callback query: sorted timestamps of the bot's calls."""
        by_chat: dict[int, list[float]] = {}
        by_query: dict[str, float] = {}
        for call in self.state.calls:
            if call.method.lower() == "answercallbackquery":
                by_query.setdefault(str(call.params.get("callback_query_id")), call.timestamp)
            elif isinstance(call.chat_id, int):
                by_chat.setdefault(call.chat_id, []).append(call.timestamp)
        return {"chat": {str(k): sorted(v) for k, v in by_chat.items()}, "query": by_query}


def first_answers(result: dict[str, Any]) -> list[float | None]:
    """For each record: seconds from delivery to the bot's first call for it (None: none)."""
    chats, queries = result["calls"]["chat"], result["calls"]["query"]
    out: list[float | None] = []
    for record in result["records"]:
        times = chats.get(str(record["chat"]), [])
        at = bisect.bisect_left(times, record["t0"])
        candidates = [times[at]] if at < len(times) else []
        if record["query"] and record["query"] in queries:
            candidates.append(queries[record["query"]])
        out.append(min(candidates) - record["t0"] if candidates else None)
    return out


async def serve(port: int, stop: asyncio.Event) -> None:
    api = FakeBotAPI()

    async def run(request: web.Request) -> web.Response:
        plan = Plan(**await request.json())
        return web.json_response(await Load(api, plan).run())

    async def cpu(_: web.Request) -> web.Response:
        return web.json_response({"cpu": time.process_time(), "wall": time.time()})

    async def methods(request: web.Request) -> web.Response:
        calls = api.state(request.query["token"]).calls
        return web.json_response(sorted({c.method for c in calls}))

    api.app.router.add_post("/bench/run", run)
    api.app.router.add_get("/bench/methods", methods)
    api.app.router.add_get("/bench/cpu", cpu)
    await api.start("127.0.0.1", port)
    print(f"fake Bot API + load on {api.base_url}", flush=True)
    await stop.wait()
    await api.stop()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    gc.disable()  # the fake keeps every call and message; keep its GC pauses out of latencies
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await serve(args.port, stop)


if __name__ == "__main__":
    asyncio.run(main())

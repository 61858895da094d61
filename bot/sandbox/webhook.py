"""Push pending updates to the bot's webhook like Telegram: in order, retrying on failure."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from .methods_updates import wanted
from .state import BotState
from .validate import Upload

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
# A webhook reply may carry one method call (JSON or multipart), which Telegram then executes.
ReplyCall = Callable[[BotState, str, dict[str, Any], dict[str, Upload]], Awaitable[None]]


@dataclass
class WebhookPusher:
    """Delivers one bot's updates to its webhook URL until the webhook is removed.

    Up to `connections` updates are in flight at once, as Telegram keeps up to the webhook's
    max_connections open; a chat's next update waits until its previous one got an answer.
    `targets`: URLs to deliver to instead of the webhook's own, round robin (several workers
    without a proxy); a failed attempt moves on to the next one.
    """

    state: BotState
    execute: ReplyCall
    retry_delay: float = 0.5
    max_attempts: int = 5
    timeout: float = 10.0
    connections: int = 1
    targets: tuple[str, ...] = ()
    # update_id → the URL of the request in progress (a test can tell what a dead worker held)
    posting: dict[int, str] = field(default_factory=dict)

    async def run(self) -> None:
        """Deliver pending updates, a chat's in order, while a webhook is set."""
        state = self.state
        loop = asyncio.get_running_loop()
        in_flight: dict[int, tuple[int, asyncio.Task[None]]] = {}  # update_id → chat, task
        turn = itertools.count()
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
            try:
                while state.webhook.url:
                    for update_id in [i for i, (_, t) in in_flight.items() if t.done()]:
                        in_flight.pop(update_id)
                    limit = min(self.connections, state.webhook.max_connections or 40)
                    for update in self.startable(in_flight, limit - len(in_flight)):
                        task = loop.create_task(self.finish(session, update, next(turn)))
                        task.add_done_callback(lambda _task: state.wake())
                        in_flight[update["update_id"]] = (_chat_key(update), task)
                    # Woken by a new update (add_update) or an answer (the callback above).
                    waiter: asyncio.Future[None] = loop.create_future()
                    state.waiters.add(waiter)
                    try:
                        await waiter
                    finally:
                        state.waiters.discard(waiter)
            finally:
                tasks = [task for _, task in in_flight.values()]
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)

    def startable(
        self, in_flight: dict[int, tuple[int, asyncio.Task[None]]], free: int
    ) -> list[dict[str, Any]]:
        """The next pending updates not in flight whose chat has none in flight or before."""
        found: list[dict[str, Any]] = []
        busy = {key for key, _ in in_flight.values()}
        unwanted = []
        for update in self.state.pending:
            if len(found) >= free:
                break
            if not wanted(self.state, update):
                unwanted.append(update)
                continue
            key = _chat_key(update)
            if update["update_id"] not in in_flight and key not in busy:
                found.append(update)
            busy.add(key)  # later updates of this chat wait for this one
        for update in unwanted:
            self.state.pending.remove(update)
        return found

    async def finish(
        self, session: aiohttp.ClientSession, update: dict[str, Any], turn: int
    ) -> None:
        """Deliver one update, then drop it from the queue (delivered or given up)."""
        try:
            await self.deliver(session, dict(update), turn)
        finally:
            with contextlib.suppress(ValueError):
                self.state.pending.remove(update)

    async def deliver(
        self, session: aiohttp.ClientSession, update: dict[str, Any], turn: int = 0
    ) -> None:
        """POST one update, retrying non-2xx answers a bounded number of times."""
        hook = self.state.webhook
        for attempt in range(1, self.max_attempts + 1):
            headers = {SECRET_HEADER: hook.secret_token} if hook.secret_token else {}
            targets = self.targets or (hook.url,)
            url = self.posting[update["update_id"]] = targets[(turn + attempt) % len(targets)]
            try:
                async with session.post(
                    url,
                    json=update,
                    headers=headers,
                    timeout=aiohttp.ClientTimeout(total=self.timeout),
                ) as resp:
                    if 200 <= resp.status < 300:
                        await self.reply_call(resp)
                        return
                    error = f"Wrong response from the webhook: {resp.status} {resp.reason}"
            except (aiohttp.ClientError, TimeoutError) as exc:
                error = f"Connection failed: {type(exc).__name__}"
            finally:
                self.posting.pop(update["update_id"], None)
            hook.last_error_date, hook.last_error_message = int(time.time()), error
            log.info("webhook delivery %s failed (attempt %s): %s", update, attempt, error)
            if not hook.url or attempt == self.max_attempts:
                return
            await asyncio.sleep(self.retry_delay)

    async def reply_call(self, resp: aiohttp.ClientResponse) -> None:
        """Execute a method call returned in the webhook response body, if any."""
        params: dict[str, Any] = {}
        uploads: dict[str, Upload] = {}
        if resp.content_type == "application/json":
            try:
                body = json.loads(await resp.text() or "null")
            except ValueError:
                return
            params = body if isinstance(body, dict) else {}
        elif resp.content_type == "multipart/form-data":
            reader = aiohttp.MultipartReader(resp.headers, resp.content)
            async for part in reader:
                if not isinstance(part, aiohttp.BodyPartReader) or not part.name:
                    continue
                data = bytes(await part.read(decode=True))
                if part.filename:
                    ctype = part.headers.get("Content-Type", "application/octet-stream")
                    uploads[part.name] = Upload(part.filename, ctype, data)
                else:
                    params[part.name] = data.decode()
        method = params.pop("method", None)
        if isinstance(method, str) and method:
            await self.execute(self.state, method, params, uploads)


def _chat_key(update: dict[str, Any]) -> int:
    """Whose updates must stay in order: the chat's, else the sender's (0: unordered)."""
    for part in update.values():
        if isinstance(part, dict):
            chat = part.get("chat") or (part.get("message") or {}).get("chat")
            if chat:
                return int(chat["id"])
            if sender := part.get("from") or part.get("user"):
                return int(sender["id"])
    return 0

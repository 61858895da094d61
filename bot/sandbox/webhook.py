"""Push pending updates to the bot's webhook like Telegram: in order, retrying on failure."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp

from .methods_updates import deliverable
from .state import BotState
from .validate import Upload

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
# A webhook reply may carry one method call (JSON or multipart), which Telegram then executes.
ReplyCall = Callable[[BotState, str, dict[str, Any], dict[str, Upload]], Awaitable[None]]


@dataclass
class WebhookPusher:
    """Delivers one bot's updates to its webhook URL until the webhook is removed."""

    state: BotState
    execute: ReplyCall
    retry_delay: float = 0.5
    max_attempts: int = 5
    timeout: float = 10.0

    async def run(self) -> None:
        """Deliver pending updates one at a time while a webhook is set."""
        state = self.state
        loop = asyncio.get_running_loop()
        async with aiohttp.ClientSession() as session:
            while state.webhook.url:
                batch = deliverable(state, 1)
                if not batch:
                    waiter: asyncio.Future[None] = loop.create_future()
                    state.waiters.add(waiter)
                    try:
                        await waiter
                    finally:
                        state.waiters.discard(waiter)
                    continue
                await self.deliver(session, batch[0])
                state.pending = [
                    u for u in state.pending if u["update_id"] != batch[0]["update_id"]
                ]

    async def deliver(self, session: aiohttp.ClientSession, update: dict[str, Any]) -> None:
        """POST one update, retrying non-2xx answers a bounded number of times."""
        hook = self.state.webhook
        for attempt in range(1, self.max_attempts + 1):
            headers = {SECRET_HEADER: hook.secret_token} if hook.secret_token else {}
            try:
                async with session.post(
                    hook.url,
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

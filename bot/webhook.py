"""The webhook endpoint: secret checked first, strict body checks, 503 while the database is down.

wrong or missing secret  → 401, nothing read or processed
body over 1 MB           → 413 (aiohttp's client_max_size)
not JSON / not an Update → 400
database unreachable     → 503, so Telegram delivers the update again later
processed (or seen)      → 200; an update_id seen before is skipped by DatabaseMiddleware
shutting down (SIGTERM)  → 503 for new requests, so Telegram delivers them again elsewhere
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.types import Update
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web
from pydantic import ValidationError

from bot.config import WEBHOOK_SECRET_PATTERN, WEBHOOK_SECRET_RULE
from bot.ops.server import Health
from db.outage import is_outage

log = logging.getLogger(__name__)
MAX_BODY = 1024 * 1024


class WebhookHandler(SimpleRequestHandler):
    """aiogram's handler with our answers for bad bodies, database outages and shutdown."""

    health: Health
    in_progress: int = 0
    idle: asyncio.Event

    async def drained(self, seconds: float) -> int:
        """Wait up to `seconds` for the updates in progress; how many are still running."""
        if self.in_progress:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.idle.wait(), seconds)
        return self.in_progress

    def verify_secret(self, telegram_secret_token: str, bot: Bot) -> bool:
        """Constant time, over bytes; without a secret nothing passes (aiogram lets all pass)."""
        # Bytes: compare_digest raises TypeError on non-ASCII str, which would answer 500.
        expected = (self.secret_token or "").encode()
        given = telegram_secret_token.encode("utf-8", "surrogateescape")
        return bool(expected) and hmac.compare_digest(given, expected)

    async def _handle_request(self, bot: Bot, request: web.Request) -> web.Response:
        if self.health.stopping:
            return web.Response(status=503, text="Service Unavailable: shutting down")
        self.in_progress += 1
        self.idle.clear()
        try:
            return await self._handle_update(bot, request)
        finally:
            self.in_progress -= 1
            if not self.in_progress:
                self.idle.set()

    async def _handle_update(self, bot: Bot, request: web.Request) -> web.Response:
        update = await self._parse(bot, request)
        if update is None:
            return web.Response(status=400, text="Bad Request: expected a Telegram Update as JSON")
        try:
            await self.dispatcher.feed_update(bot, update, **self.data)
        except Exception as error:
            if not is_outage(error):
                raise
            log.warning("update %s: database unreachable; answered 503", update.update_id)
            return web.Response(status=503, text="Service Unavailable: please retry")
        return web.Response(text="ok")

    @staticmethod
    async def _parse(bot: Bot, request: web.Request) -> Update | None:
        body = await request.read()  # over client_max_size: aiohttp answers 413
        try:
            payload: Any = json.loads(body)
        except ValueError:  # also invalid UTF-8
            return None
        if not isinstance(payload, dict) or type(payload.get("update_id")) is not int:
            return None
        try:
            return Update.model_validate(payload, context={"bot": bot})
        except ValidationError:
            return None


HANDLER = web.AppKey("webhook_handler", WebhookHandler)


def build_webhook_app(
    dispatcher: Dispatcher, bot: Bot, secret: str, path: str, health: Health | None = None
) -> web.Application:
    """The aiohttp application serving the webhook at `path` (its handler: `app[HANDLER]`)."""
    # aiogram skips the check for an empty secret_token: refuse to build an unguarded endpoint.
    if not WEBHOOK_SECRET_PATTERN.fullmatch(secret):
        raise ValueError(f"webhook secret: expected {WEBHOOK_SECRET_RULE}")
    app = web.Application(client_max_size=MAX_BODY)
    handler = WebhookHandler(dispatcher, bot, secret_token=secret, handle_in_background=False)
    handler.health = health or Health(ready=True)
    handler.idle = asyncio.Event()
    handler.register(app, path=path)
    app[HANDLER] = handler
    setup_application(app, dispatcher, bot=bot)
    return app

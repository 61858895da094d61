"""FakeBotAPI: a strict stand-in for the Telegram Bot API server, served by aiohttp."""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from aiohttp import web

from .context import ChatEvent, Options
from .errors import ApiError
from .limits import RateLimiter
from .pipeline import Pipeline
from .queries import TestQueries
from .request import decode_request
from .spec import VENDOR_SPEC, ApiSpec, load_spec
from .state import BotState, StoredFile
from .voting import cast_vote
from .webhook import WebhookPusher

log = logging.getLogger(__name__)
Subscriber = Callable[[ChatEvent], Any]


class FakeBotAPI(TestQueries):
    """The fake server: routes, per-token state, update injection, failures and recordings."""

    def __init__(
        self,
        *,
        limits: bool = False,
        strict_chats: bool = False,
        strict_ampersand: bool = True,
        allow_http_webhooks: bool = True,
        bot_username: str = "stadtstimme_sandbox_bot",
        bot_first_name: str = "Stadtstimme",
        webhook_retry_delay: float = 0.5,
        webhook_max_attempts: int = 5,
        webhook_connections: int = 1,
        webhook_targets: Sequence[str] = (),
        spec_path: str | None = None,
        spec: ApiSpec | None = None,
    ) -> None:
        options = Options(strict_chats, strict_ampersand, allow_http_webhooks=allow_http_webhooks)
        # A spec already loaded (tests start hundreds of fakes) or the one at spec_path.
        if spec is None:
            spec = load_spec(VENDOR_SPEC if spec_path is None else Path(spec_path))
        self.pipeline = Pipeline(spec, options, self._emit, self, bot_username, bot_first_name)
        self.pipeline.limiter = RateLimiter() if limits else None
        self.webhook_retry_delay = webhook_retry_delay
        self.webhook_max_attempts = webhook_max_attempts
        # Updates in flight at once (up to the webhook's max_connections), and URLs to deliver
        # to round robin instead of the webhook's own (bot/sandbox/webhook.py).
        self.webhook_connections = webhook_connections
        self.webhook_targets = tuple(webhook_targets)
        self.stopping = False
        self.base_url = ""
        self._subscribers: list[Subscriber] = []
        self._pushers: dict[str, asyncio.Task[None]] = {}
        self.pushers: dict[str, WebhookPusher] = {}  # by token, the newest
        self._tasks: set[asyncio.Task[Any]] = set()
        self._runner: web.AppRunner | None = None
        self.app = web.Application(client_max_size=50 * 1024 * 1024)
        self.add_routes(self.app)

    # -- lifecycle -------------------------------------------------------------------------
    def add_routes(self, app: web.Application) -> None:
        """Serve the Bot API (and file downloads) from `app`, e.g. beside a web chat."""
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        # on_shutdown runs before aiohttp waits for handlers, so long polls end promptly.
        app.on_shutdown.append(self._on_shutdown)

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Listen on host:port (0 = a free port) and return the base URL."""
        self.stopping = False
        self._runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=5.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port).start()
        actual = self._runner.addresses[0][1]
        self.base_url = f"http://{host}:{actual}"
        return self.base_url

    async def stop(self) -> None:
        """End long polls and webhook pushers, then stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _on_shutdown(self, app: web.Application) -> None:
        """Wake waiting getUpdates calls and cancel background work."""
        self.stopping = True
        for state in self.pipeline.states.values():
            state.wake()
        tasks = [*self._pushers.values(), *self._tasks]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._pushers.clear()

    # -- HTTP ------------------------------------------------------------------------------
    async def _handle_api(self, request: web.Request) -> web.Response:
        """POST/GET /bot<token>/<method>."""
        token, method = request.match_info["token"], request.match_info["method"]
        try:
            raw, uploads = await decode_request(request)
        except ApiError as exc:
            return web.json_response(exc.payload(), status=exc.error_code)
        status, body = await self.pipeline.execute(token, method, raw, uploads)
        return web.json_response(body, status=status)

    async def _handle_file(self, request: web.Request) -> web.Response:
        """GET /file/bot<token>/<file_path>: the stored bytes."""
        token, path = request.match_info["token"], request.match_info["path"]
        state = self.pipeline.states.get(token)
        found = (
            next((f for f in state.files.values() if f.file_path == path), None) if state else None
        )
        if found is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
            )
        ctype = found.mime_type or "application/octet-stream"
        return web.Response(body=found.data, content_type=ctype)

    # -- events ----------------------------------------------------------------------------
    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call `callback(event)` (sync or async) for each message event; returns unsubscribe."""
        self._subscribers.append(callback)
        return lambda: self._subscribers.remove(callback) if callback in self._subscribers else None

    async def _emit(self, event: ChatEvent) -> None:
        """Deliver an event to subscribers, awaiting async ones; their errors are only logged."""
        for callback in list(self._subscribers):
            try:
                result = callback(event)
                if inspect.isawaitable(result):
                    await result
            except Exception:
                log.exception("sandbox subscriber failed for %s", event.kind)

    def _notify_soon(self, event: ChatEvent) -> None:
        """Emit from sync code: as a task when a loop runs (web chats), else not at all."""
        try:
            task = asyncio.get_running_loop().create_task(self._emit(event))
        except RuntimeError:
            return
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- state and updates -----------------------------------------------------------------
    def state(self, token: str) -> BotState:
        """Everything the fake keeps for a bot token."""
        return self.pipeline.state(token)

    def me(self, token: str) -> dict[str, Any]:
        """The bot user getMe returns for a token."""
        return self.pipeline.me(token)

    def note_update(self, token: str, update: dict[str, Any]) -> dict[str, Any]:
        """Learn from an update the test feeds to the Dispatcher directly (no delivery)."""
        self.state(token).note_update(update)
        return update

    def add_update(self, token: str, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates/webhook; assigns update_id unless it is higher."""
        state = self.state(token)
        if update.get("update_id", 0) <= state.last_update_id:
            update["update_id"] = state.last_update_id + 1
        state.last_update_id = update["update_id"]
        state.note_update(update)
        state.pending.append(update)
        state.wake()
        for key in ("message", "edited_message"):
            if msg := update.get(key):
                self._notify_soon(ChatEvent("incoming", token, msg["chat"]["id"], msg))
        return update

    def vote(
        self, token: str, poll_id: str, voter: dict[str, Any], option_ids: list[int]
    ) -> list[dict[str, Any]]:
        """Someone votes (empty: retracts); the poll and poll_answer updates Telegram would send."""
        return cast_vote(self.state(token), poll_id, voter, option_ids)

    def put_file(
        self,
        token: str,
        data: bytes,
        kind: str = "document",
        filename: str | None = None,
        mime_type: str | None = None,
    ) -> StoredFile:
        """Store file content (e.g. for a document a user sends) and return its file_id holder."""
        return self.state(token).add_file(data, kind, filename, mime_type)

    def set_member(self, token: str, chat_id: int, user_id: int, status: str) -> None:
        """Set a user's status in a chat for getChatMember/getChatAdministrators."""
        self.state(token).members[(chat_id, user_id)] = status

    def backdate(self, token: str, chat_id: int, seconds: int) -> None:
        """Make every message in a chat `seconds` older (e.g. past the 48 hours to delete)."""
        for stored in self.state(token).messages.get(chat_id, {}).values():
            stored.data["date"] -= seconds

    def webhook_changed(self, state: BotState) -> None:
        """Start the pusher when a webhook is set; a removed webhook ends it."""
        state.wake()
        task = self._pushers.get(state.token)
        if state.webhook.url and (task is None or task.done()):
            pusher = WebhookPusher(
                state,
                self._execute_reply,
                self.webhook_retry_delay,
                self.webhook_max_attempts,
                connections=self.webhook_connections,
                targets=self.webhook_targets,
            )
            self.pushers[state.token] = pusher
            self._pushers[state.token] = asyncio.get_running_loop().create_task(pusher.run())

    async def _execute_reply(
        self, state: BotState, method: str, params: dict[str, Any], uploads: dict[str, Any]
    ) -> None:
        """A method call returned in a webhook response."""
        await self.pipeline.execute(state.token, method, params, uploads)

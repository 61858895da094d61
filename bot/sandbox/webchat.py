"""A web chat on the fake Bot API: pick a simulated resident and talk to the bot in a browser."""

from __future__ import annotations

import itertools
import json
import weakref
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web

from bot.config import LANGUAGES
from bot.sandbox import updates
from bot.sandbox.context import ChatEvent
from bot.sandbox.server import FakeBotAPI

STATIC = Path(__file__).resolve().parent / "static"
FIRST_RESIDENT_ID = 700_001


@dataclass
class Resident:
    """A simulated Telegram user; the name exists only in the sandbox, never in the bot."""

    id: int
    name: str
    language_code: str


class WebChat:
    """Routes for the page, residents, sending, pressing buttons, and a websocket of events."""

    def __init__(self, api: FakeBotAPI, token: str) -> None:
        self.api = api
        self.token = token
        self.residents: dict[int, Resident] = {}
        self.ids = itertools.count(FIRST_RESIDENT_ID)
        self.sockets: weakref.WeakSet[web.WebSocketResponse] = weakref.WeakSet()
        api.subscribe(self._broadcast)

    def add_routes(self, app: web.Application) -> None:
        """Mount the web chat beside the fake Bot API."""
        app.router.add_get("/", self._index)
        app.router.add_static("/static", STATIC)
        app.router.add_get("/sandbox/residents", self._list_residents)
        app.router.add_post("/sandbox/residents", self._create_resident)
        app.router.add_get("/sandbox/chats/{chat_id}", self._history)
        app.router.add_post("/sandbox/chats/{chat_id}/send", self._send)
        app.router.add_post("/sandbox/chats/{chat_id}/press", self._press)
        app.router.add_get("/sandbox/events", self._events)

    async def _index(self, request: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC / "index.html")

    async def _list_residents(self, request: web.Request) -> web.Response:
        return web.json_response(
            {"residents": [asdict(r) for r in self.residents.values()], "languages": LANGUAGES}
        )

    async def _create_resident(self, request: web.Request) -> web.Response:
        body = await _json(request)
        name = str(body.get("name") or "").strip()[:40] or "Resident"
        language = str(body.get("language_code") or "de").strip()[:10]
        resident = Resident(next(self.ids), name, language)
        self.residents[resident.id] = resident
        return web.json_response(asdict(resident))

    def _resident(self, request: web.Request) -> Resident:
        resident = self.residents.get(int(request.match_info["chat_id"]))
        if resident is None:
            raise web.HTTPNotFound(text="unknown resident")
        return resident

    async def _history(self, request: web.Request) -> web.Response:
        resident = self._resident(request)
        stored = self.api.state(self.token).messages.get(resident.id, {})
        messages = [
            {**m.data, "outgoing": m.outgoing, "edited": m.edited}
            for m in sorted(stored.values(), key=lambda m: m.data["message_id"])
            if not m.deleted
        ]
        return web.json_response({"messages": messages})

    async def _send(self, request: web.Request) -> web.Response:
        resident = self._resident(request)
        text = str((await _json(request)).get("text") or "")[:4096]
        if not text.strip():
            raise web.HTTPBadRequest(text="empty message")
        user = self._user(resident)
        if text.startswith("/"):
            command, _, args = text[1:].partition(" ")
            update = updates.command_update(user, command, args or None)
        else:
            update = updates.message_update(user, text)
        self.api.add_update(self.token, update)
        return web.json_response({"ok": True})

    async def _press(self, request: web.Request) -> web.Response:
        resident = self._resident(request)
        body = await _json(request)
        stored = self.api.state(self.token).messages.get(resident.id, {})
        message = stored.get(int(body.get("message_id", 0)))
        if message is None:
            raise web.HTTPNotFound(text="unknown message")
        data = str(body.get("data") or "")
        self.api.add_update(
            self.token, updates.callback_update(self._user(resident), message.data, data)
        )
        return web.json_response({"ok": True})

    async def _events(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(heartbeat=30)
        await socket.prepare(request)
        self.sockets.add(socket)
        async for message in socket:
            if message.type == WSMsgType.ERROR:
                break
        return socket

    async def _broadcast(self, event: ChatEvent) -> None:
        if event.token != self.token or event.chat_id not in self.residents:
            return
        payload = json.dumps(
            {
                "kind": event.kind,
                "chat_id": event.chat_id,
                "message": event.message,
                "data": event.data,
            }
        )
        for socket in list(self.sockets):
            if not socket.closed:
                await socket.send_str(payload)

    @staticmethod
    def _user(resident: Resident) -> dict[str, Any]:
        return updates.user(resident.id, resident.language_code, resident.name)


async def _json(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise web.HTTPBadRequest(text="expected JSON") from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text="expected a JSON object")
    return body

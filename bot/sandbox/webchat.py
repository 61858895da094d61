"""A web chat on the fake Bot API: residents, the staff chat and groups, live in a browser."""

from __future__ import annotations

import json
import weakref
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aiohttp import WSMsgType, web

from bot.config import LANGUAGES
from bot.sandbox.context import ChatEvent
from bot.sandbox.server import FakeBotAPI
from bot.sandbox.state import StoredMessage
from bot.sandbox.webchat_actions import ChatActions, read_json
from bot.sandbox.webchat_directory import FIRST_RESIDENT_ID, Directory, Resident

STATIC = Path(__file__).resolve().parent / "static"
__all__ = ["FIRST_RESIDENT_ID", "Resident", "WebChat"]


class WebChat(ChatActions):
    """Routes for the page, the chat list, history, files, user actions and live events."""

    def __init__(self, api: FakeBotAPI, token: str, directory: Directory | None = None) -> None:
        self.api = api
        self.token = token
        self.directory = directory or Directory()
        self.sockets: weakref.WeakSet[web.WebSocketResponse] = weakref.WeakSet()
        api.subscribe(self.broadcast)

    def add_routes(self, app: web.Application) -> None:
        """Mount the web chat beside the fake Bot API."""
        app.router.add_get("/", self._index)
        app.router.add_static("/static", STATIC)
        app.router.add_get("/sandbox/residents", self._list_residents)
        app.router.add_post("/sandbox/residents", self._create_resident)
        app.router.add_get("/sandbox/chats", self._list_chats)
        app.router.add_get("/sandbox/chats/{chat_id}", self._history)
        app.router.add_get("/sandbox/files/{file_id}", self._file)
        app.router.add_get("/sandbox/events", self._events)
        self.add_action_routes(app)

    async def _index(self, request: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC / "index.html")

    async def _list_residents(self, request: web.Request) -> web.Response:
        residents = [asdict(r) for r in self.directory.residents.values()]
        return web.json_response({"residents": residents, "languages": LANGUAGES})

    async def _create_resident(self, request: web.Request) -> web.Response:
        body = await read_json(request)
        name = str(body.get("name") or "").strip()[:40] or "Resident"
        language = str(body.get("language_code") or "de").strip()[:10]
        resident = self.directory.add_resident(name, language)
        await self._send_all({"kind": "chats"})
        return web.json_response(asdict(resident))

    async def _list_chats(self, request: web.Request) -> web.Response:
        return web.json_response({"chats": self.directory.chats(), "languages": LANGUAGES})

    async def _history(self, request: web.Request) -> web.Response:
        chat_id = self.chat_id(request)
        stored = self.api.state(self.token).messages.get(chat_id, {})
        messages = [
            self.view(chat_id, m)
            for m in sorted(stored.values(), key=lambda m: m.data["message_id"])
            if not m.deleted
        ]
        return web.json_response({"messages": messages})

    def view(self, chat_id: int, stored: StoredMessage) -> dict[str, Any]:
        """A message as the page needs it: who sent it, edits, client-side keyboards, votes."""
        return self.decorate(
            chat_id, stored.data, {"outgoing": stored.outgoing, "edited": stored.edited}
        )

    def decorate(self, chat_id: int, data: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
        """Add what the fake keeps beside a Message: reply keyboard/force_reply and votes."""
        state = self.api.state(self.token)
        view = {**data, **extra}
        if markup := state.client_markups.get((chat_id, data["message_id"])):
            view["client_markup"] = markup
        if poll := data.get("poll"):
            votes = state.poll_votes.get(poll["id"], {})
            view["votes"] = {str(user): options for user, options in votes.items()}
        return view

    async def _file(self, request: web.Request) -> web.Response:
        """A file's bytes; ?download=1 saves it under its name (documents: .ics, PNG, CSV)."""
        stored = self.api.state(self.token).files.get(request.match_info["file_id"])
        if stored is None:
            raise web.HTTPNotFound(text="unknown file")
        headers = {}
        if request.query.get("download"):
            name = stored.filename or stored.file_path.rsplit("/", 1)[-1]
            # RFC 6266: an ASCII fallback for old clients, the real (UTF-8) name for the rest
            plain = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
            headers["Content-Disposition"] = (
                f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name)}"
            )
        ctype = stored.mime_type or "application/octet-stream"
        return web.Response(body=stored.data, content_type=ctype, headers=headers)

    async def _events(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(heartbeat=30)
        await socket.prepare(request)
        self.sockets.add(socket)
        async for message in socket:
            if message.type == WSMsgType.ERROR:
                break
        return socket

    async def broadcast(self, event: ChatEvent) -> None:
        """Tell every open page about something that happened in a chat it shows."""
        if event.token != self.token or event.chat_id is None:
            return
        if not self.directory.knows(event.chat_id):
            return
        message = event.message
        if message is not None:
            stored = self.api.state(self.token).message(event.chat_id, message["message_id"])
            extra = {
                "outgoing": event.kind != "incoming",
                "edited": event.kind == "edited" or (stored is not None and stored.edited),
            }
            message = self.decorate(event.chat_id, message, extra)
        payload = {
            "kind": event.kind, "chat_id": event.chat_id, "message": message, "data": event.data
        }  # fmt: skip
        await self._send_all(payload)

    async def _send_all(self, payload: dict[str, Any]) -> None:
        text = json.dumps(payload)
        for socket in list(self.sockets):
            if socket.closed:
                continue
            try:
                await socket.send_str(text)
            except ConnectionError:  # a page closed mid-send: the others still get it
                self.sockets.discard(socket)

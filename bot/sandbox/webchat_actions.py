"""What a simulated person does in the web chat: write, press, send a photo or location, vote."""

from __future__ import annotations

import copy
import time
from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.sandbox import updates
from bot.sandbox.context import ChatEvent
from bot.sandbox.objects import photo_sizes
from bot.sandbox.voting import VoteError

if TYPE_CHECKING:
    from bot.sandbox.server import FakeBotAPI
    from bot.sandbox.webchat_directory import Directory

PHOTO_MAX_BYTES = 20 * 1024 * 1024


class ChatActions:
    """The POST routes of the web chat; the sender is the resident (private) or `as` (groups)."""

    api: FakeBotAPI
    token: str
    directory: Directory

    async def broadcast(self, event: ChatEvent) -> None:
        """Implemented by WebChat."""
        raise NotImplementedError

    def add_action_routes(self, app: web.Application) -> None:
        """Mount the actions under /sandbox/chats/{chat_id}/."""
        for name, handler in (
            ("send", self._send), ("press", self._press), ("photo", self._photo),
            ("location", self._location), ("vote", self._vote), ("edit", self._edit),
        ):  # fmt: skip
            app.router.add_post(f"/sandbox/chats/{{chat_id}}/{name}", handler)

    def chat_id(self, request: web.Request) -> int:
        """The chat in the path, if the web chat shows it."""
        try:
            chat_id = int(request.match_info["chat_id"])
        except ValueError:
            raise web.HTTPNotFound(text="unknown chat") from None
        if not self.directory.knows(chat_id):
            raise web.HTTPNotFound(text="unknown resident or chat")
        return chat_id

    def sender(self, chat_id: int, body: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """(User, Chat) of a message: the resident in private chats, `as` in groups."""
        group = self.directory.groups.get(chat_id)
        person_id = number(body.get("as")) if group is not None else chat_id
        resident = self.directory.residents.get(person_id)
        if resident is None:
            raise web.HTTPBadRequest(text="say which resident writes in the group (as)")
        user = updates.user(resident.id, resident.language_code, resident.name)
        if group is None:
            return user, updates.private_chat(user)
        if resident.id not in group.members:
            group.members.append(resident.id)
        return user, group.as_chat()

    def stored(self, chat_id: int, message_id: Any) -> dict[str, Any]:
        """A message of the chat, or 404."""
        found = self.api.state(self.token).message(chat_id, number(message_id))
        if found is None:
            raise web.HTTPNotFound(text="unknown message")
        return found.data

    def deliver(
        self, chat_id: int, user: dict[str, Any], chat: dict[str, Any], **content: Any
    ) -> web.Response:
        """Queue a message from the person, optionally as a reply (reply_to = message id)."""
        reply_to = content.pop("reply_to", None)
        if reply_to:
            original = self.stored(chat_id, reply_to)
            content["reply_to_message"] = {
                k: v for k, v in original.items() if k != "reply_to_message"
            }
        message = updates.message(user, chat, **content)
        self.api.add_update(self.token, updates.update(0, message=message))
        return web.json_response({"ok": True})

    async def _send(self, request: web.Request) -> web.Response:
        chat_id, body = self.chat_id(request), await read_json(request)
        text = str(body.get("text") or "")[:4096]
        if not text.strip():
            raise web.HTTPBadRequest(text="empty message")
        user, chat = self.sender(chat_id, body)
        content: dict[str, Any] = {"text": text, "reply_to": body.get("reply_to")}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return self.deliver(chat_id, user, chat, **content)

    async def _press(self, request: web.Request) -> web.Response:
        chat_id, body = self.chat_id(request), await read_json(request)
        user, _chat = self.sender(chat_id, body)
        message = self.stored(chat_id, body.get("message_id"))
        data = str(body.get("data") or "")
        self.api.add_update(self.token, updates.callback_update(user, message, data))
        return web.json_response({"ok": True})

    async def _photo(self, request: web.Request) -> web.Response:
        chat_id = self.chat_id(request)
        form = await request.post()
        upload = form.get("photo")
        if not isinstance(upload, web.FileField):
            raise web.HTTPBadRequest(text="expected a photo file")
        data = upload.file.read(PHOTO_MAX_BYTES + 1)
        if not data or len(data) > PHOTO_MAX_BYTES:
            raise web.HTTPBadRequest(text="photo empty or larger than 20 MB")
        user, chat = self.sender(chat_id, {"as": form.get("as")})
        full = self.api.put_file(self.token, data, "photo", upload.filename, upload.content_type)
        thumb = self.api.put_file(self.token, data, "photo", upload.filename, upload.content_type)
        content: dict[str, Any] = {"photo": photo_sizes(self.api.pipeline.spec, full, thumb)}
        if caption := str(form.get("caption") or "").strip()[:1024]:
            content["caption"] = caption
        return self.deliver(chat_id, user, chat, reply_to=form.get("reply_to"), **content)

    async def _location(self, request: web.Request) -> web.Response:
        chat_id, body = self.chat_id(request), await read_json(request)
        try:
            latitude, longitude = float(body["latitude"]), float(body["longitude"])
        except (KeyError, TypeError, ValueError):
            raise web.HTTPBadRequest(text="expected latitude and longitude") from None
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise web.HTTPBadRequest(text="latitude or longitude out of range")
        user, chat = self.sender(chat_id, body)
        location = {"latitude": latitude, "longitude": longitude}
        return self.deliver(chat_id, user, chat, location=location)

    async def _vote(self, request: web.Request) -> web.Response:
        chat_id, body = self.chat_id(request), await read_json(request)
        user, _chat = self.sender(chat_id, body)
        message = self.stored(chat_id, body.get("message_id"))
        if "poll" not in message:
            raise web.HTTPBadRequest(text="there is no poll in this message")
        options = [number(i) for i in body.get("option_ids") or []]
        try:
            found = self.api.vote(self.token, message["poll"]["id"], user, options)
        except VoteError as error:
            raise web.HTTPBadRequest(text=str(error)) from None
        for update in found:
            self.api.add_update(self.token, update)
        poll = found[0]["poll"]
        await self.broadcast(ChatEvent("updated", self.token, chat_id, copy.deepcopy(message)))
        return web.json_response({"ok": True, "poll": poll})

    async def _edit(self, request: web.Request) -> web.Response:
        """The person edits their own text message: the bot gets an edited_message."""
        chat_id, body = self.chat_id(request), await read_json(request)
        user, _chat = self.sender(chat_id, body)
        original = self.stored(chat_id, body.get("message_id"))
        text = str(body.get("text") or "")[:4096]
        if original.get("from", {}).get("id") != user["id"] or "text" not in original:
            raise web.HTTPBadRequest(text="only your own text messages can be edited")
        if not text.strip():
            raise web.HTTPBadRequest(text="empty message")
        edited = {**original, "text": text, "edit_date": int(time.time())}
        edited.pop("entities", None)
        self.api.add_update(self.token, updates.update(0, edited_message=edited))
        return web.json_response({"ok": True})


def number(value: Any) -> int:
    """An id or index from the page; 0 when absent, 400 when it isn't a number."""
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        raise web.HTTPBadRequest(text=f"expected a number, got {value!r}") from None


async def read_json(request: web.Request) -> dict[str, Any]:
    """The request's JSON object, or 400."""
    try:
        body = await request.json()
    except ValueError:
        raise web.HTTPBadRequest(text="expected JSON") from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text="expected a JSON object")
    return body

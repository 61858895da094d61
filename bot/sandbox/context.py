"""What a method handler gets: the bot's state, the spec and helpers shared by handlers."""

from __future__ import annotations

import copy
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import bad_request
from .formatting import render_text
from .spec import ApiSpec
from .state import BotState, StoredFile, StoredMessage
from .validate import Upload


@dataclass
class ChatEvent:
    """Something a web chat may want to show: a sent/edited/deleted/incoming message, an answer."""

    kind: str
    token: str
    chat_id: int | None
    message: dict[str, Any] | None = None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Options:
    """Server-wide switches that change how strict or how fast the fake is."""

    strict_chats: bool = False
    strict_ampersand: bool = True
    max_poll_timeout: float = 50.0
    allow_http_webhooks: bool = True


@dataclass
class CallContext:
    """The per-call view handlers work with."""

    spec: ApiSpec
    state: BotState
    me: dict[str, Any]
    options: Options
    emit: Callable[[ChatEvent], Awaitable[None]]
    uploads: dict[str, Upload] = field(default_factory=dict)
    services: Any = None

    def render(self, text: str, mode: str | None) -> tuple[str, list[dict[str, Any]]]:
        """Plain text and entities for a text/caption with its parse mode."""
        return render_text(text, mode, strict_ampersand=self.options.strict_ampersand)

    def chat(self, chat_id: int | str) -> dict[str, Any]:
        """Resolve chat_id (number or @username) like Telegram; unknown ones may be an error."""
        if isinstance(chat_id, str):
            if chat_id.startswith("@") and (found := self.state.chat_by_username(chat_id)):
                return found
            raise bad_request("chat not found")
        if self.options.strict_chats and chat_id not in self.state.chats:
            raise bad_request("chat not found")
        return self.state.ensure_chat(chat_id)

    def new_message(self, chat: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
        """The common part of a message the bot sends now."""
        msg: dict[str, Any] = {
            "message_id": self.state.next_message_id(chat["id"]),
            "from": self.me,
            "chat": chat,
            "date": int(time.time()),
        }
        if "message_thread_id" in params:
            msg["message_thread_id"] = params["message_thread_id"]
        if params.get("protect_content"):
            msg["has_protected_content"] = True  # Telegram: it can't be forwarded or saved
        if reply := params.get("reply_parameters"):
            target_chat = reply.get("chat_id", chat["id"])
            target = self.state.message(self.chat(target_chat)["id"], reply["message_id"])
            if target is not None:
                msg["reply_to_message"] = {
                    k: v for k, v in target.data.items() if k != "reply_to_message"
                }
            elif not reply.get("allow_sending_without_reply"):
                raise bad_request("message to be replied not found")
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            msg["reply_markup"] = markup  # only inline keyboards are part of a Message
        elif isinstance(markup, dict):
            self.state.client_markups[(chat["id"], msg["message_id"])] = markup
        return msg

    def file(self, value: Upload | str, kind: str) -> StoredFile:
        """Store an upload, or resolve a file_id / URL like Telegram would."""
        if isinstance(value, Upload):
            return self.state.add_file(value.data, kind, value.filename, value.content_type)
        if value.startswith("attach://") and (up := self.uploads.get(value[9:])):
            return self.state.add_file(up.data, kind, up.filename, up.content_type)
        if stored := self.state.files.get(value):
            return stored
        if value.startswith(("http://", "https://")):
            name = value.rstrip("/").rsplit("/", 1)[-1] or None
            return self.state.add_file(b"", kind, name)
        raise bad_request("wrong file identifier/HTTP URL specified")

    def find(self, params: dict[str, Any], what: str) -> StoredMessage:
        """The message addressed by chat_id + message_id, or Telegram's "not found" error."""
        if "chat_id" not in params:
            raise bad_request("chat_id is empty")
        if "message_id" not in params:
            raise bad_request("message identifier is not specified")
        chat = self.chat(params["chat_id"])
        stored = self.state.message(chat["id"], params["message_id"])
        if stored is None:
            raise bad_request(f"message {what} not found")
        return stored

    async def sent(self, stored: StoredMessage, kind: str = "sent") -> dict[str, Any]:
        """Tell subscribers about an outgoing message or edit and return its data."""
        data = stored.data
        snapshot = copy.deepcopy(data)
        await self.emit(ChatEvent(kind, self.state.token, data["chat"]["id"], snapshot))
        return data

"""What the fake remembers per bot token: chats, messages, files, calls and pending updates."""

from __future__ import annotations

import asyncio
import mimetypes
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

MESSAGE_KEYS = ("message", "edited_message", "channel_post", "edited_channel_post")
FILE_DIRS = {"photo": "photos", "document": "documents", "voice": "voice", "sticker": "stickers"}


@dataclass
class RecordedCall:
    """One Bot API call as the fake saw and answered it."""

    token: str
    method: str
    params: dict[str, Any]
    ok: bool
    status: int
    result: Any = None
    error_code: int | None = None
    description: str | None = None
    chat_id: int | str | None = None
    timestamp: float = field(default_factory=time.time)


@dataclass
class StoredMessage:
    """A message in a chat, as Telegram would return it now (edits applied)."""

    data: dict[str, Any]
    outgoing: bool
    edited: bool = False
    deleted: bool = False


@dataclass
class StoredFile:
    """A file the bot uploaded or a user sent; downloadable via getFile + /file/."""

    file_id: str
    file_unique_id: str
    data: bytes
    file_path: str
    filename: str | None = None
    mime_type: str | None = None


@dataclass
class WebhookConfig:
    """The state setWebhook leaves behind, reported by getWebhookInfo."""

    url: str = ""
    secret_token: str | None = None
    max_connections: int = 40
    last_error_date: int | None = None
    last_error_message: str | None = None


def new_file_id(prefix: str = "BQACAgIAAxkBAA") -> tuple[str, str]:
    """A file_id / file_unique_id pair shaped like Telegram's."""
    return prefix + secrets.token_urlsafe(24), "AgAD" + secrets.token_urlsafe(8)


@dataclass
class BotState:
    """Everything the fake keeps for one bot token."""

    token: str
    bot_id: int
    chats: dict[int, dict[str, Any]] = field(default_factory=dict)
    users: dict[int, dict[str, Any]] = field(default_factory=dict)
    messages: dict[int, dict[int, StoredMessage]] = field(default_factory=dict)
    last_message_id: dict[int, int] = field(default_factory=dict)
    files: dict[str, StoredFile] = field(default_factory=dict)
    calls: list[RecordedCall] = field(default_factory=list)
    pending: list[dict[str, Any]] = field(default_factory=list)
    last_update_id: int = 0
    waiters: set[asyncio.Future[None]] = field(default_factory=set)
    poll_generation: int = 0
    allowed_updates: list[str] | None = None
    webhook: WebhookConfig = field(default_factory=WebhookConfig)
    commands: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    texts: dict[tuple[str, str], str] = field(default_factory=dict)
    callback_queries: dict[str, int | None] = field(default_factory=dict)
    members: dict[tuple[int, int], str] = field(default_factory=dict)
    polls: dict[str, tuple[int, int]] = field(default_factory=dict)
    # poll id → voter id → chosen options (bot/sandbox/voting.py, the only writer)
    poll_votes: dict[str, dict[int, list[int]]] = field(default_factory=dict)
    # Reply keyboards and force_reply aren't part of a Message, but a client shows them.
    client_markups: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)

    def wake(self) -> None:
        """Wake long-polling getUpdates calls and the webhook pusher."""
        for waiter in self.waiters:
            if not waiter.done():
                waiter.set_result(None)

    def ensure_chat(self, chat_id: int) -> dict[str, Any]:
        """The chat with this id, created on first use (private for users, else a group)."""
        if chat_id not in self.chats:
            if chat_id > 0:
                user = self.users.get(chat_id, {})
                chat = {"id": chat_id, "type": "private"}
                chat["first_name"] = user.get("first_name", f"User {chat_id}")
            elif str(chat_id).startswith("-100"):
                chat = {"id": chat_id, "type": "supergroup", "title": f"Group {chat_id}"}
            else:
                chat = {"id": chat_id, "type": "group", "title": f"Group {chat_id}"}
            self.chats[chat_id] = chat
        return self.chats[chat_id]

    def chat_by_username(self, username: str) -> dict[str, Any] | None:
        """Resolve "@name" the way Telegram resolves public usernames."""
        wanted = username.lstrip("@").lower()
        return next(
            (c for c in self.chats.values() if str(c.get("username", "")).lower() == wanted), None
        )

    def next_message_id(self, chat_id: int) -> int:
        """Message ids increase per chat, shared by both sides like in private chats."""
        self.last_message_id[chat_id] = self.last_message_id.get(chat_id, 0) + 1
        return self.last_message_id[chat_id]

    def store(self, data: dict[str, Any], outgoing: bool) -> StoredMessage:
        """Keep a message so it can be edited, deleted, copied and shown in the web chat."""
        chat_id = data["chat"]["id"]
        stored = StoredMessage(data, outgoing)
        self.messages.setdefault(chat_id, {})[data["message_id"]] = stored
        self.last_message_id[chat_id] = max(
            self.last_message_id.get(chat_id, 0), data["message_id"]
        )
        return stored

    def message(self, chat_id: int, message_id: int) -> StoredMessage | None:
        """A stored, not deleted message, or None."""
        stored = self.messages.get(chat_id, {}).get(message_id)
        return stored if stored and not stored.deleted else None

    def add_file(
        self, data: bytes, kind: str, filename: str | None = None, mime_type: str | None = None
    ) -> StoredFile:
        """Register file content under a fresh file_id."""
        file_id, unique = new_file_id()
        return self.register_file(file_id, unique, data, kind, filename, mime_type)

    def register_file(
        self,
        file_id: str,
        unique_id: str,
        data: bytes,
        kind: str,
        filename: str | None = None,
        mime_type: str | None = None,
    ) -> StoredFile:
        """Register content under a given file_id (files users send arrive with their ids)."""
        if mime_type in (None, "application/octet-stream") and filename:
            # Telegram derives a document's MIME type from its file name.
            mime_type = mimetypes.guess_type(filename)[0] or mime_type
        suffix = f".{filename.rsplit('.', 1)[1]}" if filename and "." in filename else ""
        path = f"{FILE_DIRS.get(kind, kind + 's')}/file_{len(self.files)}{suffix}"
        stored = StoredFile(file_id, unique_id, data, path, filename, mime_type)
        self.files[file_id] = stored
        return stored

    def note_update(self, update: dict[str, Any]) -> None:
        """Learn chats, users, messages, files and callback ids from an update sent to the bot."""
        for key in MESSAGE_KEYS:
            if msg := update.get(key):
                self.ensure_message_id(msg, renumber=not key.startswith("edited"))
                # what the user's client reports about the chat beats our placeholder names
                self.chats[msg["chat"]["id"]] = {
                    **self.chats.get(msg["chat"]["id"], {}),
                    **msg["chat"],
                }
                self.store(msg, outgoing=False)
        if query := update.get("callback_query"):
            chat = (query.get("message") or {}).get("chat") or {}
            self.callback_queries[query["id"]] = chat.get("id")
        for value in update.values():
            if isinstance(value, dict):
                if (chat := value.get("chat")) and isinstance(chat, dict):
                    self.chats.setdefault(chat["id"], chat)
                for user_key in ("from", "user"):
                    if (user := value.get(user_key)) and not user.get("is_bot"):
                        self.users[user["id"]] = user
        self._note_files(update)

    def ensure_message_id(self, msg: dict[str, Any], renumber: bool) -> None:
        """Give an injected message the chat's next id when its own would collide."""
        chat_id = msg["chat"]["id"]
        if renumber and msg.get("message_id", 0) <= self.last_message_id.get(chat_id, 0):
            msg["message_id"] = self.next_message_id(chat_id)

    def _note_files(self, node: Any, kind: str = "document") -> None:
        """Register every file_id inside an update so getFile works for it."""
        if isinstance(node, list):
            for item in node:
                self._note_files(item, kind)
        elif isinstance(node, dict):
            file_id = node.get("file_id")
            if isinstance(file_id, str) and file_id not in self.files:
                unique = str(node.get("file_unique_id", file_id[-12:]))
                self.register_file(file_id, unique, b"", kind, node.get("file_name"))
            for key, value in node.items():
                self._note_files(value, key if key in FILE_DIRS else kind)

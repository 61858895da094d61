"""The pieces updates are made of: users, chats, messages, file ids (pure functions)."""

from __future__ import annotations

import secrets
import time
from typing import Any

BOT_USERNAME = "stadtstimme_sandbox_bot"
BOT_FIRST_NAME = "Stadtstimme"


def file_ids() -> dict[str, str]:
    """A fresh file_id / file_unique_id pair."""
    return {
        "file_id": "AgACAgIAAxkBAA" + secrets.token_urlsafe(24),
        "file_unique_id": "AQAD" + secrets.token_urlsafe(8),
    }


def user(
    id: int,
    language_code: str | None = "de",
    first_name: str | None = None,
    *,
    last_name: str | None = None,
    username: str | None = None,
) -> dict[str, Any]:
    """A (human) Telegram user."""
    data: dict[str, Any] = {"id": id, "is_bot": False, "first_name": first_name or f"User{id}"}
    extra = {"last_name": last_name, "username": username, "language_code": language_code}
    data.update({k: v for k, v in extra.items() if v is not None})
    return data


def bot_user(token: str, username: str = BOT_USERNAME, first_name: str = BOT_FIRST_NAME) -> dict:
    """The bot's own User for a token (its id is the number before the colon)."""
    bot_id = int(token.split(":", 1)[0])
    return {"id": bot_id, "is_bot": True, "first_name": first_name, "username": username}


def private_chat(of: dict[str, Any]) -> dict[str, Any]:
    """The private chat between the bot and a user."""
    chat = {"id": of["id"], "type": "private", "first_name": of["first_name"]}
    chat.update({k: of[k] for k in ("last_name", "username") if k in of})
    return chat


def group_chat(
    id: int = -1001234567890, title: str = "Bürgerforum Duisburg", type: str = "supergroup"
) -> dict[str, Any]:
    """A group or supergroup chat."""
    return {"id": id, "type": type, "title": title}


def message(
    sender: dict[str, Any],
    chat: dict[str, Any] | None = None,
    *,
    message_id: int = 1,
    **content: Any,
) -> dict[str, Any]:
    """A Message from a user; add_update renumbers message_id to follow the chat's history."""
    msg = {
        "message_id": message_id,
        "from": sender,
        "chat": chat or private_chat(sender),
        "date": int(time.time()),
    }
    msg.update(content)
    return msg


def update(update_id: int, **body: Any) -> dict[str, Any]:
    """An Update; update_id 0 means "let add_update assign the next one"."""
    return {"update_id": update_id, **body}

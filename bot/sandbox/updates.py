"""Builders for realistic updates a user would cause (pure functions returning Update dicts)."""

# update_id 0 and message_id 1 are placeholders: FakeBotAPI.add_update assigns the next ids.

from __future__ import annotations

import secrets
import time
from typing import Any

from .update_parts import bot_user, file_ids, group_chat, message, private_chat, update, user

__all__ = [
    "bot_user",
    "callback_update",
    "command_update",
    "document_update",
    "group_chat",
    "location_update",
    "message",
    "message_update",
    "my_chat_member_update",
    "photo_update",
    "poll_answer_update",
    "private_chat",
    "start_update",
    "sticker_update",
    "user",
    "voice_update",
]


def message_update(
    sender: dict[str, Any],
    text: str,
    chat: dict[str, Any] | None = None,
    *,
    entities: list[dict[str, Any]] | None = None,
    update_id: int = 0,
) -> dict[str, Any]:
    """A text message (private chat unless `chat` is given)."""
    content: dict[str, Any] = {"text": text}
    if entities:
        content["entities"] = entities
    return update(update_id, message=message(sender, chat, **content))


def command_update(
    sender: dict[str, Any],
    command: str,
    args: str | None = None,
    chat: dict[str, Any] | None = None,
    *,
    bot_username: str | None = None,
    update_id: int = 0,
) -> dict[str, Any]:
    """A /command (optionally /command@bot, with arguments) with its bot_command entity."""
    head = "/" + command.lstrip("/") + (f"@{bot_username}" if bot_username else "")
    text = f"{head} {args}" if args else head
    entity = {"type": "bot_command", "offset": 0, "length": len(head)}
    return message_update(sender, text, chat, entities=[entity], update_id=update_id)


def start_update(sender: dict[str, Any], payload: str | None = None) -> dict[str, Any]:
    """/start, optionally with a deep-link payload."""
    return command_update(sender, "start", payload)


def callback_update(
    sender: dict[str, Any], message: dict[str, Any], data: str, *, update_id: int = 0
) -> dict[str, Any]:
    """A press on an inline button of `message` (a message the bot sent earlier)."""
    query = {
        "id": str(secrets.randbelow(10**18) + 10**18),
        "from": sender,
        "message": message,
        "chat_instance": str(secrets.randbelow(10**18)),
        "data": data,
    }
    return update(update_id, callback_query=query)


def sticker_update(
    sender: dict[str, Any], emoji: str = "👍", chat: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A sticker message."""
    sticker = {**file_ids(), "type": "regular", "width": 512, "height": 512}
    sticker.update(is_animated=False, is_video=False, emoji=emoji, file_size=18_000)
    return update(0, message=message(sender, chat, sticker=sticker))


def voice_update(
    sender: dict[str, Any], duration: int = 4, chat: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A voice note."""
    voice = {**file_ids(), "duration": duration, "mime_type": "audio/ogg", "file_size": 9_000}
    return update(0, message=message(sender, chat, voice=voice))


def document_update(
    sender: dict[str, Any],
    file_name: str = "antrag.pdf",
    mime_type: str = "application/pdf",
    caption: str | None = None,
    chat: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A document (file) message, optionally captioned."""
    document = {**file_ids(), "file_name": file_name, "mime_type": mime_type, "file_size": 1234}
    content: dict[str, Any] = {"document": document}
    if caption:
        content["caption"] = caption
    return update(0, message=message(sender, chat, **content))


def photo_update(
    sender: dict[str, Any], caption: str | None = None, chat: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A photo message with the usual thumbnail and full size."""
    sizes = [
        {**file_ids(), "width": 90, "height": 67, "file_size": 1_200},
        {**file_ids(), "width": 1280, "height": 960, "file_size": 98_000},
    ]
    content: dict[str, Any] = {"photo": sizes}
    if caption:
        content["caption"] = caption
    return update(0, message=message(sender, chat, **content))


def location_update(
    sender: dict[str, Any], latitude: float = 51.4344, longitude: float = 6.7623
) -> dict[str, Any]:
    """A shared location (defaults to Duisburg city centre)."""
    location = {"latitude": latitude, "longitude": longitude}
    return update(0, message=message(sender, location=location))


def _member(who: dict[str, Any], status: str) -> dict[str, Any]:
    """A ChatMember of a simple status: member, left, kicked or creator."""
    member: dict[str, Any] = {"status": status, "user": who}
    if status == "kicked":
        member["until_date"] = 0
    if status == "creator":
        member["is_anonymous"] = False
    return member


def my_chat_member_update(
    sender: dict[str, Any],
    bot: dict[str, Any],
    new_status: str = "kicked",
    old_status: str = "member",
    chat: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The bot's membership changed (new_status "kicked" = the user blocked the bot)."""
    body = {
        "chat": chat or private_chat(sender),
        "from": sender,
        "date": int(time.time()),
        "old_chat_member": _member(bot, old_status),
        "new_chat_member": _member(bot, new_status),
    }
    return update(0, my_chat_member=body)


def poll_answer_update(
    sender: dict[str, Any], poll_id: str, option_ids: list[int], *, update_id: int = 0
) -> dict[str, Any]:
    """A vote in a non-anonymous poll (empty option_ids = vote retracted)."""
    answer = {
        "poll_id": poll_id,
        "user": sender,
        "option_ids": option_ids,
        "option_persistent_ids": [str(i) for i in option_ids],
    }
    return update(update_id, poll_answer=answer)

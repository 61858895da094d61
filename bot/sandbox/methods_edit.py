"""Handlers for editing and deleting messages, stopping polls and answering callback queries."""

from __future__ import annotations

import time
from typing import Any

from .context import CallContext, ChatEvent
from .errors import bad_request
from .methods_send import Handler, media_content
from .state import StoredMessage

DELETE_WINDOW = 48 * 3600  # seconds a bot may delete its messages (without admin rights)
MEDIA_KEYS = ("photo", "document", "audio", "video", "animation", "voice", "video_note")
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


def _target(ctx: CallContext, params: dict[str, Any]) -> StoredMessage | None:
    """The bot's own message to edit, or None for inline messages (which the fake doesn't keep)."""
    if "inline_message_id" in params and "chat_id" not in params:
        return None
    stored = ctx.find(params, "to edit")
    if not stored.outgoing:
        raise bad_request("message can't be edited")
    return stored


async def _apply(
    ctx: CallContext, stored: StoredMessage | None, params: dict[str, Any], changes: dict[str, Any]
) -> dict[str, Any] | bool:
    """Apply changes (None values remove keys), refuse no-op edits like Telegram, notify."""
    if stored is None:
        return True
    markup = params.get("reply_markup")
    changes["reply_markup"] = markup if markup and "inline_keyboard" in markup else None
    before = dict(stored.data)
    for key, value in changes.items():
        if value is None or value == []:
            stored.data.pop(key, None)
        else:
            stored.data[key] = value
    if stored.data == before:
        raise bad_request(NOT_MODIFIED)
    stored.data["edit_date"] = int(time.time())
    stored.edited = True
    return await ctx.sent(stored, "edited")


async def edit_text(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any] | bool:
    """editMessageText; without reply_markup the inline keyboard is removed, as on Telegram."""
    if not params.get("text") and "rich_message" not in params:
        raise bad_request("message text is empty")
    stored = _target(ctx, params)
    if stored is not None and "text" not in stored.data:
        raise bad_request("there is no text in the message to edit")
    text, entities = ctx.render(params.get("text", ""), params.get("parse_mode"))
    return await _apply(ctx, stored, params, {"text": text, "entities": entities or None})


async def edit_caption(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any] | bool:
    """editMessageCaption: only media messages have captions."""
    stored = _target(ctx, params)
    if stored is not None and not any(k in stored.data for k in MEDIA_KEYS):
        raise bad_request("there is no caption in the message to edit")
    text, entities = ctx.render(params.get("caption", ""), params.get("parse_mode"))
    changes = {"caption": text or None, "caption_entities": entities or None}
    return await _apply(ctx, stored, params, changes)


async def edit_markup(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any] | bool:
    """editMessageReplyMarkup: replace or remove the inline keyboard."""
    return await _apply(ctx, _target(ctx, params), params, {})


async def edit_media(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any] | bool:
    """editMessageMedia: swap the media (and caption) of a media message."""
    stored = _target(ctx, params)
    if stored is not None and not any(k in stored.data for k in MEDIA_KEYS):
        raise bad_request("there is no media in the message to edit")
    media = params["media"]
    changes: dict[str, Any] = dict.fromkeys(MEDIA_KEYS)
    changes.update(media_content(ctx, media["type"], media["media"]))
    text, entities = ctx.render(media.get("caption", ""), media.get("parse_mode"))
    changes.update(caption=text or None, caption_entities=entities or None)
    return await _apply(ctx, stored, params, changes)


def _may_delete(ctx: CallContext, chat: dict[str, Any], stored: StoredMessage) -> bool:
    """Telegram's rules for bots: an admin of a supergroup or channel may delete any message
    there; otherwise only messages younger than 48 hours, and in groups only the bot's own
    (or any as the group's admin)."""
    admin = ctx.state.members.get((chat["id"], ctx.state.bot_id)) in ("administrator", "creator")
    if admin and chat["type"] in ("supergroup", "channel"):
        return True
    if time.time() - stored.data["date"] >= DELETE_WINDOW:
        return False
    return stored.outgoing or chat["type"] == "private" or admin


async def delete_message(ctx: CallContext, params: dict[str, Any]) -> bool:
    """deleteMessage: mark the message deleted (the web chat hides it)."""
    chat = ctx.chat(params["chat_id"])
    stored = ctx.state.message(chat["id"], params["message_id"])
    if stored is None:
        raise bad_request("message to delete not found")
    if not _may_delete(ctx, chat, stored):
        raise bad_request("message can't be deleted")
    stored.deleted = True
    await ctx.emit(ChatEvent("deleted", ctx.state.token, chat["id"], stored.data))
    return True


async def delete_messages(ctx: CallContext, params: dict[str, Any]) -> bool:
    """deleteMessages: missing messages are skipped, as documented."""
    chat = ctx.chat(params["chat_id"])
    for message_id in params["message_ids"]:
        if stored := ctx.state.message(chat["id"], message_id):
            stored.deleted = True
            await ctx.emit(ChatEvent("deleted", ctx.state.token, chat["id"], stored.data))
    return True


async def stop_poll(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """stopPoll: close the poll and return it."""
    stored = ctx.find(params, "with poll to stop")
    poll = stored.data.get("poll")
    if poll is None:
        raise bad_request("message with poll to stop not found")
    if poll["is_closed"]:
        raise bad_request("poll has already been closed")
    poll["is_closed"] = True
    if markup := params.get("reply_markup"):
        stored.data["reply_markup"] = markup
    await ctx.sent(stored, "edited")
    return dict(poll)


async def answer_callback(ctx: CallContext, params: dict[str, Any]) -> bool:
    """answerCallbackQuery: each query can be answered once, and only if it exists."""
    query_id = params["callback_query_id"]
    if query_id not in ctx.state.callback_queries:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    chat_id = ctx.state.callback_queries.pop(query_id)
    data: dict[str, Any] = {k: params[k] for k in ("text", "show_alert", "url") if k in params}
    await ctx.emit(ChatEvent("callback_answer", ctx.state.token, chat_id, None, data))
    return True


def edit_handlers() -> dict[str, Handler]:
    """Handlers by canonical method name."""
    return {
        "editMessageText": edit_text,
        "editMessageCaption": edit_caption,
        "editMessageReplyMarkup": edit_markup,
        "editMessageMedia": edit_media,
        "deleteMessage": delete_message,
        "deleteMessages": delete_messages,
        "stopPoll": stop_poll,
        "answerCallbackQuery": answer_callback,
    }

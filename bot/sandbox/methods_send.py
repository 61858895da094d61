"""Handlers for the methods that send messages."""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Awaitable, Callable
from typing import Any

from .context import CallContext
from .errors import bad_request
from .objects import file_object, minimal, photo_sizes, poll_object, poll_options
from .voting import check_closing

Handler = Callable[[CallContext, dict[str, Any]], Awaitable[Any]]
COPIED_KEYS = frozenset(
    {"text", "entities", "caption", "caption_entities", "photo", "document", "audio", "video"}
    | {
        "voice",
        "animation",
        "sticker",
        "video_note",
        "location",
        "venue",
        "contact",
        "poll",
        "dice",
    }
)
DICE_MAX = {"🎲": 6, "🎯": 6, "🎳": 6, "🏀": 5, "⚽": 5, "🎰": 64}


def _snake(name: str) -> str:
    """sendVideoNote -> video_note."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


async def _deliver(ctx: CallContext, msg: dict[str, Any]) -> dict[str, Any]:
    """Store an outgoing message and notify subscribers."""
    return await ctx.sent(ctx.state.store(msg, outgoing=True))


def _caption(ctx: CallContext, msg: dict[str, Any], source: dict[str, Any]) -> None:
    """Copy a caption (parsed per parse_mode) from call parameters into a message."""
    if caption := source.get("caption"):
        text, entities = ctx.render(caption, source.get("parse_mode"))
        if text:
            msg["caption"] = text
        if entities:
            msg["caption_entities"] = entities


async def send_message(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """sendMessage: text with parsed entities and an echoed inline keyboard."""
    msg = ctx.new_message(ctx.chat(params["chat_id"]), params)
    text, entities = ctx.render(params["text"], params.get("parse_mode"))
    msg["text"] = text
    if entities or params.get("entities"):
        msg["entities"] = entities or params["entities"]
    if "link_preview_options" in params:
        msg["link_preview_options"] = params["link_preview_options"]
    return await _deliver(ctx, msg)


def media_content(ctx: CallContext, kind: str, value: Any) -> dict[str, Any]:
    """The message field for one media kind (photo sizes, Document, Audio, ...)."""
    stored = ctx.file(value, kind)
    if kind == "photo":
        thumb = ctx.state.add_file(stored.data, "photo", stored.filename, stored.mime_type)
        return {"photo": photo_sizes(ctx.spec, stored, thumb)}
    type_name = ctx.spec.types["Message"].fields[kind].types[0]
    return {kind: file_object(ctx.spec, type_name, stored)}


async def send_media(ctx: CallContext, params: dict[str, Any], method: str) -> dict[str, Any]:
    """sendPhoto/sendDocument/sendAudio/...: store the file and describe it like Telegram."""
    kind = _snake(method[4:])
    msg = ctx.new_message(ctx.chat(params["chat_id"]), params)
    msg.update(media_content(ctx, kind, params[kind]))
    _caption(ctx, msg, params)
    return await _deliver(ctx, msg)


async def send_location(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """sendLocation: a Location object."""
    msg = ctx.new_message(ctx.chat(params["chat_id"]), params)
    msg["location"] = {"latitude": params["latitude"], "longitude": params["longitude"]}
    return await _deliver(ctx, msg)


async def send_venue(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """sendVenue: a Venue plus its Location, as Telegram sends both."""
    msg = ctx.new_message(ctx.chat(params["chat_id"]), params)
    location = {"latitude": params["latitude"], "longitude": params["longitude"]}
    venue = {"location": location, "title": params["title"], "address": params["address"]}
    for key in ("foursquare_id", "foursquare_type", "google_place_id", "google_place_type"):
        if key in params:
            venue[key] = params[key]
    msg.update(venue=venue, location=location)
    return await _deliver(ctx, msg)


async def send_contact(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """sendContact: a Contact object."""
    msg = ctx.new_message(ctx.chat(params["chat_id"]), params)
    keys = ("phone_number", "first_name", "last_name", "vcard")
    msg["contact"] = {k: params[k] for k in keys if k in params}
    return await _deliver(ctx, msg)


async def send_dice(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """sendDice: a random value in the emoji's range."""
    msg = ctx.new_message(ctx.chat(params["chat_id"]), params)
    emoji = params.get("emoji", "🎲")
    msg["dice"] = {"emoji": emoji, "value": secrets.randbelow(DICE_MAX.get(emoji, 6)) + 1}
    return await _deliver(ctx, msg)


async def send_poll(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """sendPoll: a Poll with zero votes; quiz answers must point at existing options."""
    chat = ctx.chat(params["chat_id"])
    options = poll_options(ctx.spec, params["options"], ctx.render)
    correct = params.get("correct_option_ids", [])
    if params.get("type") == "quiz" and not correct:
        raise bad_request("correct_option_ids must be specified for quiz polls")
    if any(not 0 <= i < len(options) for i in correct):
        raise bad_request("wrong correct option ids specified")
    check_closing(params)
    msg = ctx.new_message(chat, params)
    msg["poll"] = poll_object(ctx.spec, params, ctx.render, options)
    ctx.state.polls[msg["poll"]["id"]] = (chat["id"], msg["message_id"])
    return await _deliver(ctx, msg)


async def send_media_group(ctx: CallContext, params: dict[str, Any]) -> list[dict[str, Any]]:
    """sendMediaGroup: one message per item, sharing a media_group_id."""
    chat = ctx.chat(params["chat_id"])
    group_id = str(secrets.randbelow(10**17) + 10**17)
    sent = []
    for item in params["media"]:
        msg = ctx.new_message(chat, params)
        msg.update(media_content(ctx, item["type"], item["media"]), media_group_id=group_id)
        _caption(ctx, msg, item)
        sent.append(await _deliver(ctx, msg))
    return sent


async def copy_message(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """copyMessage: same content, no link to the original; returns MessageId."""
    source = ctx.state.message(ctx.chat(params["from_chat_id"])["id"], params["message_id"])
    if source is None:
        raise bad_request("message to copy not found")
    if source.data.get("has_protected_content"):
        raise bad_request("message can't be copied")
    msg = ctx.new_message(ctx.chat(params["chat_id"]), params)
    msg.update({k: v for k, v in source.data.items() if k in COPIED_KEYS})
    if "caption" in params:
        msg.pop("caption_entities", None)
        _caption(ctx, msg, params)
    await _deliver(ctx, msg)
    return {"message_id": msg["message_id"]}


async def forward_message(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """forwardMessage: same content plus forward_origin."""
    source = ctx.state.message(ctx.chat(params["from_chat_id"])["id"], params["message_id"])
    if source is None:
        raise bad_request("message to forward not found")
    if source.data.get("has_protected_content"):
        raise bad_request("message can't be forwarded")
    msg = ctx.new_message(ctx.chat(params["chat_id"]), params)
    msg.update({k: v for k, v in source.data.items() if k in COPIED_KEYS})
    origin = source.data.get("from") or ctx.me
    msg["forward_origin"] = {"type": "user", "date": source.data["date"], "sender_user": origin}
    return await _deliver(ctx, msg)


async def send_other(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """Any other send* method: a plain message in the right chat."""
    msg = ctx.new_message(ctx.chat(params["chat_id"]), params)
    msg.setdefault("date", int(time.time()))
    return await _deliver(ctx, minimal(ctx.spec, "Message") | msg)


def send_handlers() -> dict[str, Handler]:
    """Handlers by canonical method name."""
    handlers: dict[str, Handler] = {
        "sendMessage": send_message,
        "sendLocation": send_location,
        "sendVenue": send_venue,
        "sendContact": send_contact,
        "sendDice": send_dice,
        "sendPoll": send_poll,
        "sendMediaGroup": send_media_group,
        "copyMessage": copy_message,
        "forwardMessage": forward_message,
    }
    for name in ("Photo", "Document", "Audio", "Video", "Animation", "Voice", "VideoNote"):
        handlers[f"send{name}"] = _media_handler(f"send{name}")
    handlers["sendSticker"] = _media_handler("sendSticker")
    return handlers


def _media_handler(method: str) -> Handler:
    """Bind send_media to one method name."""

    async def handler(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
        return await send_media(ctx, params, method)

    handler.__doc__ = f"{method}: store the file and describe it."
    return handler

"""Handlers for bot settings, chat information, files and other non-message methods."""

from __future__ import annotations

import json
from typing import Any

from .context import CallContext, ChatEvent
from .errors import bad_request
from .methods_send import Handler
from .objects import minimal

ADMIN_STATUSES = ("creator", "administrator")


async def get_me(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """getMe: the bot user derived from the token."""
    return dict(ctx.me)


def _scope_key(params: dict[str, Any]) -> tuple[str, str]:
    """Commands are stored per (scope, language_code), exactly as Telegram looks them up."""
    scope = params.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), params.get("language_code", "")


async def set_my_commands(ctx: CallContext, params: dict[str, Any]) -> bool:
    """setMyCommands."""
    ctx.state.commands[_scope_key(params)] = params["commands"]
    return True


async def get_my_commands(ctx: CallContext, params: dict[str, Any]) -> list[dict[str, Any]]:
    """getMyCommands: the list set for exactly this scope and language, else empty."""
    return list(ctx.state.commands.get(_scope_key(params), []))


async def delete_my_commands(ctx: CallContext, params: dict[str, Any]) -> bool:
    """deleteMyCommands."""
    ctx.state.commands.pop(_scope_key(params), None)
    return True


def _text_setting(field: str) -> tuple[Handler, Handler]:
    """setMy<X>/getMy<X> pairs for description, short_description and name."""

    async def setter(ctx: CallContext, params: dict[str, Any]) -> bool:
        ctx.state.texts[(field, params.get("language_code", ""))] = params.get(field, "")
        return True

    async def getter(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
        value = ctx.state.texts.get((field, params.get("language_code", "")))
        if value is None and field == "name":
            value = ctx.me["first_name"]
        return {field: value or ""}

    setter.__doc__, getter.__doc__ = f"Store the bot's {field}.", f"Return the bot's {field}."
    return setter, getter


async def get_chat(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """getChat: a ChatFullInfo built from what the fake knows about the chat."""
    chat = ctx.chat(params["chat_id"])
    info = minimal(ctx.spec, "ChatFullInfo") | chat
    info.setdefault("max_reaction_count", 11)
    info["max_reaction_count"] = info["max_reaction_count"] or 11
    return dict(info)


def _status(ctx: CallContext, chat: dict[str, Any], user_id: int) -> str:
    """Configured status, else what a fresh chat would say."""
    if status := ctx.state.members.get((chat["id"], user_id)):
        return status
    if user_id == ctx.me["id"]:
        return "member" if chat["type"] == "private" else "administrator"
    if user_id == chat["id"] or user_id in ctx.state.users:
        return "member"
    return "left"


def member_object(ctx: CallContext, chat: dict[str, Any], user_id: int) -> dict[str, Any]:
    """A ChatMember subtype for the user's status in the chat."""
    status = _status(ctx, chat, user_id)
    subtype = ctx.spec.discriminated("ChatMember", "status", status)[0]
    member = minimal(ctx.spec, subtype)
    if user_id == ctx.me["id"]:
        user = ctx.me
    else:
        user = dict(ctx.state.users.get(user_id) or {"id": user_id, "is_bot": False})
        user.setdefault("first_name", f"User {user_id}")
    member["user"] = user
    if status == "administrator":
        member.update({k: True for k in member if k.startswith("can_")})
        member["can_be_edited"] = False
    return dict(member)


async def get_chat_member(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """getChatMember."""
    return member_object(ctx, ctx.chat(params["chat_id"]), params["user_id"])


async def get_chat_administrators(ctx: CallContext, params: dict[str, Any]) -> list[Any]:
    """getChatAdministrators: configured admins plus the bot (which is admin in groups)."""
    chat = ctx.chat(params["chat_id"])
    if chat["type"] == "private":
        raise bad_request("there are no administrators in the private chat")
    ids = [u for (c, u), s in ctx.state.members.items() if c == chat["id"] and s in ADMIN_STATUSES]
    if _status(ctx, chat, ctx.me["id"]) in ADMIN_STATUSES and ctx.me["id"] not in ids:
        ids.append(ctx.me["id"])
    return [member_object(ctx, chat, user_id) for user_id in ids]


async def get_chat_member_count(ctx: CallContext, params: dict[str, Any]) -> int:
    """getChatMemberCount: private chats have two members."""
    chat = ctx.chat(params["chat_id"])
    known = {u for (c, u), s in ctx.state.members.items() if c == chat["id"]}
    return 2 if chat["type"] == "private" else max(len(known | {ctx.me["id"]}), 2)


async def send_chat_action(ctx: CallContext, params: dict[str, Any]) -> bool:
    """sendChatAction: tell the web chat to show "typing..."."""
    chat = ctx.chat(params["chat_id"])
    event = ChatEvent(
        "chat_action", ctx.state.token, chat["id"], None, {"action": params["action"]}
    )
    await ctx.emit(event)
    return True


async def get_file(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """getFile: a File with file_path for /file/bot<token>/<file_path>."""
    stored = ctx.state.files.get(params["file_id"])
    if stored is None:
        raise bad_request("invalid file_id")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.data),
        "file_path": stored.file_path,
    }


async def create_forum_topic(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """createForumTopic: a new thread id from the chat's message counter, like Telegram."""
    chat = ctx.chat(params["chat_id"])
    topic = {
        "message_thread_id": ctx.state.next_message_id(chat["id"]),
        "name": params["name"],
        "icon_color": params.get("icon_color", 7322096),
    }
    if "icon_custom_emoji_id" in params:
        topic["icon_custom_emoji_id"] = params["icon_custom_emoji_id"]
    return topic


async def ok(ctx: CallContext, params: dict[str, Any]) -> bool:
    """Methods that only acknowledge (close, logOut)."""
    return True


def bot_handlers() -> dict[str, Handler]:
    """Handlers by canonical method name."""
    handlers: dict[str, Handler] = {
        "getMe": get_me,
        "logOut": ok,
        "close": ok,
        "setMyCommands": set_my_commands,
        "getMyCommands": get_my_commands,
        "deleteMyCommands": delete_my_commands,
        "getChat": get_chat,
        "getChatMember": get_chat_member,
        "getChatAdministrators": get_chat_administrators,
        "getChatMemberCount": get_chat_member_count,
        "sendChatAction": send_chat_action,
        "getFile": get_file,
        "createForumTopic": create_forum_topic,
    }
    for field, suffix in (
        ("description", "Description"),
        ("short_description", "ShortDescription"),
    ):
        handlers[f"setMy{suffix}"], handlers[f"getMy{suffix}"] = _text_setting(field)
    handlers["setMyName"], handlers["getMyName"] = _text_setting("name")
    return handlers

"""Build the result objects Telegram returns: generic ones from the spec, files, polls."""

from __future__ import annotations

import re
import secrets
import struct
import time
from typing import Any

from .spec import ApiSpec
from .state import StoredFile

_ALWAYS = re.compile(r"\balways (true|false|\"\w+\"|\d+)", re.I)
# Required since Bot API 10.3 (which aiogram 3.31 models) but absent from the vendored 10.1 spec;
# Telegram sends them today, so the fake does too.
NEWER_REQUIRED: dict[str, dict[str, Any]] = {
    "ChatAdministratorRights": {"can_send_welcome_messages": False},
    "ChatMemberAdministrator": {"can_send_welcome_messages": False},
}


def minimal(spec: ApiSpec, type_expr: str, depth: int = 0) -> Any:
    """The smallest valid value of a type: required fields only, constants filled in."""
    if type_expr.startswith("Array of"):
        return []
    if type_expr in ("Boolean", "True"):
        return type_expr == "True"
    if type_expr in ("Integer", "Float"):
        return 0 if type_expr == "Integer" else 0.0
    tdef = spec.types.get(type_expr)
    if type_expr == "String" or tdef is None or depth > 6:
        return ""
    if tdef.subtypes:
        return minimal(spec, tdef.subtypes[0], depth)
    obj: dict[str, Any] = {}
    for f in tdef.fields.values():
        if f.const is not None:
            obj[f.name] = f.const
        elif f.required:
            obj[f.name] = _sensible(f.name, f.description) or minimal(spec, f.types[0], depth + 1)
    return obj | NEWER_REQUIRED.get(type_expr, {})


def _sensible(name: str, description: str) -> Any:
    """Plausible values where zero or empty would look wrong (ids, dates, stated constants)."""
    if m := _ALWAYS.search(description):
        word = m[1].strip('"').lower()
        return {"true": True, "false": False}.get(word, int(word) if word.isdigit() else word)
    return int(time.time()) if name == "date" else None


def bot_user(spec: ApiSpec, bot_id: int, username: str, first_name: str) -> dict[str, Any]:
    """The bot's own User, as getMe returns it."""
    user = minimal(spec, "User")
    user.update(id=bot_id, is_bot=True, first_name=first_name, username=username)
    for flag in ("can_join_groups", "can_read_all_group_messages", "supports_inline_queries"):
        user[flag] = flag == "can_join_groups"
    return user


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG or JPEG, read from its header."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    i = 2 if data[:2] == b"\xff\xd8" else len(data)
    while i + 9 < len(data):
        marker, length = data[i + 1], int.from_bytes(data[i + 2 : i + 4], "big")
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return int(width), int(height)
        i += 2 + length
    return None


def file_object(spec: ApiSpec, type_name: str, stored: StoredFile) -> dict[str, Any]:
    """A Document/Audio/Video/... object for a stored file, with the fields the type has."""
    obj = minimal(spec, type_name)
    fields = spec.types[type_name].fields
    extra = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.data),
        "file_name": stored.filename,
        "mime_type": stored.mime_type,
    }
    obj.update({k: v for k, v in extra.items() if k in fields and v is not None})
    if "width" in fields:
        obj["width"], obj["height"] = image_size(stored.data) or (512, 512)
    return obj


def photo_sizes(spec: ApiSpec, full: StoredFile, thumb: StoredFile) -> list[dict[str, Any]]:
    """Telegram answers a photo with several sizes; a thumbnail and the original will do."""
    big = file_object(spec, "PhotoSize", full)
    small = file_object(spec, "PhotoSize", thumb)
    scale = max(big["width"], big["height"]) / 90 or 1
    small.update(
        width=max(1, round(big["width"] / scale)), height=max(1, round(big["height"] / scale))
    )
    return [small, big]


def poll_object(
    spec: ApiSpec, params: dict[str, Any], render: Any, options: list[dict[str, Any]]
) -> dict[str, Any]:
    """The Poll of a sendPoll call (no votes yet)."""
    poll = minimal(spec, "Poll")
    question, q_entities = render(params["question"], params.get("question_parse_mode"))
    poll.update(
        id=str(secrets.randbelow(10**18) + 10**18),
        question=question,
        options=options,
        total_voter_count=0,
        is_closed=bool(params.get("is_closed", False)),
        is_anonymous=bool(params.get("is_anonymous", True)),
        type=params.get("type", "regular"),
        allows_multiple_answers=bool(params.get("allows_multiple_answers", False)),
    )
    if q_entities:
        poll["question_entities"] = q_entities
    if "allows_revoting" in poll:
        # Spec: defaults to False for quizzes and to True for regular polls.
        default = poll["type"] != "quiz"
        poll["allows_revoting"] = bool(params.get("allows_revoting", default))
    if "members_only" in poll:
        poll["members_only"] = bool(params.get("members_only", poll["members_only"]))
    for key in ("correct_option_ids", "open_period", "close_date"):
        if key in params:
            poll[key] = params[key]
    for key in ("explanation", "description"):
        if key in params:
            text, entities = render(params[key], params.get(f"{key}_parse_mode"))
            poll[key] = text
            if entities:
                poll[f"{key}_entities"] = entities
    return poll


def poll_options(spec: ApiSpec, raw: list[Any], render: Any) -> list[dict[str, Any]]:
    """PollOption objects for the InputPollOptions of a sendPoll call."""
    options = []
    for index, item in enumerate(raw):
        if isinstance(item, str):
            item = {"text": item}
        option = minimal(spec, "PollOption")
        text, entities = render(item["text"], item.get("text_parse_mode"))
        option.update(text=text, voter_count=0)
        if "persistent_id" in option:
            option["persistent_id"] = str(index)
        if entities:
            option["text_entities"] = entities
        options.append(option)
    return options

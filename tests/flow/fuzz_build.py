"""The fuzz test's Update JSON, built from an action against what the bot has shown so far."""

from __future__ import annotations

import copy
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.sandbox import updates
from db.models import PollMessage
from tests.flow.fuzz_support import CHANNEL, CHATS
from tests.flow.harness import TOKEN, Harness


def person(telegram_id: int, language: bool = True) -> dict[str, Any]:
    who = updates.user(telegram_id, "de" if telegram_id % 2 else "tr")
    if not language:
        who.pop("language_code", None)
    return who


def mutate(data: str, pick: int, value: str) -> str:
    """Replace one field of real callback data (the prefix stays, so a handler gets it)."""
    parts = data.split(":")
    index = 1 + pick % (len(parts) - 1) if len(parts) > 1 else 0
    parts[index] = value.replace(":", "")
    return ":".join(parts)[:64]


class FuzzClock:
    """The bot's clock: starts now, moves on as the fuzz test says (throttling reads it)."""

    def __init__(self) -> None:
        self.moment = datetime.now(UTC)

    def now(self) -> datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)


def with_buttons(h: Harness, chat_id: int) -> list[dict[str, Any]]:
    """The chat's newest bot messages that carry buttons (older ones are stale buttons)."""
    return [m for m in h.api.sent_messages(chat_id, TOKEN)[-40:] if m.get("reply_markup")]


async def sent_polls(h: Harness) -> list[tuple[str, int]]:
    """(Telegram poll id, chat id) of every native poll the bot sent."""
    query = select(PollMessage.telegram_poll_id, PollMessage.chat_id)
    async with h.runtime.session_factory() as session:
        return [(poll_id, chat_id) for poll_id, chat_id in await session.execute(query)]


async def build(h: Harness, action: dict[str, Any]) -> dict[str, Any]:
    """The Update JSON for an action."""
    who = person(action["sender"], action["kind"] != "no_language")
    place = action["place"]
    chat = updates.private_chat(who) if place == "private" else CHATS[place]
    kind = action["kind"]
    if kind in ("command", "deep_link"):
        command = "start" if kind == "deep_link" else action["command"]
        return updates.command_update(who, command, action["args"], chat=chat)
    if kind in ("press", "mutated_press", "forged_press"):
        return _press(h, action, who, chat)
    if kind == "edited":
        return updates.update(0, edited_message={
            **updates.message(who, chat, text=action["text"] or "x"), "edit_date": int(time.time())
        })  # fmt: skip
    if kind == "channel_post":
        post = {"message_id": 1, "chat": CHANNEL, "date": int(time.time()), "text": action["text"]}
        return updates.update(0, channel_post=post)
    if kind in ("my_chat_member", "chat_member"):
        return _membership(action, who, chat)
    if kind == "photo":
        return updates.photo_update(who, caption=action["text"][:1024] or None, chat=chat)
    if kind in ("poll_answer", "poll"):
        return _poll(h, await sent_polls(h), action, who)
    return updates.message_update(who, action["text"] or "…", chat=chat)


def _press(h: Harness, action: dict[str, Any], who: dict[str, Any],
           chat: dict[str, Any]) -> dict[str, Any]:  # fmt: skip
    shown = with_buttons(h, chat["id"])
    if not shown:
        return updates.message_update(who, "…", chat=chat)
    message = shown[action["pick"] % len(shown)]
    buttons = [b for row in message["reply_markup"]["inline_keyboard"] for b in row
               if "callback_data" in b]  # fmt: skip
    if action["kind"] == "forged_press" or not buttons:
        data = action.get("data", "x")
    else:
        data = buttons[action["pick"] % len(buttons)]["callback_data"]
        if action["kind"] == "mutated_press":
            data = mutate(data, action["pick"], action["field"])
    return updates.callback_update(who, message, data)


def _membership(action: dict[str, Any], who: dict[str, Any], chat: dict[str, Any]) -> dict:
    status = action["status"] if action["status"] != "administrator" else "member"
    member = updates.my_chat_member_update(who, updates.bot_user(TOKEN), status, chat=chat)
    if action["kind"] == "chat_member":
        body = member.pop("my_chat_member")
        body["new_chat_member"]["user"] = body["old_chat_member"]["user"] = who
        member["chat_member"] = body
    return member


def _poll(h: Harness, sent: list[tuple[str, int]], action: dict[str, Any],
          who: dict[str, Any]) -> dict[str, Any]:  # fmt: skip
    """A vote (random option ids) or a group poll's new totals, for a sent poll or junk."""
    # Mostly a poll in the voter's own chat (others' only count as forwarded copies: never).
    own = [poll for poll in sent if poll[1] == who["id"]]
    if action["kind"] == "poll":  # totals come for the youth groups' polls
        own = [poll for poll in sent if poll[1] < 0]
    choice = own if own and action["pick"] % 4 else sent
    poll_id = choice[action["pick"] % len(choice)][0] if choice else "none"
    state = h.api.state(TOKEN)
    where = state.polls.get(poll_id)
    if action["junk_poll"] is not None:
        poll_id = action["junk_poll"]
    stored = state.message(*where) if where else None
    if action["kind"] == "poll_answer" or stored is None or "poll" not in stored.data:
        return updates.poll_answer_update(who, poll_id, action["options"])
    # Telegram's own poll object with random totals (and sometimes too few or many options).
    poll = copy.deepcopy(stored.data["poll"])
    counts = [abs(n) for n in action["options"]]
    if action["pick"] % 3:
        counts = (counts + [0] * len(poll["options"]))[: len(poll["options"])]
    template = poll["options"][0]
    poll["options"] = [template | {"persistent_id": str(i), "voter_count": n}
                       for i, n in enumerate(counts)]  # fmt: skip
    poll["id"], poll["total_voter_count"] = poll_id, sum(counts)
    return updates.update(0, poll=poll)

"""The fuzz test's ingredients: who acts where, hypothesis strategies, and the Update JSON built."""

from __future__ import annotations

import copy
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import strategies as st
from sqlalchemy import select

from bot.keyboards.callbacks import ALL_CALLBACKS
from bot.sandbox import updates
from db.models import Poll, PollMessage
from tests.flow.harness import TOKEN, Harness
from tests.flow.ideas_support import STAFF_CHAT

RESIDENTS = (5001, 5002, 5003)
MODERATOR, EDITOR, ADMIN = 5010, 5030, 5020
STAFF = (MODERATOR, EDITOR, ADMIN)
CHATS = {
    "group": updates.group_chat(-100111, "Nachbarn", "group"),
    "supergroup": updates.group_chat(-100222, "Forum", "supergroup"),
    "staff": updates.group_chat(STAFF_CHAT, "Team", "supergroup"),
}
CHANNEL = {"id": -100333, "type": "channel", "title": "Amtsblatt"}
PREFIXES = [cls.__prefix__ for cls in ALL_CALLBACKS]
COMMANDS = ["start", "help", "menu", "cancel", "settings", "language", "privacy", "stop",
            "announce", "campaigns", "staff", "mydata", "delete", "ideas", "nonsense",
            "start@OtherBot", "START", "meetings", "newmeeting", "newpoll", "polls", "register",
            "results", "register@OtherBot"]  # fmt: skip
SPECIAL = ["<b>fett</b>", "<script>alert(1)</script>", "&amp; &lt;", "\u202eRTL override",
           "مرحبا بالجميع", "שלום", "zero\u200bwidth\u200d\ufeff", "a" * 4096, "-", "4242",
           "💡" * 50, "\x00", "  ", "Ünïcödé ß", "I-2026-0001", "²", "٣", "9" * 40]  # fmt: skip
# Answers the meeting and poll wizards wait for, right and wrong, so flows get deep.
ANSWERS = ["2026-12-10 18:00", "2027-03-01 09:30", "20:30", "23:59", "9999-12-31 23:00",
           "0001-01-01 00:00", "2026-02-30 10:00", "25", "0", "-3", "100001", "Rathaus Walsum",
           "Friedrich-Ebert-Str. 152, 47179 Duisburg", "Saal, ", ",", "Ja\nNein\nVielleicht",
           "Frage?\nA\nA", "1", "5", "#1", "3 Tage", "x" * 301]  # fmt: skip
# Action and value words of our callback data, to forge presses that reach the handlers.
WORDS = ["list", "card", "reg", "unreg", "remind", "rset", "ics", "map", "rate", "skip", "open",
         "cancel", "sure", "time", "place", "publish", "close", "push", "ok", "no", "member",
         "role", "remove", "withdraw", "district", "filter", "off", "1", "5", "1d", "2h", "1w",
         "walsum", "hamborn", "editor", "admin", "true", "false", ""]  # fmt: skip
KINDS = ["text", "text", "answer", "command", "command", "press", "press", "press",
         "mutated_press", "forged_press", "edited", "channel_post", "my_chat_member",
         "chat_member", "no_language", "photo", "poll_answer", "poll", "deep_link"]  # fmt: skip

# Long texts are a short drawn piece repeated: drawing 4,096 characters one by one made
# hypothesis itself the slowest part of the test (and overran its buffer for most batches).
long_texts = st.builds(lambda piece, times: (piece * times)[:4096],
                       st.text(min_size=1, max_size=6), st.integers(500, 4096))  # fmt: skip
texts = st.one_of(st.text(max_size=60), st.sampled_from(SPECIAL + ANSWERS), long_texts)
fields = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_-:éü²", max_size=12)
numbers = st.one_of(st.integers(-3, 40), st.integers(-(2**64), 2**64)).map(str)


@st.composite
def well_formed(draw: st.DrawFn) -> str:
    """Data one of our classes unpacks: known words and small or huge numbers, any owner's."""
    cls = draw(st.sampled_from(ALL_CALLBACKS))
    parts = [cls.__prefix__]
    for field in cls.model_fields.values():
        if field.annotation is int:
            parts.append(draw(numbers))
        else:
            parts.append(draw(st.one_of(st.sampled_from(WORDS), fields)))
    return ":".join(parts)[:64]


@st.composite
def callback_data(draw: st.DrawFn) -> str:
    """A prefix of ours (or garbage) with random fields, at most 64 bytes."""
    if draw(st.booleans()):
        return draw(well_formed())
    prefix = draw(st.one_of(st.sampled_from(PREFIXES), fields))
    parts = draw(st.lists(st.one_of(fields, numbers), max_size=5))
    data = ":".join([prefix, *parts])
    while len(data.encode()) > 64:
        data = data[:-1]
    return data or "x"


@st.composite
def actions(draw: st.DrawFn) -> dict[str, Any]:
    """One thing a person does; only the ingredients its kind needs are drawn."""
    kind = draw(st.sampled_from(KINDS))
    places = ["private"] * 3 + ["group", "supergroup", "staff"]
    action: dict[str, Any] = {
        "kind": kind,
        "sender": draw(st.sampled_from([*RESIDENTS, *STAFF])),
        "place": draw(st.sampled_from(places)),
        "pick": draw(st.integers(0, 1000)),
        # Seconds on the bot's clock since the last update: mostly calm, sometimes a flood.
        "gap": draw(st.sampled_from([0.0, 0.2, 1.0, 2.0, 2.0, 5.0, 5.0, 30.0, 61.0])),
    }
    if kind in ("text", "edited", "channel_post", "no_language", "photo"):
        action["text"] = draw(texts)
    elif kind == "answer":
        action["text"] = draw(st.sampled_from(ANSWERS))
    elif kind == "command":
        action["command"] = draw(st.sampled_from(COMMANDS))
        action["args"] = draw(st.one_of(st.none(), numbers, texts))
    elif kind == "deep_link":
        action["args"] = "m" + draw(st.one_of(numbers, fields, st.sampled_from(SPECIAL)))
    elif kind == "forged_press":
        action["data"] = draw(callback_data())
    elif kind == "mutated_press":
        action["field"] = draw(st.one_of(numbers, fields, st.sampled_from(SPECIAL[-3:])))
    elif kind in ("my_chat_member", "chat_member"):
        action["status"] = draw(st.sampled_from(["member", "left", "kicked", "administrator"]))
    elif kind in ("poll_answer", "poll"):
        action["options"] = draw(st.lists(st.integers(-2, 14), max_size=4))
        action["junk_poll"] = draw(st.one_of(st.none(), fields))
    return action


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
    """(Telegram poll id, number of options) of every native poll the bot sent."""
    query = select(PollMessage.telegram_poll_id, Poll.option_count).join(Poll)
    async with h.runtime.session_factory() as session:
        return [(poll_id, count) for poll_id, count in await session.execute(query)]


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
    poll_id, _count = sent[action["pick"] % len(sent)] if sent else ("none", 2)
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

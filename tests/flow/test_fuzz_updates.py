"""Hostile and strange updates through the real Dispatcher on the strict fake Bot API.

Hypothesis generates batches of updates: random text (HTML, RTL, zero-width, very long), known
and unknown commands, random and mutated callback data of every prefix, edited messages, channel
posts, membership changes, in private chats, groups, supergroups, channels and the staff chat,
with optional fields left out. Afterwards: no logged error, no API call the fake rejected
(`checked`), and after every update from a resident, no other person's data changed.
FUZZ_UPDATES sets the number of updates (default 300 so the suite stays fast; 10,000 for the
full run recorded in bench/RESULTS.md).
"""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.keyboards.callbacks import ALL_CALLBACKS
from bot.sandbox import updates
from bot.sandbox.server import FakeBotAPI
from db.models import Idea, IdeaReport, IdeaSupport, User, UserTopic
from tests.flow.announce_support import make_staff
from tests.flow.conftest import checked
from tests.flow.harness import TOKEN, Harness
from tests.flow.ideas_support import STAFF_CHAT

TOTAL = int(os.environ.get("FUZZ_UPDATES", "300"))
BATCH = 50
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
            "start@OtherBot", "START"]  # fmt: skip
SPECIAL = ["<b>fett</b>", "<script>alert(1)</script>", "&amp; &lt;", "\u202eRTL override",
           "مرحبا بالجميع", "שלום", "zero\u200bwidth\u200d\ufeff", "a" * 4096, "-", "4242",
           "💡" * 50, "\x00", "  ", "Ünïcödé ß", "I-2026-0001"]  # fmt: skip

texts = st.one_of(
    st.text(max_size=300), st.sampled_from(SPECIAL), st.text(min_size=3000, max_size=4096)
)
senders = st.sampled_from([*RESIDENTS, *STAFF])
places = st.sampled_from(["private", "private", "private", "group", "supergroup", "staff"])
fields = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_-:éü", max_size=20)


@st.composite
def callback_data(draw: st.DrawFn) -> str:
    """A prefix of ours (or garbage) with random fields, at most 64 bytes."""
    prefix = draw(st.one_of(st.sampled_from(PREFIXES), fields))
    parts = draw(st.lists(st.one_of(fields, st.integers(-(2**63), 2**63).map(str)), max_size=6))
    data = ":".join([prefix, *parts])
    while len(data.encode()) > 64:
        data = data[:-1]
    return data or "x"


@st.composite
def actions(draw: st.DrawFn) -> dict[str, Any]:
    """One thing a person does: its kind and ingredients (the update is built at feed time)."""
    kind = draw(st.sampled_from(
        ["text", "text", "command", "command", "press", "press", "mutated_press", "forged_press",
         "edited", "channel_post", "my_chat_member", "chat_member", "no_language", "photo"]
    ))  # fmt: skip
    return {
        "kind": kind,
        "sender": draw(senders),
        "place": draw(places),
        "text": draw(texts),
        "command": draw(st.sampled_from(COMMANDS)),
        "args": draw(st.one_of(st.none(), texts)),
        "data": draw(callback_data()),
        "pick": draw(st.integers(0, 1000)),
        "status": draw(st.sampled_from(["member", "left", "kicked", "administrator"])),
    }


def person(telegram_id: int, language: bool = True) -> dict[str, Any]:
    who = updates.user(telegram_id, "de" if telegram_id % 2 else "tr")
    if not language:
        who.pop("language_code", None)
    return who


def bot_messages(h: Harness, chat_id: int) -> list[dict[str, Any]]:
    return [m for m in h.api.sent_messages(chat_id, TOKEN) if m.get("reply_markup")]


def mutate(data: str, pick: int) -> str:
    """Change one character or one field of real callback data."""
    parts = data.split(":")
    index = pick % len(parts)
    parts[index] = parts[index][::-1] + str(pick) if pick % 2 else str(-pick)
    return ":".join(parts)[:64]


def build(h: Harness, action: dict[str, Any]) -> dict[str, Any]:
    """The Update JSON for an action."""
    who = person(action["sender"], action["kind"] != "no_language")
    place = action["place"]
    chat = updates.private_chat(who) if place == "private" else CHATS[place]
    kind = action["kind"]
    if kind == "command":
        return updates.command_update(who, action["command"], action["args"], chat=chat)
    if kind in ("press", "mutated_press", "forged_press"):
        shown = bot_messages(h, chat["id"])
        if not shown:
            return updates.message_update(who, action["text"], chat=chat)
        message = shown[action["pick"] % len(shown)]
        buttons = [b for row in message["reply_markup"]["inline_keyboard"] for b in row
                   if "callback_data" in b]  # fmt: skip
        if kind == "forged_press" or not buttons:
            data = action["data"]
        else:
            data = buttons[action["pick"] % len(buttons)]["callback_data"]
            data = mutate(data, action["pick"]) if kind == "mutated_press" else data
        return updates.callback_update(who, message, data)
    if kind == "edited":
        return updates.update(0, edited_message={
            **updates.message(who, chat, text=action["text"] or "x"), "edit_date": int(time.time())
        })  # fmt: skip
    if kind == "channel_post":
        post = {"message_id": 1, "chat": CHANNEL, "date": int(time.time()), "text": action["text"]}
        return updates.update(0, channel_post=post)
    if kind in ("my_chat_member", "chat_member"):
        member = updates.my_chat_member_update(
            who, updates.bot_user(TOKEN), action["status"] if action["status"] != "administrator"
            else "member", chat=chat,
        )  # fmt: skip
        if kind == "chat_member":
            body = member.pop("my_chat_member")
            body["new_chat_member"]["user"] = body["old_chat_member"]["user"] = who
            member["chat_member"] = body
        return member
    if kind == "photo":
        return updates.photo_update(who, caption=action["text"][:1024] or None, chat=chat)
    return updates.message_update(who, action["text"] or "…", chat=chat)


async def snapshot(h: Harness) -> dict[int, tuple[Any, ...]]:
    """Each resident's own data (what another person must never change)."""
    async with h.runtime.session_factory() as session:
        users = {u.id: u for u in (await session.execute(select(User))).scalars()}
        owned: dict[int, list[Any]] = {uid: [] for uid in users}
        for table in (UserTopic, IdeaSupport, IdeaReport):
            for row in (await session.execute(select(table))).scalars():
                owned[row.user_id].append((table.__tablename__, *_columns(row)))
        for idea in (await session.execute(select(Idea))).scalars():
            if idea.user_id is not None:
                owned[idea.user_id].append(("idea", idea.id, idea.status, idea.text, idea.topic))
    return {
        u.telegram_id: (u.language, u.district, u.age_group, u.profile_consent_at,
                        u.announcements, u.onboarded, sorted(map(str, owned[uid])))
        for uid, u in users.items()
    }  # fmt: skip


def _columns(row: Any) -> tuple[Any, ...]:
    return tuple(getattr(row, c.key) for c in row.__table__.columns if c.key != "created_at")


@pytest.fixture
async def fuzz_harness(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> AsyncIterator[Harness]:
    async with checked(*fake_api, database_url, staff_chat_id=STAFF_CHAT, admin_ids=[ADMIN],
                       throttle_burst=5, spam_repeats=3) as h:  # fmt: skip
        await make_staff(h, MODERATOR, "moderator")
        await make_staff(h, EDITOR, "editor")
        yield h


fed: dict[str, int] = {"updates": 0}


@settings(
    max_examples=max(1, TOTAL // BATCH), deadline=None, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large],
)  # fmt: skip
@given(batch=st.lists(actions(), min_size=BATCH, max_size=BATCH))
async def test_strange_updates_break_nothing(
    fuzz_harness: Harness, batch: list[dict[str, Any]]
) -> None:
    h = fuzz_harness
    for action in batch:
        before = await snapshot(h) if action["sender"] in RESIDENTS else None
        await h.feed(build(h, action))
        fed["updates"] += 1
        if before is not None:
            after = await snapshot(h)
            others = {k: v for k, v in before.items() if k != action["sender"]}
            assert {k: after.get(k) for k in others} == others, action
    assert not h.errors.records, [r.getMessage() for r in h.errors.records]
    rejected = [(c.method, c.description) for c in h.api.calls(ok=False)]
    assert rejected == [], rejected

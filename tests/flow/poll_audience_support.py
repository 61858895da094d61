"""Helpers for the /newpoll audience tests: an approved youth group, the wizard so far."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from bot.sandbox import updates
from bot.services.polls.input import PollAudience
from db.models import Poll, YouthGroup
from tests.flow.announce_support import EDITOR_ID, make_staff
from tests.flow.harness import TOKEN, Chat, Harness

GROUP = updates.group_chat(-1005550101, "Jugendtreff Mitte")
STALE = "This button is no longer valid."


def plain(html: str) -> str:
    """A catalog text as the chat shows it (tags become formatting)."""
    return re.sub(r"</?b>", "", html)


def got_poll(chat: Chat) -> bool:
    """Whether a native poll arrived in the chat."""
    return any("poll" in m for m in chat.messages())


def group_got_poll(h: Harness) -> bool:
    """Whether the youth group got a (native, anonymous) poll."""
    return any("poll" in m for m in h.api.sent_messages(GROUP["id"], TOKEN))


def now(chat: Chat, message: dict[str, Any]) -> dict[str, Any]:
    """A message as it looks now (edits applied)."""
    return next(m for m in chat.messages() if m["message_id"] == message["message_id"])


async def press_on(chat: Chat, message: dict[str, Any], label: str) -> None:
    """Press a button of that message (other messages came after it)."""
    current = now(chat, message)
    data = next(b["callback_data"] for b in chat.buttons(current) if label in b["text"])
    await chat.press_data(data, current)


async def approved_group(h: Harness) -> None:
    """A youth group the city approved earlier (the bot sits in it)."""
    await h.feed(updates.message_update(updates.user(1990, "tr"), "Merhaba", GROUP))
    async with h.runtime.session_factory() as session:
        session.add(YouthGroup(chat_id=GROUP["id"], title=GROUP["title"], status="approved"))
        await session.commit()


async def staff_in(h: Harness, language: str) -> Chat:
    """An editor whose Telegram speaks `language`."""
    await make_staff(h, EDITOR_ID)
    chat = h.chat(EDITOR_ID, language)
    await chat.send("/start")
    return chat


async def to_audience(h: Harness, staff: Chat, language: str) -> None:
    """/newpoll with a German question and answers, closing in a week, then the audience."""
    await staff.send("/newpoll")
    await staff.send("Soll der Kantpark länger beleuchtet werden?")
    await staff.send("Ja\nNein")
    week = next(b for b in staff.buttons() if b["text"] == h.t("In 1 week", language))
    await staff.press_data(week["callback_data"])  # "in 2 weeks" contains it in some languages
    await staff.press(h.t("Change audience", language))


async def stored_audience(h: Harness) -> PollAudience | None:
    """The audience of the one poll sent, or None if none was stored."""
    async with h.runtime.session_factory() as session:
        poll = (await session.execute(select(Poll))).scalar_one_or_none()
        return None if poll is None else PollAudience.from_json(poll.audience)

"""Helpers for the idea tests: a bot with a staff chat, moderators, stored ideas and notices."""

from __future__ import annotations

import json
import time
from typing import Any

from sqlalchemy import func, select

from bot.delivery.intervals import Intervals
from bot.delivery.pacing import ChatGaps
from bot.delivery.sender import Sender
from bot.sandbox import updates
from db.models import Idea, IdeaEvent, OutboxMessage
from tests.flow.announce_support import make_staff
from tests.flow.harness import TOKEN, Harness

STAFF_CHAT = -1009876543210
MODERATOR_ID = 950
TEXT_DE = "Bitte mehr Fahrradständer am Hauptbahnhof, die jetzigen sind immer voll."


class StaffMember:
    """Someone in the staff group: presses buttons on the bot's messages there and replies."""

    def __init__(self, harness: Harness, telegram_id: int, name: str = "Mira") -> None:
        self.harness = harness
        self.user = updates.user(telegram_id, "de", name)
        self.chat = updates.group_chat(STAFF_CHAT, "Stadtstimme Team")

    def messages(self) -> list[dict[str, Any]]:
        """The bot's messages in the staff chat as they look now."""
        return self.harness.api.sent_messages(STAFF_CHAT, TOKEN)

    def card(self, reference: str) -> dict[str, Any]:
        """The card message of an idea."""
        return next(m for m in self.messages() if reference in m.get("text", ""))

    async def press(self, reference: str, label: str) -> None:
        """Press a button on an idea's card."""
        card = self.card(reference)
        rows = card.get("reply_markup", {}).get("inline_keyboard", [])
        matches = [b for row in rows for b in row if label in b["text"]]
        assert len(matches) == 1, (label, [b["text"] for row in rows for b in row])
        await self.press_data(matches[0]["callback_data"], card)

    async def decide(self, reference: str, label: str, reply: str = "-") -> None:
        """Press a decision on the card and answer the question it asks (comment or "-")."""
        await self.press(reference, label)
        await self.say(reply)

    async def press_data(self, data: str, message: dict[str, Any]) -> None:
        """Send callback data (possibly forged) as a press on `message`."""
        await self.harness.feed(updates.callback_update(self.user, message, data))

    async def say(self, text: str, *, reply: bool = True) -> None:
        """Write in the staff chat, by default as a reply to the bot's newest message."""
        if text.startswith("/"):
            update = updates.command_update(self.user, text[1:], chat=self.chat)
        else:
            content: dict[str, Any] = {"text": text}
            if reply:
                content["reply_to_message"] = self.messages()[-1]
            update = updates.update(0, message=updates.message(self.user, self.chat, **content))
        await self.harness.feed(update)


def alerts(harness: Harness) -> list[str]:
    """Texts of every answer to a button press that said something, oldest first."""
    calls = harness.api.calls("answerCallbackQuery")
    return [c.params["text"] for c in calls if c.params.get("text")]


async def moderator(harness: Harness, telegram_id: int = MODERATOR_ID) -> StaffMember:
    """A moderator in the staff chat."""
    await make_staff(harness, telegram_id, "moderator")
    return StaffMember(harness, telegram_id)


async def stored_ideas(harness: Harness) -> list[Idea]:
    """Every idea, oldest first."""
    async with harness.runtime.session_factory() as session:
        return list((await session.execute(select(Idea).order_by(Idea.id))).scalars())


async def events(harness: Harness, idea_id: int) -> list[IdeaEvent]:
    """An idea's audit log."""
    async with harness.runtime.session_factory() as session:
        query = select(IdeaEvent).where(IdeaEvent.idea_id == idea_id).order_by(IdeaEvent.id)
        return list((await session.execute(query)).scalars())


async def notices(harness: Harness, chat_id: int) -> list[str]:
    """Texts queued in the outbox for one person, oldest first."""
    async with harness.runtime.session_factory() as session:
        query = select(OutboxMessage).where(OutboxMessage.chat_id == chat_id)
        rows = (await session.execute(query.order_by(OutboxMessage.id))).scalars()
        return [json.loads(row.payload or "{}")["text"] for row in rows]


def reference(harness: Harness, number: int = 1) -> str:
    """The reference of the year's idea `number`, the year taken from the bot's clock."""
    return f"I-{harness.runtime.clock.now().year}-{number:04d}"


class NoGaps(ChatGaps):
    """No per-chat gap: these tests are about what is sent, pacing has its own tests."""

    def wait_for(self, chat_id: int, now: float) -> float:
        return 0.0


# These tests are about what is sent: the sender looks and writes every 10 ms instead of
# production's half and quarter second (its timing has its own tests in tests/delivery).
QUICK = Intervals(idle_poll=0.01, flush_every=0.01)


async def deliver(harness: Harness, within: float = 30.0) -> None:
    """Run the outbox sender until nothing is pending any more (staff posts, notices, polls).

    Fails when messages are still waiting after `within` seconds: a test must not go on as
    if they had been sent.
    """
    sender = Sender(harness.runtime, harness.bot, QUICK)
    sender.gaps = NoGaps()
    deadline = time.monotonic() + within

    async def waiting() -> int:
        async with harness.runtime.session_factory() as session:
            pending = OutboxMessage.status.in_(("pending", "sending"))
            return int(await session.scalar(select(func.count()).where(pending)) or 0)

    async def done() -> bool:
        return await waiting() == 0 or time.monotonic() > deadline

    await sender.run_until(done)
    left = await waiting()
    assert left == 0, f"{left} outbox messages still waiting after {within:.0f} s"

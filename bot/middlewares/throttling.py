"""Per-person flood and repeat protection: one polite notice, then silence.

Floods: a token bucket (`burst` updates, then `rate` per second). Repeats: the same free text
sent `repeats` times within `window` seconds in a private chat (staff excepted); from then on that
text is ignored until the window has passed. Commands (/menu, /help, /start …) are never repeats:
they are how people find their way, so repeating one is normal. (Menu buttons are inline
buttons: their presses carry no text and only count for floods.) Time comes from the injectable
clock (workflow data `clock`).
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.types import Chat, TelegramObject, Update, User
from aiogram.utils.i18n import gettext as _

from bot.services.clock import Clock
from bot.services.staff import StaffService

MAX_TRACKED = 50_000
REMEMBERED_TEXTS = 20  # per person; enough to see a repeat among other messages


@dataclass
class _Person:
    tokens: float
    updated: float
    flood_warned: bool = False
    texts: deque[tuple[float, bytes]] = field(
        default_factory=lambda: deque(maxlen=REMEMBERED_TEXTS)
    )
    repeat_warned: set[bytes] = field(default_factory=set)


@dataclass(frozen=True)
class Limits:
    """The settings: THROTTLE_BURST, THROTTLE_RATE, SPAM_REPEATS, SPAM_WINDOW."""

    burst: int
    rate: float
    repeats: int = 3
    window: float = 60.0


class ThrottlingMiddleware(BaseMiddleware):
    """Drop floods and repeated texts per person; say so once."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.people: dict[int, _Person] = {}

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        sender: User | None = data.get("event_from_user")
        if sender is None:
            return await handler(event, data)
        clock: Clock = data["clock"]
        now = clock.now().timestamp()
        person = self._person(sender.id, now)
        if not self._take(person, now):
            if not person.flood_warned:
                person.flood_warned = True
                await self._notice(data, _("You are sending very fast. Please slow down."))
            return None
        chat: Chat | None = data.get("event_chat")
        text = _text_of(event)
        if (
            text is not None
            and not _is_command(text)
            and chat is not None
            and chat.type == "private"
        ):
            key = hashlib.blake2b(" ".join(text.casefold().split()).encode(), digest_size=8)
            # Staff may well send the same text again (drafts, replies); they are not spammers.
            if self._repeated(person, key.digest(), now) and not await _is_staff(data, sender):
                if key.digest() not in person.repeat_warned:
                    person.repeat_warned.add(key.digest())
                    notice = _(
                        "You sent the same message several times. I will ignore it for a minute."
                    )
                    await self._notice(data, notice)
                return None
        return await handler(event, data)

    def _person(self, user_id: int, now: float) -> _Person:
        if len(self.people) > MAX_TRACKED:
            self._forget_idle(now)
        return self.people.setdefault(user_id, _Person(float(self.limits.burst), now))

    def _take(self, person: _Person, now: float) -> bool:
        limits = self.limits
        elapsed = max(0.0, now - person.updated)
        person.tokens = min(limits.burst, person.tokens + elapsed * limits.rate)
        person.updated = now
        if person.tokens >= 1:
            person.tokens -= 1
            person.flood_warned = False
            return True
        return False

    def _repeated(self, person: _Person, key: bytes, now: float) -> bool:
        """Remember the text; True when it is the `repeats`-th copy within the window or later."""
        window = self.limits.window
        while person.texts and now - person.texts[0][0] >= window:
            person.texts.popleft()
        person.texts.append((now, key))
        copies = sum(1 for _moment, seen in person.texts if seen == key)
        if copies < self.limits.repeats:
            person.repeat_warned.discard(key)
            return False
        return True

    def _forget_idle(self, now: float) -> None:
        # A full bucket with no recent text carries no information.
        idle = max(self.limits.burst / self.limits.rate, self.limits.window)
        self.people = {k: p for k, p in self.people.items() if now - p.updated < idle}

    @staticmethod
    async def _notice(data: dict[str, Any], text: str) -> None:
        chat: Chat | None = data.get("event_chat")
        if chat is not None and chat.type == "private":
            bot: Bot = data["bot"]
            await bot.send_message(chat.id, text)


async def _is_staff(data: dict[str, Any], sender: User) -> bool:
    staff: StaffService | None = data.get("staff")
    return staff is not None and await staff.role_of(sender.id) is not None


def _is_command(text: str) -> bool:
    """Whether a command handler would take the text (aiogram's Command filter: "/" first)."""
    return text.startswith("/")


def _text_of(event: TelegramObject) -> str | None:
    """The text or caption of a new message (edits, presses and others: None)."""
    message = event.message if isinstance(event, Update) else None
    if message is None:
        return None
    return message.text or message.caption

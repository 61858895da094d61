"""Per-user flood protection: a token bucket; one polite notice, then silence."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.types import TelegramObject, User
from aiogram.utils.i18n import gettext as _

MAX_TRACKED = 50_000


@dataclass
class _Bucket:
    tokens: float
    updated: float
    warned: bool = False


class ThrottlingMiddleware(BaseMiddleware):
    """Allow a burst of `burst` updates, then `rate` per second, per user."""

    def __init__(self, burst: int, rate: float) -> None:
        self.burst = burst
        self.rate = rate
        self.buckets: dict[int, _Bucket] = {}

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        sender: User | None = data.get("event_from_user")
        if sender is None or self._take(sender.id):
            return await handler(event, data)
        bucket = self.buckets[sender.id]
        if not bucket.warned:
            bucket.warned = True
            bot: Bot = data["bot"]
            chat = data.get("event_chat")
            if chat is not None and chat.type == "private":
                await bot.send_message(chat.id, _("You are sending very fast. Please slow down."))
        return None

    def _take(self, user_id: int) -> bool:
        now = time.monotonic()
        if len(self.buckets) > MAX_TRACKED:
            self._forget_full_buckets(now)
        bucket = self.buckets.setdefault(user_id, _Bucket(float(self.burst), now))
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            bucket.warned = False
            return True
        return False

    def _forget_full_buckets(self, now: float) -> None:
        # A bucket that has refilled completely carries no information.
        refill = self.burst / self.rate
        self.buckets = {k: b for k, b in self.buckets.items() if now - b.updated < refill}

"""Even spacing of sends: a global rate, a pause for 429, and per-chat minimum gaps.

A leaky bucket (aiolimiter) lets a full bucket go out at once; Telegram counts a sliding
second, so a burst after a quiet spell can draw 429s. Evenly spaced slots can't, and a 429
has to stop every sender task at once, which the slot clock does by moving forward.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque

PRIVATE_GAP = 1.0  # Telegram: about one message per second to one private chat
GROUP_GAP = 3.0  # 20 per minute to one group


# Slots a hair wider than 1/rate, so the grid alone stays under the rate.
MARGIN = 0.015
PAID_MARGIN = 0.02
# A loop that comes back late (timer granularity, a claim, a flush) may use the slots of up to
# this share of a second at once instead of losing them (at least one slot).
CATCH_UP = 0.05


class Pacer:
    """Hands out send slots `(1 + margin) / rate` seconds apart on a fixed grid.

    Slots missed a moment ago are still taken. Telegram counts a request when it arrives,
    somewhere between our dispatch and its answer; a stall in either process can bunch
    arrivals. So a slot is only taken while fewer than `rate` requests are in flight or were
    answered within the last second: then no second of arrivals can hold more than `rate`.
    """

    def __init__(self, rate: float, margin: float = MARGIN) -> None:
        self.interval = (1.0 + margin) / rate
        self.catch_up = max(1, int(rate * CATCH_UP)) * self.interval
        self.limit = max(1, int(rate))
        self.in_flight = 0
        self.answered: deque[float] = deque()
        self.freed = asyncio.Event()
        self.next_slot = 0.0
        self.paused_until = 0.0

    def pause_until(self, moment: float) -> None:
        """No slot before `moment` (monotonic seconds): Telegram said retry_after."""
        self.next_slot = max(self.next_slot, moment)
        self.paused_until = max(self.paused_until, moment)

    async def wait(self) -> None:
        """Wait for and take the next slot; pair it with `done()` once the call returned."""
        now = time.monotonic()
        slot = max(now - self.catch_up, self.next_slot)
        self.next_slot = slot + self.interval
        # The loop's timers may fire a hair early; a 429 may have paused everything meanwhile.
        while (until := max(slot, self.paused_until)) > now:
            await asyncio.sleep(until - now)
            now = time.monotonic()
        while self._counted(now) >= self.limit:
            if self.answered:  # the oldest answer leaves the second
                await asyncio.sleep(max(0.0005, self.answered[0] + 1.0 - now))
            else:  # every counted request is still on its way: wait for an answer
                self.freed.clear()
                await self.freed.wait()
            now = time.monotonic()
        self.in_flight += 1

    def done(self) -> None:
        """The request of a slot was answered (or failed)."""
        self.in_flight -= 1
        self.answered.append(time.monotonic())
        self.freed.set()

    def _counted(self, now: float) -> int:
        while self.answered and self.answered[0] <= now - 1.0:
            self.answered.popleft()
        return self.in_flight + len(self.answered)


class ChatGaps:
    """The earliest time each chat may get its next message."""

    def __init__(self) -> None:
        self.ready: dict[int, float] = {}

    def wait_for(self, chat_id: int, now: float) -> float:
        """Seconds until the chat may receive again (0 when it may now)."""
        return max(0.0, self.ready.get(chat_id, 0.0) - now)

    def sent(self, chat_id: int, now: float) -> None:
        """Remember a message to the chat; forget chats whose gap has passed."""
        self.ready[chat_id] = now + (PRIVATE_GAP if chat_id > 0 else GROUP_GAP)
        if len(self.ready) > 100_000:
            self.ready = {chat: at for chat, at in self.ready.items() if at > now}

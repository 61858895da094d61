"""The pacer: slots missed while the loop was busy are caught up, yet no second holds more
than the cap — where the sender decides to send, whatever the loop's stalls."""

from __future__ import annotations

import asyncio
import random
import time

from bot.delivery.pacing import MARGIN, PAID_MARGIN, Pacer
from tests.delivery.test_sender import max_in_any_second


async def paced_sends(pacer: Pacer, count: int, stall: float, seed: int) -> list[float]:
    """Send `count` times; before some sends the loop is busy for up to `stall` seconds."""
    chance = random.Random(seed)
    times = []
    for _ in range(count):
        if chance.random() < 0.3:
            time.sleep(chance.uniform(0, stall))  # noqa: ASYNC251 - a claim or flush holding the loop
        await pacer.wait()
        times.append(time.monotonic())
    return times


def test_limits_never_exceed_the_configured_rate() -> None:
    for rate in (1, 5, 28, 30, 100, 1000):
        for margin in (MARGIN, PAID_MARGIN):
            assert Pacer(rate, margin).limit <= rate


async def test_free_rate_cap_holds_through_stalls() -> None:
    times = await paced_sends(Pacer(28, MARGIN), 70, stall=0.08, seed=1)
    assert max_in_any_second(times) <= 28


async def test_paid_rate_cap_holds_through_stalls() -> None:
    pacer = Pacer(1000, PAID_MARGIN)
    times = await paced_sends(pacer, 2500, stall=0.004, seed=2)
    assert max_in_any_second(times) <= pacer.limit <= 1000


async def test_a_pause_for_429_holds_every_slot_back() -> None:
    pacer = Pacer(1000, PAID_MARGIN)
    await pacer.wait()
    pacer.pause_until(time.monotonic() + 0.3)
    started = time.monotonic()
    await asyncio.gather(*(pacer.wait() for _ in range(5)))
    assert time.monotonic() - started >= 0.29

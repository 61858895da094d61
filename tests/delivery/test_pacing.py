"""The pacer: slots missed while the loop was busy are caught up, yet no second holds more
than the cap where Telegram counts — on arrival, however the two sides stall."""

from __future__ import annotations

import asyncio
import random
import time

from bot.delivery.pacing import MARGIN, PAID_MARGIN, Pacer
from tests.delivery.test_sender import max_in_any_second


class Server:
    """Counts arrivals like Telegram; now and then it stalls and lets requests pile up."""

    def __init__(self, seed: int, stall: float) -> None:
        self.chance = random.Random(seed)
        self.stall = stall
        self.arrivals: list[float] = []
        self.stalled_until = 0.0

    async def request(self, pacer: Pacer) -> None:
        now = time.monotonic()
        if now > self.stalled_until and self.chance.random() < 0.01:
            self.stalled_until = now + self.chance.uniform(0, self.stall)
        # The way there: a millisecond, or until a stall of the server is over.
        await asyncio.sleep(max(self.stalled_until - now, self.chance.uniform(0, 0.002)))
        self.arrivals.append(time.monotonic())
        await asyncio.sleep(self.chance.uniform(0, 0.002))  # the answer's way back
        pacer.done()


async def paced_sends(
    pacer: Pacer, count: int, stall: float, seed: int, busy: float = 0.02
) -> Server:
    """Send `count` times; the sender's loop (before a share `busy` of the sends) and the
    server both stall up to `stall` seconds."""
    chance, server, requests = random.Random(seed), Server(seed, stall), []
    for _ in range(count):
        if chance.random() < busy:
            time.sleep(chance.uniform(0, stall))  # noqa: ASYNC251 - a claim or flush holding the loop
        await pacer.wait()
        requests.append(asyncio.create_task(server.request(pacer)))
    await asyncio.gather(*requests)
    return server


def test_limits_never_exceed_the_configured_rate() -> None:
    for rate in (1, 5, 28, 30, 100, 1000):
        for margin in (MARGIN, PAID_MARGIN):
            assert Pacer(rate, margin).limit <= rate


async def test_free_rate_cap_holds_through_stalls() -> None:
    server = await paced_sends(Pacer(28, MARGIN), 70, stall=0.3, seed=1)
    assert max_in_any_second(server.arrivals) <= 28


async def test_paid_rate_cap_holds_where_telegram_counts_through_stalls() -> None:
    server = await paced_sends(Pacer(1000, PAID_MARGIN), 3000, stall=0.08, seed=2, busy=0.002)
    assert max_in_any_second(server.arrivals) <= 1000


async def test_a_pause_for_429_holds_every_slot_back() -> None:
    pacer = Pacer(1000, PAID_MARGIN)
    await pacer.wait()
    pacer.pause_until(time.monotonic() + 0.3)
    started = time.monotonic()
    await asyncio.gather(*(pacer.wait() for _ in range(5)))
    assert time.monotonic() - started >= 0.29


async def test_with_every_slot_in_flight_the_next_waits_for_an_answer() -> None:
    pacer = Pacer(3, MARGIN)
    for _ in range(3):
        await pacer.wait()  # three requests on their way, none answered
    fourth = asyncio.create_task(pacer.wait())
    await asyncio.sleep(0.5)
    assert not fourth.done()  # a hung request holds its place in the second
    pacer.done()
    await asyncio.sleep(0.2)
    assert not fourth.done()  # answered just now: it counts for a whole second
    await asyncio.wait_for(fourth, 1.5)

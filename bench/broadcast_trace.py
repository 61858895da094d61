"""`--trace` for bench/broadcast.py: where the real Sender's send loop spends its time.

`TracedSender` is `bot.delivery.sender.Sender` with timers around its steps (subclass plus a
temporary wrapper around `outbox.claim_due`); it changes no behaviour. The send loop is one
coroutine beside the claim, writer and housekeeping tasks; time the loop spends anywhere but
its slots (a long step of another task, oversleeping) is sending time lost.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aiogram import Bot

from bot.delivery.claims import Claims
from bot.delivery.pacing import MARGIN, PAID_MARGIN, Pacer
from bot.delivery.render import Renderer
from bot.delivery.sender import MAX_IN_FLIGHT, Sender
from bot.runtime import Runtime
from db.models import OutboxMessage
from db.repositories import outbox


class Trace:
    """Seconds per named step."""

    def __init__(self) -> None:
        self.samples: dict[str, list[float]] = defaultdict(list)

    def add(self, name: str, seconds: float) -> None:
        self.samples[name].append(seconds)

    @contextmanager
    def timed(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - started)

    def summary(self, wall: float) -> list[str]:
        """One line per step: total, share of the wall time, count, median and max."""
        lines = []
        for name, values in sorted(self.samples.items(), key=lambda kv: -sum(kv[1])):
            total = sum(values)
            lines.append(
                f"{name}: {total:.2f} s ({100 * total / wall:.1f} % of {wall:.1f} s), "
                f"{len(values)}×, median {1000 * statistics.median(values):.2f} ms, "
                f"max {1000 * max(values):.1f} ms"
            )
        return lines


class TracedPacer(Pacer):
    """Records how long after its slot each wait returned (timer granularity, busy loop)."""

    def __init__(self, rate: float, trace: Trace, name: str, margin: float = MARGIN) -> None:
        super().__init__(rate, margin)
        self.trace = trace
        self.name = name

    async def wait(self) -> None:
        now, due = time.monotonic(), self.next_slot
        await super().wait()
        if due > now:
            self.trace.add(f"{self.name}: woke late after sleeping", time.monotonic() - due)
        elif due > 0:
            # The loop came back after its slot: that much sending time is gone for good.
            self.trace.add(f"{self.name}: arrived after its slot", now - due)


class TracedSlots(asyncio.Semaphore):
    """Time spent waiting because MAX_IN_FLIGHT requests were under way."""

    def __init__(self, value: int, trace: Trace) -> None:
        super().__init__(value)
        self.trace = trace

    async def acquire(self) -> bool:
        with self.trace.timed("waiting for an in-flight slot"):
            return await super().acquire()


class TracedClaims(Claims):
    """Claims with a timer, and a count of the times the send loop found none waiting."""

    def __init__(self, runtime: Runtime, renderer: Renderer, batch: int, trace: Trace) -> None:
        super().__init__(runtime, renderer, batch)
        self.trace = trace

    async def claim(self) -> bool:
        if not self.rows:
            self.trace.add("claim task: no claimed row was waiting (claims fell behind)", 0.0)
        with self.trace.timed("claim task: claim + load campaigns + commit"):
            return await super().claim()


class TracedSender(Sender):
    """The real Sender with timers; behaviour unchanged."""

    def __init__(self, runtime: Runtime, bot: Bot, trace: Trace) -> None:
        super().__init__(runtime, bot)
        self.trace = trace
        settings = runtime.settings
        self.pacer = TracedPacer(self.rate, trace, "pacer")
        paid_rate = settings.paid_broadcast_rate or self.rate
        self.paid_pacer = TracedPacer(paid_rate, trace, "paid pacer", PAID_MARGIN)
        self.slots = TracedSlots(MAX_IN_FLIGHT, trace)
        self.claims = TracedClaims(runtime, self.renderer, self.claims.batch, trace)

    async def _housekeeping(self) -> None:
        with self.trace.timed("housekeeping task (queue_due, release, finish, progress)"):
            await super()._housekeeping()

    async def _flush(self, only_if_due: bool = False) -> None:
        if only_if_due and not self.results.due():
            return
        name = "writer task: flush outcomes" if only_if_due else "final flush"
        with self.trace.timed(name):
            await super()._flush(only_if_due)

    async def _deliver(self, row: OutboxMessage, pacer: Pacer) -> None:
        with self.trace.timed("request (in flight, concurrent)"):
            await super()._deliver(row, pacer)


@contextmanager
def traced_claims(trace: Trace) -> Iterator[None]:
    """Time `outbox.claim_due` (the sender calls it through the module) and garbage collections."""
    original = outbox.claim_due
    started: dict[str, float] = {}

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started["at"] = time.perf_counter()
        elif "at" in started:
            trace.add(f"garbage collection, generation {info['generation']}",
                      time.perf_counter() - started.pop("at"))  # fmt: skip

    gc.callbacks.append(on_gc)

    async def claim_due(*args: Any, **kwargs: Any) -> list[OutboxMessage]:
        with trace.timed("claim_due (SELECT … FOR UPDATE + UPDATE … IN)"):
            return await original(*args, **kwargs)

    outbox.claim_due = claim_due  # type: ignore[assignment]
    try:
        yield
    finally:
        outbox.claim_due = original  # type: ignore[assignment]
        gc.callbacks.remove(on_gc)

"""Count and time every update; the outermost middleware, so the time includes all others.

Also names the update for log records (bot.logs.CURRENT_UPDATE: update_id and type in JSON
logs). Kept cheap (the update benchmark guards ≤ 3 %): one clock read on each side, label
children looked up once per (type, outcome) and then reused.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.types import TelegramObject, Update

from bot.logs import CURRENT_UPDATE
from bot.ops.metrics import Metrics, UpdateOutcome
from db.outage import is_outage

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class UpdateMetricsMiddleware(BaseMiddleware):
    """stadtstimme_updates_total{type,outcome} and stadtstimme_update_seconds."""

    def __init__(self, metrics: Metrics) -> None:
        self.counters: dict[tuple[str, UpdateOutcome], Any] = {}
        self.metrics = metrics
        self.observe = metrics.update_seconds.observe

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        started = time.perf_counter()
        kind, update_id = _kind(event), getattr(event, "update_id", 0)
        named = CURRENT_UPDATE.set((update_id, kind))
        try:
            result = await handler(event, data)
        except Exception as error:
            self._count(kind, UpdateOutcome.OUTAGE if is_outage(error) else UpdateOutcome.ERROR)
            raise
        else:
            self._count(
                kind, UpdateOutcome.UNHANDLED if result is UNHANDLED else UpdateOutcome.HANDLED
            )
            return result
        finally:
            self.observe(time.perf_counter() - started)
            CURRENT_UPDATE.reset(named)

    def _count(self, kind: str, outcome: UpdateOutcome) -> None:
        counter = self.counters.get((kind, outcome))
        if counter is None:
            counter = self.counters[kind, outcome] = self.metrics.updates.labels(kind, outcome)
        counter.inc()


def _kind(event: TelegramObject) -> str:
    """The update's type (message, callback_query …), a bounded label."""
    if not isinstance(event, Update):
        return type(event).__name__
    try:
        return event.event_type
    except LookupError:  # a type newer than this aiogram
        return "unknown"

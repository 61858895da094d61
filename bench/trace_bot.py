"""`stadtstimme` with step timers: where an update's time goes (bench/updates.py --trace).

Wraps, per update: waiting for the per-person lock, the middleware chain and handler, database
statements and commits, Bot API requests. On exit it writes a summary to $TRACE_OUT.
"""

from __future__ import annotations

import atexit
import contextvars
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiogram.client.session.aiohttp import AiohttpSession
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncSession

from bot.middlewares import database
from db import sqlite_writes

current: contextvars.ContextVar[dict[str, float] | None] = contextvars.ContextVar(
    "current", default=None
)
finished: list[dict[str, float]] = []


def add(name: str, seconds: float) -> None:
    step = current.get()
    if step is not None:
        step[name] = step.get(name, 0.0) + seconds


def timed(name: str, function: Any) -> Any:
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return await function(*args, **kwargs)
        finally:
            add(name, time.perf_counter() - started)

    return wrapper


original_call = database.DatabaseMiddleware.__call__
original_in_session = database.DatabaseMiddleware.in_session


holds: dict[str, list[float]] = defaultdict(list)
original_before = sqlite_writes.WriteTurns.before_statement
original_give_back = sqlite_writes.WriteTurns.give_back


turn_started: dict[int, tuple[float, str]] = {}


def before_statement(self: Any, connection: Any, statement: str) -> None:
    key = sqlite_writes._raw(connection)
    had = key in self.held
    started = time.perf_counter()
    original_before(self, connection, statement)
    if not had and key in self.held:
        add("write turn wait", time.perf_counter() - started)
        turn_started[key] = (time.perf_counter(), " ".join(statement.split()[:4])[:60])


def give_back(self: Any, connection: Any) -> None:
    key = sqlite_writes._raw(connection)
    if key in self.held and key in turn_started:
        at, first = turn_started.pop(key)
        holds[first].append(time.perf_counter() - at)
    original_give_back(self, connection)


sqlite_writes.WriteTurns.before_statement = before_statement  # type: ignore[method-assign]
sqlite_writes.WriteTurns.give_back = give_back  # type: ignore[method-assign]
lags: list[float] = []
monitor: list[Any] = []


async def watch_loop() -> None:
    """How late a 1 ms timer fires: the event loop's lag while updates are handled."""
    import asyncio

    while True:
        started = time.perf_counter()
        await asyncio.sleep(0.001)
        lags.append(time.perf_counter() - started - 0.001)


async def traced_call(self: Any, handler: Any, event_: Any, data: dict[str, Any]) -> Any:
    if not monitor:
        import asyncio

        monitor.append(asyncio.ensure_future(watch_loop()))
    step: dict[str, float] = {"_t0": time.perf_counter()}
    token = current.set(step)
    started = time.perf_counter()
    try:
        return await original_call(self, handler, event_, data)
    finally:
        step["total"] = time.perf_counter() - started
        finished.append(step)
        current.reset(token)


async def traced_in_session(self: Any, *args: Any, **kwargs: Any) -> Any:
    step = current.get()
    if step is not None and "lock wait" not in step:
        step["lock wait"] = time.perf_counter() - step["_t0"]
    return await original_in_session(self, *args, **kwargs)


database.DatabaseMiddleware.in_session = timed("in session", traced_in_session)  # type: ignore[method-assign]
database.DatabaseMiddleware.__call__ = traced_call  # type: ignore[method-assign]
AsyncSession.commit = timed("db commit", AsyncSession.commit)  # type: ignore[method-assign]
AsyncSession.execute = timed("db execute (incl. pool checkout)", AsyncSession.execute)  # type: ignore[method-assign]
AsyncSession.scalar = timed("db execute (incl. pool checkout)", AsyncSession.scalar)  # type: ignore[method-assign]
AiohttpSession.make_request = timed("bot api request", AiohttpSession.make_request)  # type: ignore[method-assign]


@event.listens_for(Engine, "before_cursor_execute")
def _before(conn: Any, cursor: Any, statement: Any, *args: Any) -> None:
    conn.info["t"] = time.perf_counter()


@event.listens_for(Engine, "after_cursor_execute")
def _after(conn: Any, cursor: Any, statement: Any, *args: Any) -> None:
    add("statements (driver, sync side)", time.perf_counter() - conn.info.get("t", 0))
    add("statement count", 1)


def summary() -> None:
    out = os.environ.get("TRACE_OUT")
    if not out or not finished:
        return
    columns: dict[str, list[float]] = defaultdict(list)
    for step in finished:
        for name, value in step.items():
            if not name.startswith("_"):
                columns[name].append(value)
    lines = [f"{len(finished)} updates; per update: mean / p50 / p95 / max (ms; counts as is)"]
    for name, values in sorted(columns.items(), key=lambda kv: -sum(kv[1])):
        values += [0.0] * (len(finished) - len(values))
        values.sort()
        scale = 1 if name == "statement count" else 1000
        figures = (
            statistics.mean(values),
            values[len(values) // 2],
            values[int(0.95 * len(values))],
            values[-1],
        )
        lines.append(f"{name:40s}" + "".join(f" {scale * f:8.1f}" for f in figures))
    lines.append("write turn held, by first write: count, total s, mean ms, max ms")
    for first, values in sorted(holds.items(), key=lambda kv: -sum(kv[1]))[:12]:
        lines.append(
            f"  {first:60s} {len(values):6d} {sum(values):7.2f}"
            f" {1000 * statistics.mean(values):7.1f} {1000 * max(values):7.1f}"
        )
    if lags:
        ordered = sorted(lags)
        lines.append(
            f"event loop lag (1 ms timer), ms: p50 {1000 * ordered[len(ordered) // 2]:.2f}"
            f" p95 {1000 * ordered[int(0.95 * len(ordered))]:.2f} max {1000 * ordered[-1]:.1f}"
        )
    Path(out).write_text("\n".join(lines) + "\n")


atexit.register(summary)

if __name__ == "__main__":
    from bot.cli import main

    main()

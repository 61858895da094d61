"""`stadtstimme` with some of the process tuning undone, to measure each saving.

    BENCH_UNTUNE=response-models,gc-freeze,async-filters python bench/updates.py …

- ``response-models``: aiogram's ``Response[...]`` models are not kept (bot.tuning).
- ``gc-freeze``: start-up objects are not frozen out of the garbage collector (bot.tuning).
- ``async-filters``: every filter goes through aiogram's path for sync callables, a worker
  thread (``asyncio.to_thread``), as our bare FSM states and magic filters once did. The filter
  itself still runs on the loop (the thread waits for it), so this is the thread hop's cost.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiogram.dispatcher.event.handler import FilterObject

from bot import runner


def no_models() -> tuple[type[Any], ...]:
    return ()


def no_freeze() -> None:
    """Leave the collector as Python starts it."""


def through_a_thread() -> None:
    """Run every filter as aiogram runs a sync one: from a worker thread."""
    original = FilterObject.call

    async def call(self: FilterObject, *args: Any, **kwargs: Any) -> Any:
        loop = asyncio.get_running_loop()

        def blocking() -> Any:
            return asyncio.run_coroutine_threadsafe(original(self, *args, **kwargs), loop).result()

        return await asyncio.to_thread(blocking)

    FilterObject.call = call  # type: ignore[method-assign]


UNDO = {name for name in os.environ.get("BENCH_UNTUNE", "").split(",") if name}
if "response-models" in UNDO:
    runner.response_models = no_models
if "gc-freeze" in UNDO:
    runner.freeze_start_up_objects = no_freeze
if "async-filters" in UNDO:
    through_a_thread()

if __name__ == "__main__":
    from bot.cli import main

    main()

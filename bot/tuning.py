"""Process tuning for a long-running bot, applied once start-up is over (each change measured:
bench/RESULTS.md, "Updates")."""

from __future__ import annotations

import gc
import inspect
from typing import Any

import aiogram.methods
from aiogram.methods.base import Response, TelegramMethod


def response_models() -> tuple[type[Any], ...]:
    """Build aiogram's `Response[...]` model for every Bot API method's return type.

    aiogram creates these generic pydantic classes on each call; pydantic caches them only
    weakly, so after a garbage collection the next call rebuilds one (milliseconds each).
    Whoever holds the returned tuple keeps them alive.
    """
    returning = {
        method.__returning__
        for method in vars(aiogram.methods).values()
        if inspect.isclass(method)
        and issubclass(method, TelegramMethod)
        and method is not TelegramMethod
    }
    return tuple(Response[kind] for kind in returning)  # type: ignore[valid-type]


def freeze_start_up_objects() -> None:
    """Move everything start-up created out of the collector's sight.

    Full collections otherwise walk all imported modules, models and catalogs again and again
    and pause the event loop for a noticeable time each.
    """
    gc.collect()
    gc.freeze()

"""Start-up tuning of the bot process (bot.tuning)."""

from __future__ import annotations

import gc

from aiogram.methods.base import Response
from aiogram.types import Message

from bot.tuning import response_models


def test_response_models_stay_built_after_a_garbage_collection() -> None:
    pinned = response_models()
    gc.collect()
    # aiogram asks for Response[Message] on every sendMessage: the same class, not a rebuild.
    assert any(model is Response[Message] for model in pinned)
    assert len(pinned) > 30  # one per distinct return type of the Bot API methods

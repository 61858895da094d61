"""Helpers for the translation flows: the translation tick, run as if the pause a failed idea
waits for had passed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from bot.scheduler import translation_tick
from db.models import TranslationFailure
from tests.flow.harness import Harness


async def tick(h: Harness, *, waited: bool = False) -> int:
    """One run of the translation tick; how many cards it translated. `waited`: every failed
    idea's pause is over (as if its minutes had passed)."""
    if waited:
        async with h.runtime.session_factory() as session:
            past = datetime.now(UTC) - timedelta(seconds=1)
            await session.execute(update(TranslationFailure).values(next_try_at=past))
            await session.commit()
    return await translation_tick(h.runtime)

"""The LibreTranslate fake for in-process CLI tests: CliRunner blocks this thread (the command
runs its own event loop), so the fake serves from a thread and loop of its own."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from tests.translation_fakes import FakeProvider, libretranslate_app, serving


@contextmanager
def libretranslate_in_thread() -> Iterator[FakeProvider]:
    """The fake, answering on fake.url while the block runs."""
    fake = FakeProvider()
    ready, stop = threading.Event(), threading.Event()

    async def serve() -> None:
        async with serving(libretranslate_app(fake), fake):
            ready.set()
            await asyncio.to_thread(stop.wait)

    thread = threading.Thread(target=asyncio.run, args=(serve(),), daemon=True)
    thread.start()
    assert ready.wait(10), "the LibreTranslate fake did not start"
    try:
        yield fake
    finally:
        stop.set()
        thread.join(10)


def translated_pairs(fake: FakeProvider) -> list[tuple[str, str]]:
    """(source, target) of every translation the fake was asked for."""
    return [(r["source"], r["target"]) for r in fake.requests if r["path"] == "/translate"]

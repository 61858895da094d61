"""Staff card with machine translation (issue 21, "Benchmark"): both goals, measured.

Run from the project root::

    python bench/translation.py [--runs 2000] [--residents 10]

1. Cache hit. A fresh migrated SQLite database holds a 2,000-character Turkish idea and its
   German translation, as the translation tick stores it. Timed per run, as `edit_card` renders
   a card: the lookup (`card_translation`) and the card with the translation, against the card
   alone. Goal: ≤ 5 ms added (median and p95).
2. Provider answering in 300 ms. The real Dispatcher against the fake Bot API (as the flow tests
   run it) with the LibreTranslate fake taking 300 ms per text: each of ``--residents`` Turkish
   residents hands in a 2,000-character idea; timed is the last step ("Send" pressed → the bot's
   confirmation), with the provider and without one (TRANSLATE_PROVIDER=none). Goal: the
   resident does not wait for the provider — no request reaches it during a hand-in, and the
   times with and without it are alike. Then the translation tick runs: how long until every
   card's edit with the translation is queued.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.i18n import build_i18n  # noqa: E402
from bot.presentation.idea_translation import with_translation  # noqa: E402
from bot.presentation.ideas import card_text  # noqa: E402
from bot.runner import warm_up_language_detector  # noqa: E402
from bot.sandbox.server import FakeBotAPI  # noqa: E402
from bot.scheduler import translation_tick  # noqa: E402
from bot.services.ideas.card_translation import CardTranslation, card_translation  # noqa: E402
from bot.services.translation.cache import store  # noqa: E402
from bot.services.translation.engine import Provider  # noqa: E402
from db import migrate  # noqa: E402
from db.models import Idea  # noqa: E402
from db.session import create_engine, create_session_factory  # noqa: E402
from tests.flow.announce_support import resident  # noqa: E402
from tests.flow.harness import Harness  # noqa: E402
from tests.flow.ideas_support import STAFF_CHAT, deliver  # noqa: E402
from tests.translation_fakes import FakeProvider, libretranslate_app, serving  # noqa: E402

TEXT = ("Rhein kıyısına daha fazla bank koyun, akşamları çok kalabalık oluyor. " * 40)[:2000]


class Timer:
    """Wall time and this process's CPU time of one block (on a shared host the wall time
    includes waiting for a CPU; the CPU time is what the code itself costs)."""

    def __enter__(self) -> Timer:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def ms(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"{statistics.median(values) * 1000:.2f} ms | {p95 * 1000:.2f} ms"


async def cache_hit(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}")
        await migrate.upgrade(engine)
        factory = create_session_factory(engine)
        i18n = build_i18n("de")
        async with factory() as session:
            idea = Idea(
                reference="I-2026-0001", year=2026, number=1, topic="environment",
                district="mitte", text=TEXT, language="tr", status="submitted",
            )  # fmt: skip
            session.add(idea)
            await session.flush()
            german = ("Mehr Bänke am Rheinufer, abends ist es dort sehr voll. " * 40)[:2200]
            await store(session, Provider.LIBRETRANSLATE, TEXT, "tr", "de", german, idea.id)
            await session.commit()
            plain: list[Timer] = []
            translated: list[Timer] = []
            with i18n.context(), i18n.use_locale("de"):
                for _ in range(runs):
                    with Timer() as alone:
                        with_translation(card_text(idea, b"key"), CardTranslation())
                    with Timer() as both:
                        shown = await card_translation(session, "libretranslate", idea, "de")
                        with_translation(card_text(idea, b"key"), shown)
                    plain.append(alone)
                    translated.append(both)
                    assert shown.translated is not None
        await engine.dispose()
    print(f"\n1. Cache hit, {runs} runs (SQLite)\n")
    print("| | wall median | wall p95 | CPU median | CPU p95 |\n| --- | --- | --- | --- | --- |")
    for name, timers in (("card alone", plain), ("card + cached translation", translated)):
        walls, cpus = [t.wall for t in timers], [t.cpu for t in timers]
        print(f"| {name} | {ms(walls)} | {ms(cpus)} |")
    walls = [t.wall - p.wall for t, p in zip(translated, plain, strict=True)]
    cpus = [t.cpu - p.cpu for t, p in zip(translated, plain, strict=True)]
    added = f"{ms(walls)} | {ms(cpus)}"
    print(f"| added by translation | {added} |")


async def hand_ins(residents: int, provider: FakeProvider | None) -> tuple[list[float], float]:
    """Seconds from "Send" to the confirmation per resident; the tick's seconds (0 without)."""
    api = FakeBotAPI()
    base_url = await api.start()
    extra = (
        {"translate_provider": "libretranslate", "translate_url": provider.url} if provider else {}
    )
    with tempfile.TemporaryDirectory() as folder:
        h = Harness(
            api, base_url, f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}",
            staff_chat_id=STAFF_CHAT, ideas_per_day=100, **extra,
        )  # fmt: skip
        await migrate.upgrade(create_engine(h.settings.database_url))
        await h.start()
        await warm_up_language_detector()  # as start_bot does before taking updates
        waits = []
        for number in range(residents):
            chat = await resident(h, 7000 + number, "tr")
            for step in ("/menu", "💡", "Hand in an idea", "Culture", "Süd"):
                await (
                    chat.send(step)
                    if step.startswith("/")
                    else chat.press(step if step in ("💡", "Süd") else h.t(step, "tr"))
                )
            await chat.send(f"{number + 1}. {TEXT}"[:2000])  # each a text of its own
            await chat.press(h.t("Skip", "tr"))
            await chat.press(h.t("Skip", "tr"))
            start = time.perf_counter()
            await chat.press(h.t("Send", "tr"))
            waits.append(time.perf_counter() - start)
            assert "I-" in chat.last_text()  # the confirmation names the reference
        asked_during_hand_in = provider is not None and any("q" in r for r in provider.requests)
        assert not asked_during_hand_in, "a hand-in waited for the provider"
        await deliver(h)
        start = time.perf_counter()
        done = await translation_tick(h.runtime) if provider else 0
        tick = time.perf_counter() - start
        assert done == (residents if provider else 0)
        await h.stop()
    await api.stop()
    return waits, tick


async def slow_provider(residents: int) -> None:
    fake = FakeProvider(delay=0.3)
    async with serving(libretranslate_app(fake), fake):
        with_provider, tick = await hand_ins(residents, fake)
    without, _none = await hand_ins(residents, None)
    print(f"\n2. Provider answering in 300 ms, {residents} hand-ins each\n")
    print('| "Send" → confirmation | median | p95 |\n| --- | --- | --- |')
    print(f"| LibreTranslate fake, 300 ms per text | {ms(with_provider)} |")
    print(f"| no provider | {ms(without)} |")
    per_card = tick / residents * 1000
    print(f"\nRequests to the provider during the hand-ins: 0. The translation tick afterwards: "
          f"{tick:.2f} s for {residents} cards ({per_card:.0f} ms per card).")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--residents", type=int, default=10)
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    asyncio.run(cache_hit(arguments.runs))
    asyncio.run(slow_provider(arguments.residents))


if __name__ == "__main__":
    main()

"""Time to build our most used keyboards, with our builder and with aiogram's (bench/RESULTS.md).

    python bench/keyboards.py [--rounds 2000]

Each keyboard is built in German, once with ``bot.keyboards.builder.InlineKeyboardBuilder`` and
once with aiogram's own ``export`` (a deep copy) put back; the median of five batches is shown.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiogram.utils import keyboard

from bot.i18n import build_i18n
from bot.keyboards import common, profile
from bot.keyboards.builder import InlineKeyboardBuilder

KEYBOARDS: dict[str, Callable[[], Any]] = {
    "welcome (3 buttons)": common.welcome_keyboard,
    "main menu": common.main_menu_keyboard,
    "consent (onboarding)": lambda: profile.consent_keyboard("onboarding"),
    "districts (onboarding)": lambda: profile.district_keyboard("onboarding"),
    "languages (10 buttons)": common.language_keyboard,
}


def microseconds(build: Callable[[], Any], rounds: int) -> float:
    """Median time of one build over five batches."""
    batches = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(rounds):
            build()
        batches.append((time.perf_counter() - start) / rounds * 1e6)
    return statistics.median(batches)


def main(rounds: int) -> None:
    i18n = build_i18n("de")
    ours_export = InlineKeyboardBuilder.export
    print("| keyboard | buttons | aiogram's builder µs | ours µs | same keyboard |")
    print("| --- | ---: | ---: | ---: | --- |")
    with i18n.context(), i18n.use_locale("de"):
        for name, build in KEYBOARDS.items():
            ours = build()
            InlineKeyboardBuilder.export = keyboard.KeyboardBuilder.export  # type: ignore[method-assign]
            theirs = build()
            theirs_us = microseconds(build, rounds)
            InlineKeyboardBuilder.export = ours_export  # type: ignore[method-assign]
            ours_us = microseconds(build, rounds)
            buttons = sum(len(row) for row in ours.inline_keyboard)
            same = ours.model_dump() == theirs.model_dump()
            print(f"| {name} | {buttons} | {theirs_us:.0f} | {ours_us:.0f} | {same} |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2000)
    main(parser.parse_args().rounds)

"""The Arabic /help lists commands that read "/privacy", not "privacy/", and stay tappable."""

from __future__ import annotations

import re

from bidi import get_display

from bot.services.bidi import ISOLATE_MARKS, LRI, PDI
from tests.flow.harness import Harness

MARKS = re.compile("[" + "".join(sorted(ISOLATE_MARKS)) + "]")


async def test_arabic_help_lines_show_commands_in_their_order(harness: Harness) -> None:
    chat = harness.chat(931, "ar")
    await chat.send("/help")
    lines = [line for line in chat.last_text().splitlines() if "/" in line]
    assert any(f"{LRI}/privacy{PDI}" in line for line in lines)
    for line in lines:
        visual = MARKS.sub("", get_display(line, base_dir="R"))
        command = re.search(r"/[a-z]+", line)
        assert command is not None and command[0] in visual, visual
        assert command[0][1:] + "/" not in visual, visual
        # The command is at the start of a word for Telegram: after the isolate mark.
        assert re.search(rf"(?<![\w/<>]){command[0]}(?![\w/<>])", line)


async def test_german_help_lines_have_no_isolates(harness: Harness) -> None:
    chat = harness.chat(932, "de")
    await chat.send("/help")
    assert "/privacy" in chat.last_text()
    assert not MARKS.search(chat.last_text())

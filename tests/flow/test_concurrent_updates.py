"""Many residents at once (a webhook gets up to 40 in parallel): every one is answered."""

from __future__ import annotations

import asyncio
import re

from tests.flow.harness import Harness


async def test_forty_new_residents_at_once_are_all_greeted(harness: Harness) -> None:
    # Each /start reads the resident (holding the update's connection) and then writes the
    # conversation state. With a second connection per FSM call, 40 updates at once held every
    # pool slot while each waited for one more, until the pool's 30 s timeout.
    chats = [harness.chat(900_000 + n, "tr") for n in range(40)]
    await asyncio.wait_for(asyncio.gather(*(chat.send("/start") for chat in chats)), 20)
    welcome = re.sub("<[^>]+>", "", harness.t("<b>Welcome to Stadtstimme!</b>", "tr"))
    assert all(chat.last_text().startswith(welcome) for chat in chats)


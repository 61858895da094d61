"""Native polls can't be forwarded: a copy would stuff a tally or reach past the audience."""

from __future__ import annotations

import pytest
from aiogram.exceptions import TelegramBadRequest

from bot.services.polls.input import PollAudience
from tests.flow.announce_support import resident
from tests.flow.harness import TOKEN, Harness
from tests.flow.poll_audience_support import GROUP, approved_group
from tests.flow.polls_support import create_poll, deliver, native_poll


async def test_every_native_poll_is_sent_protected_and_cannot_be_forwarded(
    harness: Harness,
) -> None:
    h = harness
    german = await resident(h, 1101, "de")
    await approved_group(h)
    await create_poll(h, show_results=False, audience=PollAudience(groups=True))
    await deliver(h)
    # A second resident opens the poll from the menu: sent directly, not through the outbox.
    turkish = await resident(h, 1102, "tr")
    await turkish.send("/menu")
    await turkish.press("📊")
    await turkish.press("📊 Innenhafen")
    assert native_poll(turkish)["question"].startswith("Innenhafen")

    sent = h.api.calls("sendPoll", ok=True, token=TOKEN)
    chats = {call.params["chat_id"] for call in sent}
    assert chats == {german.id, turkish.id, GROUP["id"]}
    assert all(call.params.get("protect_content") is True for call in sent)

    # As in Telegram, nobody can pass the group's poll on to another chat to vote again there.
    group_poll = next(m for m in h.api.sent_messages(GROUP["id"], TOKEN) if "poll" in m)
    assert group_poll["has_protected_content"] is True
    for method in (h.bot.forward_message, h.bot.copy_message):
        with pytest.raises(TelegramBadRequest, match="can't be"):
            await method(german.id, GROUP["id"], group_poll["message_id"])
    # Those refusals were this test's own probes, not calls the bot made.
    state = h.api.state(TOKEN)
    probes = {"forwardmessage", "copymessage"}
    state.calls = [c for c in state.calls if c.ok or c.method.lower() not in probes]

"""Forged and strange input on meetings and polls: the bot answers kindly and changes nothing."""

from __future__ import annotations

from tests.flow.announce_support import editor, resident
from tests.flow.harness import Harness
from tests.flow.ideas_support import alerts

# Past what the id columns hold: PostgreSQL INTEGER (2**31 - 1), SQLite and BIGINT (2**63 - 1).
HUGE = (str(2**31), str(2**63), str(-(2**63) - 1), "9" * 30)
PRESSES = ("mt:card:{}:", "mt:reg:{}:", "mt:unreg:{}:", "mt:remind:{}:", "mt:rset:{}:off",
           "mt:ics:{}:", "mt:map:{}:", "mt:rate:{}:5", "mt:skip:{}:", "mf:open:{}:",
           "mf:sure:{}:", "mf:publish:{}:", "mf:time:{}:", "pa:close:{}", "pl:{}",
           "cp:cancel:{}", "my:withdraw:{}", "ib:card:{}:-1:n:0:0:")  # fmt: skip


async def test_huge_numbers_in_button_data_are_stale_buttons(harness: Harness) -> None:
    h = harness
    chat = await editor(h)
    for data in PRESSES:
        for number in HUGE:
            await chat.press_data(data.format(number))
    assert alerts(h) == ["This button is no longer valid."] * len(PRESSES) * len(HUGE)

"""A flood gets one polite notice, then silence; normal pace is never throttled."""

from __future__ import annotations

from bot.sandbox.server import FakeBotAPI
from tests.flow.harness import Harness


async def test_flood_gets_one_notice_then_silence(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    api, base_url = fake_api
    harness = Harness(api, base_url, database_url, throttle_burst=5, throttle_rate=0.01)
    await harness.start()
    try:
        chat = harness.chat(601, "en")
        for _ in range(12):
            await chat.send("spam")
        texts = [c.params["text"] for c in api.calls("sendMessage", chat_id=601)]
    finally:
        await harness.stop()
    notices = [t for t in texts if t == "You are sending very fast. Please slow down."]
    assert len(texts) == 6  # five answers within the burst, then exactly one notice
    assert len(notices) == 1
    assert texts[-1] == notices[0]

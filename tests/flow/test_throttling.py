"""Floods and repeated texts get one polite notice, then silence; normal pace is never throttled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.sandbox.server import FakeBotAPI
from tests.flow.conftest import checked
from tests.flow.harness import Harness


async def test_flood_gets_one_notice_then_silence(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    api = fake_api[0]
    async with checked(*fake_api, database_url, throttle_burst=5, throttle_rate=0.01) as harness:
        chat = harness.chat(601, "en")
        for number in range(12):
            await chat.send(f"message {number}")  # all different: a flood, not a repeat
        texts = [c.params["text"] for c in api.calls("sendMessage", chat_id=601)]
    notices = [t for t in texts if t == "You are sending very fast. Please slow down."]
    assert len(texts) == 6  # five answers within the burst, then exactly one notice
    assert len(notices) == 1
    assert texts[-1] == notices[0]


class MovableClock:
    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 28, 12, tzinfo=UTC)

    def now(self) -> datetime:
        return self.moment


async def test_the_same_text_three_times_in_a_minute_is_ignored_after_one_notice(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    async with checked(*fake_api, database_url, spam_repeats=3) as harness:
        await repeats_are_ignored(harness)


async def repeats_are_ignored(harness: Harness) -> None:
    clock = MovableClock()
    harness.dispatcher["clock"] = clock
    chat = harness.chat(602, "en")
    await chat.send("/start")

    def answers() -> list[str]:
        return [c.params["text"] for c in harness.api.calls("sendMessage", chat_id=602)]

    before = len(answers())
    await chat.send("Buy cheap followers now")
    await chat.send("buy cheap   FOLLOWERS now")  # the same text, typed differently
    await chat.send("Buy cheap followers now")
    await chat.send("Buy cheap followers now")
    await chat.send("Buy cheap followers now")
    texts = answers()[before:]
    notice = "You sent the same message several times. I will ignore it for a minute."
    assert len(texts) == 3 and texts[-1] == notice
    await chat.send("/help")  # something else is answered as usual
    assert len(answers()) == before + 4 and notice not in answers()[-1]
    clock.moment += timedelta(seconds=61)
    await chat.send("Buy cheap followers now")
    assert len(answers()) == before + 5 and answers()[-1] != notice


async def test_repeat_limits_are_settings(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    api = fake_api[0]
    async with checked(*fake_api, database_url, spam_repeats=5, spam_window=10) as harness:
        harness.dispatcher["clock"] = clock = MovableClock()
        chat = harness.chat(603, "en")
        for _ in range(4):
            await chat.send("hello?")
        assert len(api.calls("sendMessage", chat_id=603)) == 4
        clock.moment += timedelta(seconds=11)
        for _ in range(5):
            await chat.send("hello?")
        texts = [c.params["text"] for c in api.calls("sendMessage", chat_id=603)]
    assert len(texts) == 9
    assert texts[-1] == "You sent the same message several times. I will ignore it for a minute."


async def test_staff_repeating_a_text_is_not_spam(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    async with checked(*fake_api, database_url, spam_repeats=3) as harness:
        harness.settings.admin_ids = [604]
        chat = harness.chat(604, "en")
        for _ in range(4):
            await chat.send("/campaigns")
        texts = [c.params["text"] for c in harness.api.calls("sendMessage", chat_id=604)]
    assert texts == ["No announcements yet. Create one with /announce."] * 4


async def test_commands_may_be_repeated_freely(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    async with checked(*fake_api, database_url, spam_repeats=3) as harness:
        harness.dispatcher["clock"] = MovableClock()
        chat = harness.chat(605, "en")
        commands = ["/start"] + ["/menu"] * 4 + ["/help"] * 4 + ["/start"] * 3 + ["/nonsense"] * 3
        for command in commands:
            await chat.send(command)
        texts = [c.params["text"] for c in harness.api.calls("sendMessage", chat_id=605)]
        notice = "You sent the same message several times. I will ignore it for a minute."
        assert len(texts) == len(commands) and notice not in texts  # every command answered
        for _ in range(3):
            await chat.send("Buy cheap followers now")  # free text keeps its lock
        texts = [c.params["text"] for c in harness.api.calls("sendMessage", chat_id=605)]
    assert texts[-1] == notice

"""Polls in the fake: close_date limits from the spec, voting rules, the updates Telegram sends."""

from __future__ import annotations

import time

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest

from bot.sandbox import FakeBotAPI, updates
from bot.sandbox.voting import VoteError
from tests.sandbox.fakeapi_support import TOKEN
from tests.sandbox.webchat_support import Sandbox


async def test_close_date_must_lie_within_telegrams_limit(bot: Bot) -> None:
    too_far = int(time.time()) + 2_628_000 + 60
    with pytest.raises(TelegramBadRequest, match="close date"):
        await bot.send_poll(42, "Frage?", ["a", "b"], close_date=too_far)
    fine = await bot.send_poll(42, "Frage?", ["a", "b"], close_date=int(time.time()) + 3600)
    assert fine.poll is not None and fine.poll.close_date is not None


async def test_votes_change_counts_and_send_answer_and_poll_updates(
    fake: FakeBotAPI, bot: Bot
) -> None:
    voter = updates.user(42, "de")
    sent = await bot.send_poll(42, "Frage?", ["a", "b", "c"], is_anonymous=False)
    assert sent.poll is not None
    first = fake.vote(TOKEN, sent.poll.id, voter, [1])
    assert [set(u) - {"update_id"} for u in first] == [{"poll"}, {"poll_answer"}]
    assert first[1]["poll_answer"]["option_ids"] == [1]
    changed = fake.vote(TOKEN, sent.poll.id, voter, [2])
    assert [o["voter_count"] for o in changed[0]["poll"]["options"]] == [0, 0, 1]
    retracted = fake.vote(TOKEN, sent.poll.id, voter, [])
    assert retracted[0]["poll"]["total_voter_count"] == 0
    with pytest.raises(ValueError, match="only one option"):
        fake.vote(TOKEN, sent.poll.id, voter, [0, 1])
    await bot.stop_poll(42, sent.message_id)
    with pytest.raises(ValueError, match="closed"):
        fake.vote(TOKEN, sent.poll.id, voter, [0])


async def test_anonymous_polls_send_only_poll_updates(fake: FakeBotAPI, bot: Bot) -> None:
    sent = await bot.send_poll(-1001, "Frage?", ["a", "b"])
    assert sent.poll is not None and sent.poll.is_anonymous
    result = fake.vote(TOKEN, sent.poll.id, updates.user(7, "de"), [0])
    assert [set(u) - {"update_id"} for u in result] == [{"poll"}]


async def test_quiz_answers_are_final_and_past_close_date_counts_as_closed(
    fake: FakeBotAPI, bot: Bot
) -> None:
    voter = updates.user(42, "de")
    quiz = await bot.send_poll(42, "2+2?", ["3", "4"], type="quiz", correct_option_id=1)
    assert quiz.poll is not None
    fake.vote(TOKEN, quiz.poll.id, voter, [0])
    with pytest.raises(VoteError, match="changing"):
        fake.vote(TOKEN, quiz.poll.id, voter, [1])
    with pytest.raises(VoteError, match="retract"):
        fake.vote(TOKEN, quiz.poll.id, updates.user(43, "de"), [])
    soon = await bot.send_poll(42, "Frage?", ["a", "b"], close_date=int(time.time()) + 60)
    assert soon.poll is not None
    stored = fake.state(TOKEN).message(42, soon.message_id)
    assert stored is not None
    stored.data["poll"]["close_date"] = int(time.time()) - 1  # time has passed
    with pytest.raises(VoteError, match="closed"):
        fake.vote(TOKEN, soon.poll.id, voter, [0])


async def test_web_chat_and_fake_share_one_vote_store(sandbox: Sandbox) -> None:
    """A vote made through FakeBotAPI.vote is the web chat's vote too, and the other way round."""
    ayse = await sandbox.resident("Ayşe")
    sent = await sandbox.bot.send_poll(ayse, "Wann?", ["Mo", "Di"], is_anonymous=False)
    assert sent.poll is not None
    voter = updates.user(ayse, "tr", "Ayşe")
    sandbox.api.vote(TOKEN, sent.poll.id, voter, [0])
    [shown] = [m for m in await sandbox.history(ayse) if "poll" in m]
    assert shown["votes"] == {str(ayse): [0]}
    assert [o["voter_count"] for o in shown["poll"]["options"]] == [1, 0]
    path = f"/sandbox/chats/{ayse}/vote"
    status, body = await sandbox.post(path, {"message_id": sent.message_id, "option_ids": [1]})
    assert status == 200 and body["poll"]["total_voter_count"] == 1  # changed, not added
    assert [o["voter_count"] for o in body["poll"]["options"]] == [0, 1]
    retracted = sandbox.api.vote(TOKEN, sent.poll.id, voter, [])
    assert retracted[-1]["poll_answer"]["option_ids"] == []
    assert retracted[0]["poll"]["total_voter_count"] == 0
    [shown] = [m for m in await sandbox.history(ayse) if "poll" in m]
    assert shown["votes"] == {}

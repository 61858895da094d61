"""Residents get one poll in their language, vote, change and retract; results add up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.keyboards.callbacks import PrivacyCb
from bot.presentation.polls import renderer
from bot.services.polls import closing as poll_closing
from tests.flow.announce_support import resident
from tests.flow.harness import Harness
from tests.flow.polls_support import (
    OPTIONS,
    QUESTIONS,
    create_poll,
    deliver,
    native_poll,
    results,
    vote,
)


async def test_poll_in_three_languages_counts_as_one(harness: Harness) -> None:
    h = harness
    german = await resident(h, 801, "de", district="mitte", age_group="16-17")
    turkish = await resident(h, 802, "tr", district="hamborn")
    arabic = await resident(h, 803, "ar")
    poll = await create_poll(h, show_results=False)
    await deliver(h)

    for chat, language in ((german, "de"), (turkish, "tr"), (arabic, "ar")):
        native = native_poll(chat)
        assert native["question"] == QUESTIONS[language]
        assert [o["text"] for o in native["options"]] == OPTIONS[language]
        assert native["is_anonymous"] is False  # one vote per person
        assert native["close_date"] == int(poll.closes_at.timestamp())

    await vote(h, german, [0])
    await vote(h, turkish, [0])
    await vote(h, arabic, [2])
    counted = await results(h, poll.id)
    assert counted.totals == [2, 0, 1]
    assert counted.voters == 3 and counted.recipients == 3
    assert set(counted.breakdowns["language"]) == {"de", "tr", "ar"}
    assert set(counted.breakdowns["district"]) == {"mitte", "hamborn", "undisclosed"}

    await vote(h, turkish, [1])  # changed their mind
    await vote(h, arabic, [])  # took the vote back
    counted = await results(h, poll.id)
    assert counted.totals == [1, 1, 0] and counted.voters == 2
    await deliver(h)
    assert "poll" in german.last()  # no results message asked for


async def test_voters_see_the_results_once_when_asked_for(harness: Harness) -> None:
    h = harness
    turkish = await resident(h, 811, "tr")
    await create_poll(h, show_results=True)
    await deliver(h)
    await vote(h, turkish, [1])
    await vote(h, turkish, [2])  # a change: no second message
    await deliver(h)
    texts = [m["text"] for m in turkish.messages() if "text" in m]
    thanks = h.t("Thank you, your vote counts!", "tr")
    assert sum(thanks in text for text in texts) == 1
    assert OPTIONS["tr"][1] in texts[-1]
    assert h.t("Answers: {count}.", "tr").format(count=1) in texts[-1]


async def test_closing_stops_the_polls_and_late_votes_are_not_counted(harness: Harness) -> None:
    h = harness
    arabic = await resident(h, 821, "ar")
    german = await resident(h, 822, "de")
    poll = await create_poll(h, show_results=False, push_results=True)
    await deliver(h)
    await vote(h, arabic, [1])
    async with h.runtime.session_factory() as session:
        await poll_closing.close(
            session,
            h.runtime.clock,
            poll.id,
            h.settings.poll_key,
            renderer(h.runtime.i18n),
            actor=1,
        )
    await deliver(h)
    assert native_poll(arabic)["is_closed"] and native_poll(german)["is_closed"]
    # Only the voter gets the results, in Arabic.
    head = h.t("📊 Results: <b>{question}</b>", "ar").format(question=QUESTIONS["ar"])
    assert arabic.last_text().startswith(head.replace("<b>", "").replace("</b>", ""))
    assert "poll" in german.last()

    # A vote that reaches us after closing (Telegram's close raced it) is ignored, kindly.
    update = {
        "poll_id": native_poll(german)["id"],
        "user": german.user,
        "option_ids": [0],
        "option_persistent_ids": ["0"],
    }
    await h.feed({"update_id": 0, "poll_answer": update})
    await deliver(h)
    assert german.last_text() == h.t(
        "Thank you for voting! This poll has already closed, so it was not counted.", "de"
    )
    assert (await results(h, poll.id)).totals == [0, 1, 0]


async def test_an_answer_for_an_unknown_poll_changes_nothing(harness: Harness) -> None:
    h = harness
    german = await resident(h, 831, "de")
    poll = await create_poll(h, closes_at=datetime.now(UTC) + timedelta(days=40))
    await deliver(h)
    assert "close_date" not in native_poll(german)  # beyond Telegram's limit: we stop it
    update = {"poll_id": "999", "user": german.user, "option_ids": [0], "option_persistent_ids": []}
    before = len(german.messages())
    await h.feed({"update_id": 0, "poll_answer": update})
    assert len(german.messages()) == before
    assert (await results(h, poll.id)).voters == 0


async def test_deleting_my_data_deletes_my_votes(harness: Harness) -> None:
    h = harness
    turkish = await resident(h, 841, "tr")
    poll = await create_poll(h, show_results=False)
    await deliver(h)
    await vote(h, turkish, [2])
    assert (await results(h, poll.id)).voters == 1
    await turkish.press_data(PrivacyCb(action="erase").pack())  # "Yes, delete everything"
    assert (await results(h, poll.id)).voters == 0

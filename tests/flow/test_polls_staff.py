"""/newpoll, /results and closing in Telegram; Main menu → Polls for residents."""

from __future__ import annotations

from tests.flow.announce_support import editor, resident
from tests.flow.harness import Chat, Harness
from tests.flow.polls_support import create_poll, deliver, native_poll, results, vote


def preview(chat: Chat) -> str:
    """The newest preview of the poll draft."""
    return next(t for m in reversed(chat.messages()) if "Preview" in (t := m.get("text", "")))


async def test_newpoll_wizard_with_a_turkish_version(harness: Harness) -> None:
    h = harness
    staff = await editor(h)
    turkish = await resident(h, 841, "tr")
    await staff.send("/newpoll")
    await staff.send("x" * 301)
    assert "301" in staff.last_text()  # too long: the step stays
    await staff.send("Was wünschst du dir am Innenhafen & am Hafenbecken?")
    await staff.send("Nur eine Antwort")
    assert staff.last_text() == "Please send at least 2 answers, one per line."
    await staff.send("Mehr Sitzplätze\nSportflächen\n\nMehr Grün")
    await staff.send("01.01.2020 10:00")
    assert staff.last_text() == "That time has already passed. Please choose a later one."
    await staff.press("In 1 week")
    assert "Mehr Grün" in preview(staff)
    assert "All residents who get announcements" in preview(staff)
    await staff.press("Add a language")
    await staff.press("Turkish")
    await staff.send("Innenhafen'da ne görmek istersin?")
    await staff.send("Oturma yeri\nSpor")
    assert staff.last_text() == "Please send exactly 3 answers, as in German."
    await staff.send("Oturma yeri\nSpor alanları\nDaha fazla yeşil")
    assert "Turkish" in preview(staff)
    await staff.press("Allow several answers")
    assert "Multiple answers allowed" in preview(staff)
    await staff.press("Send poll")
    assert any(m.get("text", "").startswith("Poll 1 is on its way.") for m in staff.messages())
    await deliver(h)
    native = native_poll(turkish)
    assert native["question"] == "Innenhafen'da ne görmek istersin?"
    assert native["allows_multiple_answers"] is True
    await vote(h, turkish, [0, 2])
    assert (await results(h, 1)).totals == [1, 0, 1]


async def test_results_and_closing_in_telegram(harness: Harness) -> None:
    h = harness
    staff = await editor(h)
    voters = [await resident(h, 850 + n, "de") for n in range(6)]
    poll = await create_poll(h, show_results=False)
    await deliver(h)
    for n, chat in enumerate(voters):
        await vote(h, chat, [0 if n < 5 else 1])
    await staff.send(f"/results {poll.id}")
    texts = [m.get("text", "") for m in staff.messages()]
    report = next(t for t in texts if t.startswith(f"📊 Poll {poll.id}"))
    # The editor is a resident too and got the poll.
    assert "Answered: 6 of 7 residents who received the poll (turnout 86%)." in report
    # One language only: its row is the totals again, so it is hidden whole.
    assert "\u2068German\u2069: • · • · • (•)" in report
    assert "photo" in staff.last()  # the chart
    await staff.press("Close and send results")
    assert staff.last_text() == (
        f"Poll {poll.id} is closed. Votes from now on are not counted.\n"
        "The results are on their way to everyone who took part."
    )
    await deliver(h)
    assert native_poll(voters[0])["is_closed"]
    assert voters[0].last_text().startswith("📊")
    await staff.send("/results 99")
    assert staff.last_text() == "Please give the number of a poll, e.g. /results 3."


async def test_residents_find_open_polls_in_the_menu(harness: Harness) -> None:
    h = harness
    arabic = await resident(h, 861, "ar")
    poll = await create_poll(h, show_results=False)
    await arabic.send("/menu")
    await arabic.press("📊")
    await arabic.press(poll_button := "📊 ماذا")
    assert poll_button
    assert native_poll(arabic)["question"].startswith("ماذا")
    await vote(h, arabic, [1])
    assert (await results(h, poll.id)).totals == [0, 1, 0]
    await arabic.send("/menu")
    await arabic.press("📊")
    empty = h.t(
        "<b>Polls</b>\n\nThere is no open poll for you right now. Thanks for taking part!", "ar"
    )
    assert arabic.last_text() == empty.replace("<b>", "").replace("</b>", "")


async def test_residents_cannot_use_staff_commands_or_forged_presses(harness: Harness) -> None:
    h = harness
    german = await resident(h, 871, "de")
    poll = await create_poll(h)
    await german.send("/newpoll")
    assert "question" not in german.last_text()
    await german.press_data(f"pa:close:{poll.id}")
    await german.press_data("pl:999")
    async with h.runtime.session_factory() as session:
        from db.repositories import polls as repo

        stored = await repo.get(session, poll.id)
        assert stored is not None and stored.status == "open"

"""Poster deep links, the feedback question after a meeting, district subscriptions, changes."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.presentation.meetings import notice_renderer
from bot.services.meetings import changes as meeting_changes
from bot.services.meetings.changes import Change
from db.models import MeetingFeedback
from tests.flow.announce_support import resident
from tests.flow.harness import Harness
from tests.flow.meetings_support import (
    BERLIN,
    START,
    FixedClock,
    button_data,
    planned,
    publish,
    queued,
    tick,
    with_clock,
)


async def test_deep_link_for_a_new_and_a_known_person(harness: Harness) -> None:
    h = harness
    await with_clock(h, FixedClock())
    meeting_id = await publish(h)
    newcomer = h.chat(710, "tr")
    await newcomer.send(f"/start m{meeting_id}")
    welcome = h.t("<b>Welcome to Stadtstimme!</b>", "tr")[3:-4]
    assert welcome in newcomer.last_text()  # onboarding first
    await newcomer.press(h.t("Continue", "tr"))
    await newcomer.press(h.t("Skip", "tr"))  # no profile
    card = newcomer.last_text()
    assert "Bürgerforum Hamborn (TR)" in card and "3 Aralık 2026 Perşembe 18:00" in card
    await newcomer.press(h.t("I'll come", "tr"))
    assert h.t("You are registered.", "tr") in newcomer.last_text()

    known = await resident(h, 711, "de")
    await known.press(h.t("Continue", "de"))
    await known.press(h.t("Skip", "de"))
    await known.send(f"/start m{meeting_id}")
    assert "Donnerstag, 3. Dezember 2026, 18:00" in known.last_text()
    await known.send(f"/start m{meeting_id + 50}")
    text = known.last_text()
    assert h.t("Sorry, this meeting is no longer available.", "de") in text
    assert h.t("Upcoming meetings", "de") in text and "Bürgerforum Hamborn" in str(known.buttons())

    render = notice_renderer(h.runtime.i18n, BERLIN)
    async with h.runtime.session_factory() as session:
        await meeting_changes.cancel(session, h.runtime.clock, meeting_id, render, "de", actor=1)
    await known.send(f"/start m{meeting_id}")
    assert h.t("Sorry, this meeting is no longer available.", "de") in known.last_text()
    assert h.t("No upcoming meetings at the moment.", "de") in known.last_text()
    (cancelled,) = await queued(h, 710)
    assert h.t("This meeting has been cancelled. We are sorry.", "tr") in cancelled["text"]


async def test_feedback_two_hours_after_the_end_in_arabic(harness: Harness) -> None:
    h = harness
    clock = FixedClock()
    await with_clock(h, clock)
    meeting_id = await publish(h)
    chat = await resident(h, 720, "ar")
    await chat.press_data(f"mt:reg:{meeting_id}:")
    clock.moment = START + timedelta(hours=3)  # the bot was down: the reminders are too late
    await tick(h)
    assert await queued(h, 720) == []
    clock.moment = START + timedelta(hours=4, seconds=-30)  # ends 20:00, asked at 22:00
    await tick(h)
    (feedback,) = await queued(h, 720)
    assert (
        "\u200f"  # the line reads right-to-left; the German title is isolated
        + h.t("How was <b>{title}</b>? Please rate it from 1 to 5.", "ar").format(
            title="\u2068Bürgerforum Hamborn\u2069"
        )
        == feedback["text"]
    )
    clock.moment = START + timedelta(hours=4)
    await chat.press_data(button_data(feedback, "4"))
    assert h.t("Thank you! If you like, write a short comment now – or tap Skip.", "ar") in (
        chat.last_text()
    )
    await chat.send("القاعة كانت باردة")
    assert chat.last_text() == h.t("Thank you for your feedback!", "ar")
    async with h.runtime.session_factory() as session:
        stored = (await session.execute(select(MeetingFeedback))).scalar_one()
    assert (stored.rating, stored.comment) == (4, "القاعة كانت باردة")


async def test_reminders_go_out_once_never_for_an_old_time(harness: Harness) -> None:
    h = harness
    clock = FixedClock()
    await with_clock(h, clock)
    meeting_id = await publish(h)
    chat = await resident(h, 730, "de")
    await chat.press_data(f"mt:reg:{meeting_id}:")
    clock.moment = START - timedelta(days=1, seconds=40)
    await tick(h)
    await tick(h)  # a second tick queues nothing twice
    (reminder,) = await queued(h, 730)
    assert h.t("Reminder: you are registered for this meeting.", "de") in reminder["text"]

    render = notice_renderer(h.runtime.i18n, BERLIN)
    later = START + timedelta(days=7)
    async with h.runtime.session_factory() as session:
        await meeting_changes.change(
            session, clock, meeting_id, Change(starts=later), render, "de", actor=1
        )
    (notice,) = await queued(h, 730)  # the stale reminder is withdrawn, the change told
    assert "Donnerstag, 3. Dezember 2026, 18:00" in notice["text"]
    assert "Donnerstag, 10. Dezember 2026, 18:00" in notice["text"]
    assert [kind for kind, _due in await planned(h, meeting_id)] == ["1d", "2h", "feedback"]


async def test_district_subscription_from_settings(harness: Harness) -> None:
    h = harness
    await with_clock(h, FixedClock())
    chat = await resident(h, 740, "tr")
    await chat.send("/settings")
    await chat.press(h.t("New meetings", "tr"))
    await chat.press(h.t("Hamborn", "tr"))
    assert chat.last_text() == h.t(
        "Done: I will tell you about new meetings in {district}.", "tr"
    ).format(district=h.t("Hamborn", "tr"))
    await publish(h, title="Forum Mitte", district="mitte")
    meeting_id = await publish(h)
    (notice,) = await queued(h, 740)
    assert h.t("New meeting in your district:", "tr") in notice["text"]
    assert "Bürgerforum Hamborn (TR)" in notice["text"]
    assert [kind for kind, _due in await planned(h, meeting_id)] == ["3d"]

    await chat.send("/settings")
    await chat.press(h.t("New meetings", "tr"))
    await chat.press(h.t("Off", "tr"))
    assert await planned(h, meeting_id) == []

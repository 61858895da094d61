"""Editors: /newmeeting step by step, /meetings to change the time and to cancel."""

from __future__ import annotations

from sqlalchemy import select

from bot.sandbox import updates
from db.models import Meeting
from tests.flow.announce_support import editor, resident
from tests.flow.harness import Harness
from tests.flow.ideas_support import alerts
from tests.flow.meetings_support import FixedClock, planned, publish, queued, with_clock


async def test_new_meeting_wizard_publishes_and_links(harness: Harness) -> None:
    h = harness
    await with_clock(h, FixedClock())
    subscriber = await resident(h, 760, "tr")
    await subscriber.send("/settings")
    await subscriber.press(h.t("New meetings", "tr"))
    await subscriber.press(h.t("Walsum", "tr"))

    chat = await editor(h)
    await chat.send("/newmeeting")
    assert chat.last_text() == "New meeting. What is its title (German)?"
    await chat.send("Bürgerforum <Walsum>")
    await chat.press("Skip")  # no description
    await chat.press("Walsum")
    await chat.send("Rathaus Walsum")
    await chat.send("Friedrich-Ebert-Str. 152, 47179 Duisburg")
    await chat.send_update(updates.location_update(chat.user, 51.53, 6.69))
    await chat.send("2020-12-10 18:00")  # in the past
    assert chat.last_text().startswith("That does not fit, please try again.")
    await chat.send("2026-12-10 18:00")
    await chat.send("17:00")  # before the start
    assert chat.last_text().startswith("That does not fit")
    await chat.send("20:30")
    await chat.send("0")
    assert chat.last_text().startswith("That does not fit")
    await chat.send("25")
    summary = chat.last_text()
    assert "Bürgerforum <Walsum>" in summary
    assert "Thursday, December 10, 2026, 6:00\u202fPM" in summary
    await chat.press("Publish now")
    async with h.runtime.session_factory() as session:
        meeting = (await session.execute(select(Meeting))).scalar_one()
    assert (meeting.status, meeting.capacity, meeting.district) == ("published", 25, "walsum")
    assert (meeting.latitude, meeting.longitude) == (51.53, 6.69)
    assert f"https://t.me/StadtstimmeBot?start=m{meeting.id}" in chat.last_text()
    (notice,) = await queued(h, 760)
    assert "Bürgerforum &lt;Walsum&gt;" in notice["text"]


async def test_change_time_and_cancel_from_meetings(harness: Harness) -> None:
    h = harness
    await with_clock(h, FixedClock())
    meeting_id = await publish(h)
    person = await resident(h, 770, "ar")
    await person.press_data(f"mt:reg:{meeting_id}:")
    await person.press_data(f"mf:sure:{meeting_id}:")  # a resident forging a staff press
    assert [kind for kind, _due in await planned(h, meeting_id)] == ["1d", "2h", "feedback"]

    chat = await editor(h)
    await chat.send("/meetings")
    await chat.press("Bürgerforum Hamborn")
    assert "Registered: 1 · waiting: 0" in chat.last_text()
    await chat.press("Change time")
    await chat.send("tomorrow")
    assert chat.last_text().startswith("Please write the start like")
    await chat.send("2026-12-04 19:00")
    assert "Changed. 1 person is told." in [m.get("text") for m in chat.messages()]
    (changed,) = await queued(h, 770)
    assert h.t("This meeting has changed. Before: {before}", "ar").split("{")[0] in changed["text"]

    await chat.press("Cancel meeting")
    await chat.press("Yes, cancel, tell everyone")
    assert alerts(h)[-1] == "Cancelled. 1 person is told."
    assert await planned(h, meeting_id) == []
    texts = [q["text"] for q in await queued(h, 770)]
    assert h.t("This meeting has been cancelled. We are sorry.", "ar") in texts[-1]

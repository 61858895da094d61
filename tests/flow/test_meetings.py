"""Residents and meetings: list, card, registration, reminders, waiting list, calendar, map."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar

from tests.flow.announce_support import resident
from tests.flow.harness import TOKEN, Chat, Harness
from tests.flow.ideas_support import alerts
from tests.flow.meetings_support import (
    START,
    FixedClock,
    button_data,
    planned,
    publish,
    queued,
    with_clock,
)


async def open_meetings(chat: Chat) -> None:
    await chat.send("/menu")
    await chat.press("🗓")


async def test_list_card_register_reminders_and_cancel_in_german(harness: Harness) -> None:
    h = harness
    await with_clock(h, FixedClock())
    await publish(h, title="Forum Mitte", district="mitte", starts=START - timedelta(days=1))
    meeting_id = await publish(h, capacity=30, accessibility={"de": "Stufenloser Zugang"})
    chat = await resident(h, 700, "de", district="hamborn")
    await open_meetings(chat)
    labels = [b["text"] for b in chat.buttons()]
    assert "Bürgerforum Hamborn" in labels[0] and "Forum Mitte" in labels[1]  # own district first

    await chat.press("Bürgerforum Hamborn")
    card = chat.last_text()
    assert "Donnerstag, 3. Dezember 2026, 18:00 – 20:00" in card
    assert "Rathaus Hamborn, Duisburger Str. 213" in card and "Stufenloser Zugang" in card
    assert h.t("Free places: {count}", "de").format(count=30) in card

    await chat.press(h.t("I'll come", "de"))
    assert alerts(h)[-1] == h.t("See you there! You are registered.", "de")
    assert h.t("You are registered.", "de") in chat.last_text()
    assert h.t("Free places: {count}", "de").format(count=29) in chat.last_text()
    assert [kind for kind, _due in await planned(h, meeting_id)] == ["1d", "2h", "feedback"]

    await chat.press(h.t("Remind me", "de"))
    await chat.press(h.t("1 week before", "de"))
    due = dict(await planned(h, meeting_id))
    assert due["1w"] == START.astimezone(UTC) - timedelta(days=7)
    await chat.press(h.t("No reminders", "de"))
    assert [kind for kind, _due in await planned(h, meeting_id)] == ["feedback"]
    await chat.press(h.t("Back", "de"))

    await chat.press(h.t("I can't come after all", "de"))
    assert h.t("I'll come", "de") in chat.buttons()[0]["text"]
    assert await planned(h, meeting_id) == []


async def test_waiting_list_promotion_in_turkish(harness: Harness) -> None:
    h = harness
    await with_clock(h, FixedClock())
    meeting_id = await publish(h, capacity=1)
    first = await resident(h, 701, "de")
    await open_meetings(first)
    await first.press("Bürgerforum Hamborn")
    await first.press(h.t("I'll come", "de"))

    waiting = await resident(h, 702, "tr")
    await open_meetings(waiting)
    await waiting.press("Bürgerforum Hamborn (TR)")  # the Turkish title
    assert h.t("Fully booked – waiting list open", "tr") in waiting.last_text()
    await waiting.press(h.t("Join the waiting list", "tr"))
    assert h.t("You are on the waiting list.", "tr") in waiting.last_text()

    await first.press(h.t("I can't come after all", "de"))
    (notice,) = await queued(h, 702)
    assert h.t("A place has become free for you – you are registered now.", "tr") in notice["text"]
    assert "3 Aralık 2026 Perşembe" in notice["text"] and "(TR)" in notice["text"]
    assert [kind for kind, _due in await planned(h, meeting_id)] == ["1d", "2h", "feedback"]

    await waiting.press_data(button_data(notice, h.t("Give my place back", "tr")))
    assert alerts(h)[-1] == h.t("Okay, your place is free again. Thank you for telling us.", "tr")
    assert await planned(h, meeting_id) == []


async def test_calendar_file_and_map_in_arabic(harness: Harness) -> None:
    h = harness
    await with_clock(h, FixedClock())
    with_map = await publish(h, location=(51.4934, 6.7766), description={"de": "Thema: Radwege"})
    await publish(h, title="Forum ohne Karte", starts=START + timedelta(days=1))
    chat = await resident(h, 703, "ar")
    await open_meetings(chat)
    await chat.press("Bürgerforum Hamborn")
    await chat.press(h.t("Add to calendar", "ar"))
    document = chat.last()["document"]
    assert document["file_name"] == f"meeting-{with_map}.ics"
    data = h.api.state(TOKEN).files[document["file_id"]].data
    event = next(iter(icalendar.Calendar.from_ical(data).walk("VEVENT")))
    assert event["DTSTART"].dt == datetime(2026, 12, 3, 17, 0, tzinfo=UTC)
    assert event["DTEND"].dt == datetime(2026, 12, 3, 19, 0, tzinfo=UTC)
    assert str(event["SUMMARY"]) == "Bürgerforum Hamborn"  # no Arabic title: German
    assert str(event["LOCATION"]) == "Rathaus Hamborn, Duisburger Str. 213, 47166 Duisburg"
    assert str(event["DESCRIPTION"]) == "Thema: Radwege"
    alarm = next(iter(event.walk("VALARM")))
    assert alarm["TRIGGER"].dt == -timedelta(hours=2)

    await chat.press(h.t("Show on map", "ar"))
    venue = h.api.calls("sendVenue")[-1].params
    assert (venue["latitude"], venue["longitude"]) == (51.4934, 6.7766)
    assert venue["title"] == "Rathaus Hamborn"

    await open_meetings(chat)
    await chat.press("Forum ohne Karte")
    await chat.press(h.t("Show on map", "ar"))
    assert alerts(h)[-1] == h.t("There is no map location for this meeting yet.", "ar")
    assert len(h.api.calls("sendVenue")) == 1


async def test_forged_and_stale_presses_change_nothing(harness: Harness) -> None:
    h = harness
    await with_clock(h, FixedClock())
    meeting_id = await publish(h)
    chat = await resident(h, 704, "de")
    await chat.press_data(f"mt:reg:{meeting_id + 99}:")
    assert alerts(h)[-1] == h.t("Sorry, this meeting is no longer available.", "de")
    assert h.t("Upcoming meetings", "de") in chat.last_text()  # the list instead
    await chat.press_data(f"mt:unreg:{meeting_id}:")
    assert alerts(h)[-1] == h.t("You are not registered for this meeting.", "de")
    await chat.press_data(f"mt:rate:{meeting_id}:5")  # not registered, not over
    assert alerts(h)[-1] == h.t("This button is no longer valid.", "de")
    await chat.press_data("ms:atlantis")
    assert alerts(h)[-1] == h.t("This button is no longer valid.", "de")
    await chat.press_data(f"mt:reg:{meeting_id}:")
    await chat.press_data(f"mt:reg:{meeting_id}:")  # a twin press
    assert alerts(h)[-1] == h.t("You are already on the list for this meeting.", "de")
    assert [kind for kind, _due in await planned(h, meeting_id)] == ["1d", "2h", "feedback"]

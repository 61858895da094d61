"""Forged and strange input on meetings and polls: the bot answers kindly and changes nothing."""

from __future__ import annotations

from sqlalchemy import select

from bot.sandbox import updates
from bot.services.audience import Audience
from bot.services.polls.input import PollAudience
from db.models import Meeting, Poll, YouthGroup
from tests.flow.announce_support import editor, make_staff, remove_staff, resident
from tests.flow.harness import Harness
from tests.flow.ideas_support import alerts
from tests.flow.meetings_support import FixedClock, publish, with_clock
from tests.flow.polls_support import create_poll, deliver, native_poll, results

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


async def test_new_meeting_rejects_oversized_and_far_off_answers(harness: Harness) -> None:
    h = harness
    await with_clock(h, FixedClock())
    chat = await editor(h)
    await chat.send("/newmeeting")
    await chat.send("Bürgerforum Walsum")
    await chat.press("Skip")
    await chat.press("Walsum")
    answers = [("V" * 201, "Rathaus Walsum"), ("A" * 301, "Friedrich-Ebert-Str. 152")]
    for too_long, fitting in answers:  # the columns hold 200 and 300 characters
        await chat.send(too_long)
        assert chat.last_text().startswith("That does not fit, please try again.")
        await chat.send(fitting)
    await chat.press("Skip")  # no location
    for wrong in ("9999-12-31 23:00", "2040-01-01 18:00", "0001-01-01 00:00"):
        await chat.send(wrong)
        assert chat.last_text().startswith("That does not fit, please try again."), wrong
    await chat.send("2026-12-10 18:00")
    await chat.send("2026-12-24 18:00")  # two weeks long
    assert chat.last_text().startswith("That does not fit, please try again.")
    await chat.send("20:30")
    for wrong in ("²", "99999999999", "100001", "0"):
        await chat.send(wrong)
        assert chat.last_text().startswith("That does not fit, please try again."), wrong
    await chat.send("40")
    await chat.press("Publish now")
    async with h.runtime.session_factory() as session:
        meeting = (await session.execute(select(Meeting))).scalar_one()
    assert (meeting.venue, meeting.capacity, meeting.status) == ("Rathaus Walsum", 40, "published")


async def test_changing_a_meeting_rejects_oversized_place_and_year_9999(harness: Harness) -> None:
    h = harness
    await with_clock(h, FixedClock())
    meeting_id = await publish(h)
    chat = await editor(h)
    await chat.send("/meetings")
    await chat.press("Bürgerforum Hamborn")
    await chat.press("Change place")
    await chat.send("Saal " * 100 + ", Duisburger Str. 213")
    assert chat.last_text().startswith("Please write the place like")
    await chat.send("/meetings")
    await chat.press("Bürgerforum Hamborn")
    await chat.press("Change time")
    for wrong in ("9999-12-31 23:00", "2040-01-01 18:00"):
        await chat.send(wrong)
        assert chat.last_text().startswith("Please write the start like"), wrong
    async with h.runtime.session_factory() as session:
        meeting = await session.get(Meeting, meeting_id)
        assert meeting is not None
        assert (meeting.venue, meeting.version) == ("Rathaus Hamborn", 1)


async def test_odd_digits_in_links_ratings_and_results(harness: Harness) -> None:
    h = harness
    await with_clock(h, FixedClock())
    meeting_id = await publish(h)
    chat = await editor(h)
    await chat.press("Continue")
    await chat.press("Skip")  # onboarded, so /start m… opens a card
    await chat.send("/start m" + "9" * 12)
    assert "Sorry, this meeting is no longer available." in chat.last_text()
    await chat.send("/start m²")
    await chat.press_data(f"mt:rate:{meeting_id}:²")
    assert alerts(h)[-1] == "This button is no longer valid."
    for wrong in ("²", "9" * 30):
        await chat.send(f"/results {wrong}")
        assert chat.last_text() == "Please give the number of a poll, e.g. /results 3."


async def test_a_forged_poll_button_does_not_reach_past_the_audience(harness: Harness) -> None:
    h = harness
    walsum = PollAudience(residents=Audience(districts=frozenset({"walsum"})))
    poll = await create_poll(h, audience=walsum)
    outsider = await resident(h, 781, "de", district="hamborn")
    await outsider.press_data(f"pl:{poll.id}")
    assert outsider.last_text() == h.t("This button is no longer valid.", "de")
    assert not [m for m in outsider.messages() if "poll" in m]
    insider = await resident(h, 782, "de", district="walsum")
    await insider.press_data(f"pl:{poll.id}")
    assert [m for m in insider.messages() if "poll" in m]


async def test_votes_count_only_from_the_person_the_poll_was_sent_to(harness: Harness) -> None:
    h = harness
    chat = await resident(h, 791, "de")
    poll = await create_poll(h)
    await deliver(h)
    poll_id = native_poll(chat)["id"]
    stranger = updates.user(792, "de")  # voting in a forwarded copy of 791's poll
    await h.feed(updates.poll_answer_update(stranger, poll_id, [1]))
    await h.feed(updates.poll_answer_update(chat.user, poll_id, [0]))
    counted = await results(h, poll.id)
    assert counted.totals == [1, 0, 0] and counted.voters == 1


async def test_staff_presses_recheck_the_role_and_the_chat(harness: Harness) -> None:
    h = harness
    await with_clock(h, FixedClock())
    meeting_id = await publish(h)
    poll = await create_poll(h)
    chat = await editor(h)
    await chat.send(f"/results {poll.id}")
    results_card = chat.last()
    await chat.send("/meetings")
    await chat.press("Bürgerforum Hamborn")
    await chat.press("Cancel meeting")
    await remove_staff(h)  # another admin took the role away meanwhile
    await chat.press("Yes, cancel, tell everyone")
    await chat.press_data(f"pa:close:{poll.id}", results_card)
    assert alerts(h)[-2:] == ["This button is no longer valid."] * 2
    async with h.runtime.session_factory() as session:
        group = YouthGroup(chat_id=-100500, title="Jugendtreff", status="pending")
        session.add(group)
        await session.commit()
        assert (await session.get(Meeting, meeting_id)).status == "published"  # type: ignore[union-attr]
        assert (await session.get(Poll, poll.id)).status == "open"  # type: ignore[union-attr]
    await make_staff(h, 901, "editor")
    other = h.chat(901, "en")
    await other.send("/start")
    await other.press_data("yg:ok:-100500")  # the staff chat's card, pressed in a private chat
    async with h.runtime.session_factory() as session:
        assert (await session.get(YouthGroup, -100500)).status == "pending"  # type: ignore[union-attr]

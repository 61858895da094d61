"""What came out of a meeting, in the chat: the message goes out once to those registered and
the district's subscribers; afterwards the poster's link opens the past meeting's card with
"What came out of it" (in the reader's language, German as the fallback)."""

from __future__ import annotations

from datetime import timedelta

from bot.presentation.outcomes import outcome_renderer
from bot.services.meetings import outcomes
from bot.services.meetings.lifecycle import MeetingError
from tests.flow.announce_support import resident
from tests.flow.harness import Harness
from tests.flow.meetings_support import BERLIN, START, FixedClock, publish, queued, with_clock


async def onboarded(h: Harness, chat_id: int, language: str):  # type: ignore[no-untyped-def]
    """A resident past the welcome (no profile), as a poster's reader would be."""
    chat = await resident(h, chat_id, language)
    await chat.press(h.t("Continue", language))
    await chat.press(h.t("Skip", language))
    return chat


TEXTS = {"de": "Der Spielplatz an der Kampstraße wird 2027 erneuert.",
         "tr": "Kampstraße oyun alanı 2027 yılında yenilenecek."}  # fmt: skip


async def test_the_outcome_reaches_each_person_once_and_stays_behind_the_card(
    harness: Harness,
) -> None:
    h = harness
    clock = FixedClock()
    await with_clock(h, clock)
    meeting_id = await publish(h)
    turkish, german = await onboarded(h, 730, "tr"), await onboarded(h, 731, "de")
    await turkish.press_data(f"mt:reg:{meeting_id}:")
    await german.press_data(f"mt:reg:{meeting_id}:")
    render = outcome_renderer(h.runtime.i18n, BERLIN)
    async with h.runtime.session_factory() as session:
        try:  # not before it has ended
            await outcomes.save(session, clock, meeting_id, TEXTS, actor=1)
            raise AssertionError("an outcome before the meeting was stored")
        except MeetingError as error:
            assert error.code == "not_ended"
    clock.moment = START + timedelta(days=1)
    await turkish.send(f"/start m{meeting_id}")  # over, nothing sent yet: no card
    assert h.t("Sorry, this meeting is no longer available.", "tr") in turkish.last_text()
    async with h.runtime.session_factory() as session:
        await outcomes.save(session, clock, meeting_id, TEXTS, actor=1)
        assert await outcomes.send(session, clock, meeting_id, render, "de", None, actor=1) == 2
        try:
            await outcomes.send(session, clock, meeting_id, render, "de", None, actor=1)
            raise AssertionError("sent twice")
        except MeetingError as error:
            assert error.code == "already"
    told = [m for m in await queued(h, 730) if TEXTS["tr"] in m.get("text", "")]
    assert len(told) == 1
    assert h.t("What came out of this meeting", "tr") in told[0]["text"]
    assert "Bürgerforum Hamborn (TR)" in told[0]["text"]

    await turkish.send(f"/start m{meeting_id}")
    assert h.t("This meeting has taken place.", "tr") in turkish.last_text()
    await turkish.press(h.t("What came out of it", "tr"))
    assert TEXTS["tr"] in turkish.last_text()
    await turkish.press(h.t("Back", "tr"))
    assert h.t("This meeting has taken place.", "tr") in turkish.last_text()

    polish = await onboarded(h, 732, "pl")  # no Polish text: the German one
    await polish.send(f"/start m{meeting_id}")
    await polish.press(h.t("What came out of it", "pl"))
    assert TEXTS["de"] in polish.last_text()
    await polish.press_data(f"mt:outcome:{meeting_id + 9}:")  # forged: no such outcome
    assert h.t("Upcoming meetings", "pl") in polish.last_text()  # the list, never a dead end


async def test_the_message_links_the_public_page_only_once_it_is_published(
    harness: Harness,
) -> None:
    h = harness
    clock = FixedClock()
    await with_clock(h, clock)
    meeting_id = await publish(h)
    chat = await resident(h, 740, "de")
    await chat.press_data(f"mt:reg:{meeting_id}:")
    clock.moment = START + timedelta(days=1)
    render = outcome_renderer(h.runtime.i18n, BERLIN)
    base = "https://beteiligung.duisburg.de/dashboard"
    async with h.runtime.session_factory() as session:
        await outcomes.save(session, clock, meeting_id, TEXTS, actor=1)
        await outcomes.set_public(session, clock, meeting_id, True, actor=1)
        await outcomes.send(session, clock, meeting_id, render, "de", base, actor=1)
    (message,) = [m for m in await queued(h, 740) if TEXTS["de"] in m.get("text", "")]
    assert f"{base}/public/meetings/{meeting_id}/outcome" in message["text"]

"""Editors change a meeting's places under /meetings: more places move people up at once,
fewer than registered is refused, bad numbers change nothing; every change audited."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.sandbox import updates
from db.models import Meeting, MeetingRegistration, StaffAudit
from tests.flow.announce_support import EDITOR_ID, make_staff, resident
from tests.flow.harness import Chat, Harness
from tests.flow.meetings_support import (
    FixedClock,
    button_data,
    planned,
    publish,
    queued,
    with_clock,
)


async def open_places(chat: Chat, lang: str) -> None:
    """/meetings → the meeting → Edit → Places."""
    t = chat.harness.t
    await chat.send("/meetings")
    await chat.press("Bürgerforum Hamborn")
    await chat.press(t("Edit title, text, places", lang))
    await chat.press(t("Places", lang))


async def statuses(h: Harness, meeting_id: int) -> dict[int, str]:
    """user id → registration status."""
    async with h.runtime.session_factory() as session:
        query = select(MeetingRegistration).where(MeetingRegistration.meeting_id == meeting_id)
        return {r.user_id: r.status for r in (await session.execute(query)).scalars()}


@pytest.mark.parametrize("lang", ["de", "tr", "ar"])
async def test_more_places_move_the_waiting_list_up_fewer_are_refused(
    harness: Harness, lang: str
) -> None:
    h = harness

    def t(msgid: str, language: str) -> str:
        return h.t(msgid, lang if language == "editor" else language)

    await with_clock(h, FixedClock())
    meeting_id = await publish(h, capacity=2)
    people = {}
    for telegram_id, language in ((791, "de"), (792, "tr"), (793, "ar"), (794, "tr")):
        people[telegram_id] = await resident(h, telegram_id, language)
        await people[telegram_id].press_data(f"mt:reg:{meeting_id}:")
    before = await statuses(h, meeting_id)
    assert sorted(before.values()) == ["registered", "registered", "waiting", "waiting"]

    await make_staff(h)
    chat = h.chat(EDITOR_ID, lang)
    await chat.send("/start")
    await open_places(chat, lang)
    assert "2" in chat.last_text() and t("Send /cancel to stop.", "editor") in chat.last_text()
    number = t("Please send a whole number of places, e.g. 40 – or tap No limit.", "editor")
    for bad in ("viele", "2,5"):
        await chat.send(bad)
        assert chat.last_text().startswith(number)
    await chat.send_update(updates.sticker_update(chat.user))
    assert chat.last_text().startswith(number)
    for bad in ("0", "-3", "100001"):
        await chat.send(bad)
        expected = h.tn(
            "From 1 to {max} place, please – or tap No limit.",
            "From 1 to {max} places, please – or tap No limit.",
            100000,
            lang,
        )
        assert chat.last_text().startswith(expected.format(max=100000)), bad
    await chat.send("1")
    below = h.tn(
        "{count} person is registered already, so there must be at least {count} place. "
        "Nobody loses their place.",
        "{count} people are registered already, so there must be at least {count} places. "
        "Nobody loses their place.",
        2,
        lang,
    )
    assert chat.last_text().startswith(below.format(count=2))
    assert await statuses(h, meeting_id) == before
    assert [await queued(h, i) for i in people] == [[], [], [], []]

    await chat.send("3")
    saved = [m["text"] for m in chat.messages()][-2]
    assert t("Saved. Places: {count}.", "editor").format(count=3) in saved
    moved = t("Moved up from the waiting list: {count}. Each of them is told.", "editor")
    assert moved.format(count=1) in saved
    (notice,) = await queued(h, 793)  # the Arabic resident waited longest
    assert t("A place has become free for you – you are registered now.", "ar") in notice["text"]
    assert button_data(notice, t("Give my place back", "ar")) == f"mt:unreg:{meeting_id}:"
    assert await queued(h, 794) == []
    assert [kind for kind, _due in await planned(h, meeting_id)].count("1d") == 3

    await open_places(chat, lang)
    await chat.press(t("No limit", "editor"))
    assert (
        t("Saved. Places: {count}.", "editor").format(count="∞")
        in [m["text"] for m in chat.messages()][-2]
    )
    (notice,) = await queued(h, 794)
    assert t("A place has become free for you – you are registered now.", "tr") in notice["text"]
    assert set((await statuses(h, meeting_id)).values()) == {"registered"}

    async with h.runtime.session_factory() as session:
        meeting = await session.get(Meeting, meeting_id)
        assert meeting is not None and meeting.capacity is None
        rows = (await session.execute(select(StaffAudit).order_by(StaffAudit.id))).scalars()
        # The seeded meeting's creation and publication are logged too; this test is on edits.
        entries = [(e.actor, e.action, json.loads(e.before or ""), json.loads(e.after or ""))
                   for e in rows
                   if e.action not in ("meeting.create", "meeting.publish")]  # fmt: skip
    assert entries == [
        (EDITOR_ID, "meeting.capacity", {"capacity": 2}, {"capacity": 3, "promoted": 1}),
        (EDITOR_ID, "meeting.capacity", {"capacity": 3}, {"capacity": None, "promoted": 1}),
    ]

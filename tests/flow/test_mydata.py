"""/mydata gives the person everything stored; /delete (asked twice) leaves no trace of them.

The trace check (tests/flow/mydata_support.py) scans every table and every column of the live
schema, so tables that later features add are covered without changing this test.
"""

from __future__ import annotations

import json

from sqlalchemy import func, select

from db.models import MeetingRegistration, User
from tests.flow.announce_support import resident
from tests.flow.harness import Harness
from tests.flow.ideas_support import moderator, reference, stored_ideas
from tests.flow.meetings_support import queued
from tests.flow.mydata_support import (
    PERSON,
    WAITING,
    downloaded_document,
    involved_person,
    traces,
    vote_hash,
)
from tests.flow.polls_support import QUESTIONS, create_poll, deliver
from tests.flow.test_ideas_hand_in import hand_in


async def test_mydata_sends_everything_stored(ideas_harness: Harness) -> None:
    h = ideas_harness
    chat = await involved_person(h)
    await chat.send("/mydata")
    message, document = downloaded_document(h, chat)
    assert message["document"]["file_name"] == "stadtstimme-my-data.json"
    assert message["caption"] == h.t(
        "Everything we store about you. Send /delete to erase it.", "de"
    )
    profile = document["profile"]
    assert (profile["telegram_id"], profile["district"], profile["age_group"]) == (
        PERSON, "walsum", "30-44",
    )  # fmt: skip
    assert document["consents"]["profile_consent_given_at"] is not None
    assert [idea["status"] for idea in document["ideas"]] == ["published", "submitted"]
    assert document["ideas"][1]["text"] == "Eine zweite Idee: Trinkbrunnen im Kantpark, bitte."
    assert len(document["supports"]) == 1 and document["reports"][0]["reason"] == "spam"
    assert document["announcement_settings"]["announcements"] is True
    registrations = {
        r["meeting"]["title"]: (r["status"], r["reminders_wanted"], r.get("waiting_position"))
        for r in document["meeting_registrations"]
    }
    assert registrations == {
        "Bürgerforum Hamborn": ("registered", ["1w", "1d", "2h"], None),
        "Forum Walsum": ("waiting", ["1d", "2h"], 1),
        "Forum Mitte": ("registered", ["1d", "2h"], None),
    }
    first = document["meeting_registrations"][0]["meeting"]
    assert first["title"] == "Forum Mitte" and first["starts"].startswith("20")
    planned = {(r["title"], r["kind"]) for r in document["meeting_reminders"]}
    assert {("Bürgerforum Hamborn", "1w"), ("Forum Walsum", "3d")} <= planned
    assert document["meeting_subscription"]["district"] == "walsum"
    [feedback] = document["meeting_feedback"]
    assert (feedback["meeting"]["title"], feedback["rating"], feedback["comment"]) == (
        "Forum Mitte", 4, "Zu wenig Stühle.",
    )  # fmt: skip
    assert document["poll_votes"] == h.t(
        "Your poll votes are stored under a pseudonym, not your Telegram ID. So they are not "
        "linked to you and are not part of this file. Deleting your data deletes them too.",
        "de",
    )


async def test_delete_asks_twice_and_can_keep_published_ideas_anonymously(
    ideas_harness: Harness,
) -> None:
    h = ideas_harness
    chat = await involved_person(h)
    await chat.send("/delete")
    await chat.press(h.t("No, keep my data", "de"))
    assert chat.last_text() == h.t("Okay, nothing was deleted.", "de")
    await chat.send("/delete")
    await chat.press(h.t("Yes, continue", "de"))
    await chat.press(h.t("Keep my ideas anonymous", "de"))
    kept = h.tn(
        "{count} published idea stays visible without your name.",
        "{count} published ideas stay visible without your name.",
        1,
        "de",
    ).format(count=1)
    assert kept.startswith("1 veröffentlichte Idee bleibt")
    assert kept in chat.last_text()
    remaining = await stored_ideas(h)
    assert [(i.user_id is None, i.status) for i in remaining] == [
        (False, "published"),
        (True, "published"),
    ]
    assert await traces(h.runtime.engine, PERSON) == []


async def test_delete_everything_leaves_no_trace_in_any_table(ideas_harness: Harness) -> None:
    h = ideas_harness
    chat = await involved_person(h)
    found = await traces(h.runtime.engine, PERSON)  # the scan does find them
    # (No conversation is under way at this point, and an empty one has no row.)
    assert {"users.telegram_id", "poll_messages.chat_id"} <= set(found)
    assert await traces(h.runtime.engine, await vote_hash(h)) == ["poll_votes.voter"]
    await chat.send("/delete")
    await chat.press(h.t("Yes, continue", "de"))
    await chat.press(h.t("Delete everything", "de"))
    assert chat.last_text() == h.t(
        "All your data has been deleted. Send /start to begin again.", "de"
    )
    assert len(await stored_ideas(h)) == 1  # only the other author's idea
    assert await traces(h.runtime.engine, PERSON) == []
    assert await traces(h.runtime.engine, await vote_hash(h)) == []
    async with h.runtime.session_factory() as session:
        assert await session.scalar(select(func.count()).select_from(User)) == 3
        statuses = (await session.execute(select(MeetingRegistration.status))).scalars().all()
    # The place the person held went to the one waiting for it, who is told.
    assert sorted(statuses) == ["registered", "registered"]
    [notice] = await queued(h, WAITING)
    assert h.t("A place has become free for you – you are registered now.", "de") in notice["text"]


async def test_mydata_shows_idea_history_polls_drafts_and_offers_of_this_person_only(
    ideas_harness: Harness,
) -> None:
    h = ideas_harness
    chat = await resident(h, PERSON, "de")
    other = await resident(h, 813, "de")
    await hand_in(h, chat, "de")
    await hand_in(h, other, "de", text="Eine Idee von jemand anderem: Bänke im Kantpark.")
    mod = await moderator(h)
    await mod.press(reference(h), h.t("Decline", "de"))
    await mod.press(reference(h), h.t("Not a matter for the city", "de"))
    await mod.say("Das ist Sache der Deutschen Bahn.")
    await create_poll(h)
    await deliver(h)
    await chat.send("Merhaba, bugün hava çok güzel ve parkta yürüyüş yapmak istiyorum.")
    await chat.press(h.t("No", "tr"))
    await chat.send("/menu")
    await chat.press("💡")
    await chat.press(h.t("Hand in an idea", "de"))
    await chat.press(h.t("Culture", "de"))  # a draft: the topic chosen, the district not yet
    await chat.send("/mydata")
    _message, document = downloaded_document(h, chat)
    assert document["contents"]["idea_history"] == h.t(
        "What happened to your ideas, with staff comments", "de"
    )
    assert set(document["contents"]) >= {
        key for key in document if key not in {"created", "contents"}
    }
    history = [(e["idea"], e["action"], e["after"], e["comment"]) for e in document["idea_history"]]
    assert history[0] == (reference(h), "submit", "submitted", None)
    assert history[-1][0] == reference(h) and history[-1][2:] == (
        "declined",
        "Das ist Sache der Deutschen Bahn.",
    )
    assert {e["idea"] for e in document["idea_history"]} == {reference(h)}  # not the other's idea
    [poll] = document["polls_sent_to_you"]
    assert poll["question"] == QUESTIONS["de"] and poll["language"] == "de"
    assert document["language_offers"] == ["tr"]
    [draft] = document["open_drafts"]
    assert draft["entered"]["topic"] == "culture" and draft["step"]
    assert "Kantpark" not in json.dumps(document, ensure_ascii=False)
    assert document["retention_warning"] == {"warned_at": None}  # writing cleared any warning

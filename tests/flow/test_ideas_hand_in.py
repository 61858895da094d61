"""Handing in an idea: every step, bad input, restart mid-draft, limits, the staff chat post."""

from __future__ import annotations

import asyncio
import json

from bot.config import LANGUAGES
from bot.sandbox import updates
from db.repositories import ideas as repo
from tests.flow.announce_support import resident
from tests.flow.harness import TOKEN, Harness
from tests.flow.ideas_support import (
    STAFF_CHAT,
    TEXT_DE,
    StaffMember,
    deliver,
    events,
    reference,
    stored_ideas,
)


def next_steps_text(h: Harness, language: str, days: int) -> str:
    """The "what happens next" paragraph with the response time."""
    if days == 1:
        return h.t(
            "What happens next: the city's participation team reads every idea, "
            "usually within one working day. If it is published, everyone can see and "
            "support it here. You get a message from us whenever its status changes.",
            language,
        )
    return h.tn(
        "What happens next: the city's participation team reads every idea, "
        "usually within {days} working day. If it is published, everyone can see and "
        "support it here. You get a message from us whenever its status changes.",
        "What happens next: the city's participation team reads every idea, "
        "usually within {days} working days. If it is published, everyone can see and "
        "support it here. You get a message from us whenever its status changes.",
        days,
        language,
    ).format(days=days)


async def test_turkish_idea_with_photo_location_and_html(ideas_harness: Harness) -> None:
    h = ideas_harness
    chat = await resident(h, 801, "tr", district="hamborn")
    t = h.t
    await chat.send("/menu")
    await chat.press("💡")
    await chat.press(t("Hand in an idea", "tr"))
    assert t("What is your idea about? Choose a topic.", "tr") in chat.last_text()
    await chat.press(t("Transport", "tr"))
    districts = [b["text"] for b in chat.buttons()]
    assert districts[0] == "📍 " + t("Hamborn", "tr")  # preset from the profile comes first
    assert t("Whole city", "tr") in districts
    await chat.press(t("Walsum", "tr"))  # but changeable

    await chat.send("Kısa fikir")
    too_short = h.tn(
        "Your text is {missing} character too short (it has {length}, at least {limit} are "
        "needed). Please add to it and send it again.",
        "Your text is {missing} characters too short (it has {length}, at least {limit} are "
        "needed). Please add to it and send it again.",
        10,
        "tr",
    )
    assert chat.last_text() == too_short.format(length=10, limit=20, missing=10)
    await chat.send("x" * 2001)
    too_long = h.tn(
        "Your text is {over} character too long (it has {length}, at most {limit} are "
        "allowed). Please shorten it and send it again.",
        "Your text is {over} characters too long (it has {length}, at most {limit} are "
        "allowed). Please shorten it and send it again.",
        1,
        "tr",
    )
    assert chat.last_text() == too_long.format(length=2001, limit=2000, over=1)
    idea_text = "Otobüs durağına <b>çatı</b> lazım, yağmurda herkes ıslanıyor & üşüyor."
    await chat.send(idea_text)

    await chat.send_update(updates.document_update(chat.user, "plan.pdf", "application/pdf"))
    assert chat.last_text() == t(
        "I can only add photos to an idea, not other files. "
        "Please send a photo, or tap the button to go on.",
        "tr",
    )
    await chat.send_update(updates.photo_update(chat.user))
    assert chat.last_text() == t(
        "Photo {count} of {limit} saved. Send another one, or tap Done.", "tr"
    ).format(count=1, limit=3)
    await chat.press(t("Done", "tr"))
    await chat.send("Burada")  # not a location: asked again
    assert chat.last_text().startswith(t("Please share a location, or tap Skip.", "tr"))
    await chat.send_update(updates.location_update(chat.user, 51.4900, 6.7700))
    preview = chat.last_text()
    assert t("<b>Check your idea</b>", "tr").replace("<b>", "").replace("</b>", "") in preview
    assert idea_text in preview  # shown literally, not as formatting
    await chat.press(t("Send", "tr"))

    first = reference(h)
    assert first in chat.last_text()
    assert next_steps_text(h, "tr", 5) in chat.last_text()  # IDEA_RESPONSE_DAYS default
    [idea] = await stored_ideas(h)
    assert (idea.reference, idea.topic, idea.district, idea.language) == (
        first, "transport", "walsum", "tr",
    )  # fmt: skip
    assert idea.text == idea_text and len(json.loads(idea.photos)) == 1
    assert (idea.latitude, idea.longitude) == (51.49, 6.77)

    assert StaffMember(h, 950).messages() == []  # queued in the outbox with the idea
    await deliver(h)
    staff = StaffMember(h, 950).messages()
    kinds = [next(k for k in ("photo", "venue", "text") if k in m) for m in staff]
    assert kinds == ["photo", "venue", "text"]
    assert staff[0]["caption"] == f"📷 {first} · 1/1"  # photos stay with their idea
    assert staff[1]["venue"]["title"] == f"📍 {first}"
    card = staff[-1]
    assert card["text"].startswith(
        h.t("💡 <b>Idea {reference}</b>", "de")
        .format(reference=first)
        .replace("<b>", "")
        .replace("</b>", "")
    )
    assert idea_text in card["text"]  # escaped: the tags arrive as text, not as bold
    assert not [e for e in card.get("entities", []) if e["type"] == "bold" and e["offset"] > 20]
    assert "Türkisch" in card["text"]  # the language named in the staff's German
    assert "#A" in card["text"] and "801" not in card["text"] and "User801" not in card["text"]
    assert (
        h.t("Photos: {count} (separate messages marked {reference})", "de").format(
            count=1, reference=first
        )
        in card["text"]
    )
    labels = [b["text"] for row in card["reply_markup"]["inline_keyboard"] for b in row]
    assert labels == [
        "🔎 " + h.t("Start review", "de"),
        "✅ " + h.t("Publish", "de"),
        "⛔ " + h.t("Decline", "de"),
    ]
    async with h.runtime.session_factory() as session:  # later edits find the card
        assert await repo.staff_card(session, idea) == (STAFF_CHAT, card["message_id"])


async def test_restart_mid_draft_continues_at_the_same_step(ideas_harness: Harness) -> None:
    h = ideas_harness
    chat = await resident(h, 802, "de")
    await chat.send("/menu")
    await chat.press("💡")
    await chat.press(h.t("Hand in an idea", "de"))
    await chat.press(h.t("Environment", "de"))
    await chat.press(h.t("Whole city", "de"))
    await h.restart()
    await chat.send(TEXT_DE)
    photos = h.tn(
        "Would you like to add a photo? Send up to {limit} photo, or tap Skip.",
        "Would you like to add photos? Send up to {limit} photos, or tap Skip.",
        3,
        "de",
    )
    assert chat.last_text() == photos.format(limit=3)
    await chat.press(h.t("Skip", "de"))
    await chat.press(h.t("Skip", "de"))
    await chat.press(h.t("Edit", "de"))
    await chat.press(h.t("Topic", "de"))
    await chat.press(h.t("Youth", "de"))  # straight back to the preview
    await chat.press(h.t("Send", "de"))
    [idea] = await stored_ideas(h)
    assert (idea.topic, idea.district, idea.language, idea.photos) == ("youth", "city", "de", "[]")
    assert [(e.actor, e.action) for e in await events(h, idea.id)] == [("author", "submit")]


async def test_cancel_and_menu_leave_without_storing(ideas_harness: Harness) -> None:
    h = ideas_harness
    chat = await resident(h, 803, "ar")
    await chat.send("/menu")
    await chat.press("💡")
    await chat.press(h.t("Hand in an idea", "ar"))
    await chat.press(h.t("Sport", "ar"))
    await chat.press(h.t("Mitte", "ar"))
    await chat.send("/cancel")
    await chat.send(TEXT_DE)  # no longer in the flow: not taken as an idea
    await chat.send("/menu")
    await chat.press("💡")
    await chat.press(h.t("Hand in an idea", "ar"))
    await chat.press(h.t("Sport", "ar"))
    await chat.press(h.t("Mitte", "ar"))
    await chat.send(TEXT_DE)
    await chat.press(h.t("Skip", "ar"))
    await chat.press(h.t("Skip", "ar"))
    await chat.press(h.t("Cancel", "ar"))
    assert h.t("Your idea was not sent. Nothing was stored.", "ar") in chat.last_text()
    assert await stored_ideas(h) == []


async def hand_in(
    h: Harness, chat: object, language: str, text: str = TEXT_DE, *, post: bool = True
) -> None:
    """Go through the whole flow without photo or location (and let the sender post it)."""
    from tests.flow.harness import Chat

    assert isinstance(chat, Chat)
    await chat.send("/menu")
    await chat.press("💡")
    await chat.press(h.t("Hand in an idea", language))
    if h.t("Culture", language) not in [b["text"] for b in chat.buttons()]:
        return  # the limit message instead of the first step
    await chat.press(h.t("Culture", language))
    await chat.press(h.t("Süd", language))
    await chat.send(text)
    await chat.press(h.t("Skip", language))
    await chat.press(h.t("Skip", language))
    await chat.press(h.t("Send", language))
    if post:
        await deliver(h)  # the staff post goes out through the outbox


async def test_daily_limit_and_twin_send(ideas_harness: Harness) -> None:
    h = ideas_harness
    chat = await resident(h, 804, "de")
    await hand_in(h, chat, "de")
    send_screen = [m for m in chat.messages() if m.get("reply_markup")][-1]
    await chat.press_data(send_screen["reply_markup"]["inline_keyboard"][0][0]["callback_data"])
    await hand_in(h, chat, "de")
    await hand_in(h, chat, "de")  # the third of the day (limit 2)
    limit = h.tn(
        "You have already handed in {limit} idea today. Thank you! "
        "Please send your next idea tomorrow.",
        "You have already handed in {limit} ideas today. Thank you! "
        "Please send your next idea tomorrow.",
        2,
        "de",
    ).format(limit=2)
    assert chat.last_text() == limit
    assert [i.reference for i in await stored_ideas(h)] == [reference(h), reference(h, 2)]


async def test_forum_staff_chat_gets_one_ideas_topic(ideas_harness: Harness) -> None:
    h = ideas_harness
    state = h.api.state(TOKEN)
    state.chats[STAFF_CHAT] = {"id": STAFF_CHAT, "type": "supergroup", "title": "Team",
                               "is_forum": True}  # fmt: skip
    first = await resident(h, 805, "de")
    await hand_in(h, first, "de")
    second = await resident(h, 806, "de")
    await hand_in(h, second, "de", "Ein Wasserspender im Rathaus wäre an heißen Tagen schön.")
    created = h.api.calls("createForumTopic")
    assert len(created) == 1 and created[0].params["name"] == h.t("Ideas", "de")
    thread = created[0].result["message_thread_id"]
    cards = [c for c in h.api.calls("sendMessage") if c.params["chat_id"] == STAFF_CHAT]
    assert [c.params.get("message_thread_id") for c in cards] == [thread, thread]


async def test_an_album_of_three_photos_keeps_all_three(ideas_harness: Harness) -> None:
    h = ideas_harness
    chat = await resident(h, 807, "de")
    await chat.send("/menu")
    await chat.press("💡")
    await chat.press(h.t("Hand in an idea", "de"))
    await chat.press(h.t("Culture", "de"))
    await chat.press(h.t("Mitte", "de"))
    await chat.send(TEXT_DE)
    album = [updates.photo_update(chat.user) for _ in range(3)]
    for update in album:
        update["message"]["media_group_id"] = "13579"
    await asyncio.gather(*(chat.send_update(update) for update in album))  # as Telegram sends
    place = "Is there a particular place? Share a location (📎 → Location), or tap Skip."
    assert chat.last_text().startswith(h.t(place, "de"))
    await chat.press(h.t("Skip", "de"))
    await chat.press(h.t("Send", "de"))
    [idea] = await stored_ideas(h)
    sent = {u["message"]["photo"][-1]["file_id"] for u in album}
    assert set(json.loads(idea.photos)) == sent


async def test_the_promised_response_time_is_a_setting(ideas_harness: Harness) -> None:
    h = ideas_harness
    h.settings.idea_response_days = 1
    german = await resident(h, 808, "de")
    await hand_in(h, german, "de", post=False)
    assert next_steps_text(h, "de", 1) in german.last_text()
    assert "einem Werktag" in german.last_text() or "eines Werktags" in german.last_text()
    h.settings.idea_response_days = 10
    arabic = await resident(h, 809, "ar")
    await hand_in(h, arabic, "ar", post=False)
    assert next_steps_text(h, "ar", 10) in arabic.last_text()
    assert "10" in arabic.last_text()


async def test_residents_are_told_their_idea_goes_to_duisburgerideen(
    ideas_harness: Harness,
) -> None:
    h = ideas_harness
    platform = "DuisbürgerIdeen"
    for language in LANGUAGES:  # the platform's name stays as it is in every language
        for msgid in (
            "Your idea goes to DuisbürgerIdeen, the city's idea platform.",
            "It is now with DuisbürgerIdeen, the city's idea platform.",
        ):
            assert platform in h.t(msgid, language), (language, msgid)
    chat = await resident(h, 804, "de")
    await chat.send("/menu")
    await chat.press("💡")
    assert platform in chat.last_text()  # the Ideas menu
    await chat.press(h.t("Hand in an idea", "de"))
    assert platform in chat.last_text()  # the first step
    await chat.press(h.t("Environment", "de"))
    await chat.press(h.t("Whole city", "de"))
    await chat.send(TEXT_DE)
    await chat.press(h.t("Skip", "de"))
    await chat.press(h.t("Skip", "de"))
    await chat.press(h.t("Send", "de"))
    done = chat.last_text()
    assert "I-" in done and platform in done  # the confirmation

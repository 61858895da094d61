"""Moderating ideas in the staff chat: every status, notices in the author's language, refusals."""

from __future__ import annotations

import time

from bot.delivery.sender import Sender
from bot.services.bidi import isolate
from tests.flow.announce_support import make_staff, resident
from tests.flow.harness import Harness
from tests.flow.ideas_support import (
    QUICK,
    StaffMember,
    alerts,
    events,
    moderator,
    notices,
    reference,
    stored_ideas,
)
from tests.flow.test_ideas_hand_in import hand_in


def status_line(h: Harness, status: str) -> str:
    return h.t("Status: {status}", "de").format(status=h.t(status, "de"))


async def test_review_publish_forward_implement_with_arabic_notices(
    ideas_harness: Harness,
) -> None:
    h = ideas_harness
    author = await resident(h, 811, "ar")
    await hand_in(h, author, "ar")
    mod = await moderator(h)
    assert status_line(h, "Handed in") in mod.card(reference(h))["text"]

    await mod.press(reference(h), h.t("Start review", "de"))  # taken on: no question asked
    assert status_line(h, "In review") in mod.card(reference(h))["text"]
    await mod.decide(reference(h), h.t("Publish", "de"), "Danke! Wir prüfen, was möglich ist.")
    card = mod.card(reference(h))["text"]
    assert status_line(h, "Published") in card
    assert "Mira" in card  # who acted
    await mod.press(reference(h), h.t("Forward", "de"))
    question = h.t(
        "Reply with the department the idea goes to ({reference}). "
        "A comment for the author may follow on the next lines.",
        "de",
    )
    assert question.format(reference=reference(h)) in mod.messages()[-1]["text"]
    await mod.say("Amt für Stadtentwicklung <Abt. 61>\nDas Amt meldet sich bis Ende Januar.")
    assert status_line(h, "Forwarded to a department") in mod.card(reference(h))["text"]
    await mod.decide(reference(h), h.t("Implemented", "de"), "Die Bügel stehen seit Montag.")
    final = mod.card(reference(h))
    assert status_line(h, "Implemented") in final["text"]
    assert "reply_markup" not in final  # nothing left to decide

    def ar(msgid: str, comment: str | None = None, **values: str) -> str:
        # Staff's German words sit in Arabic lines inside first-strong isolates.
        isolated = {key: isolate(value) for key, value in values.items()}
        text = h.t(msgid, "ar").format(reference=reference(h), **isolated)
        if comment:
            text += "\n" + h.t("Comment from the city team: {comment}", "ar").format(
                comment=isolate(comment)  # German inside Arabic keeps its order
            )
        return text

    assert await notices(h, 811) == [
        ar("🔎 Your idea {reference} is now being reviewed by the city team."),
        ar(
            "🎉 Your idea {reference} has been published. Everyone can now see and support it.",
            "Danke! Wir prüfen, was möglich ist.",
        ),
        ar(
            "📨 Your idea {reference} has been forwarded to: {department}",
            "Das Amt meldet sich bis Ende Januar.",
            department="Amt für Stadtentwicklung &lt;Abt. 61&gt;",
        ),
        ar(
            "🏁 Your idea {reference} has been implemented. Thank you!",
            "Die Bügel stehen seit Montag.",
        ),
    ]
    [idea] = await stored_ideas(h)
    log = [(e.actor, e.staff_id, e.action, e.before, e.after) for e in await events(h, idea.id)]
    assert log == [
        ("author", None, "submit", None, "submitted"),
        ("staff", 950, "review", "submitted", "in_review"),
        ("staff", 950, "publish", "in_review", "published"),
        ("staff", 950, "forward", "published", "forwarded"),
        ("staff", 950, "implement", "forwarded", "implemented"),
    ]
    forward = (await events(h, idea.id))[3]
    assert forward.comment == (
        "Amt für Stadtentwicklung <Abt. 61>\nDas Amt meldet sich bis Ende Januar."
    )


async def test_in_review_shows_in_my_ideas_in_turkish(ideas_harness: Harness) -> None:
    h = ideas_harness
    author = await resident(h, 816, "tr")
    await hand_in(h, author, "tr")
    mod = await moderator(h)
    await mod.press(reference(h), h.t("Start review", "de"))
    await author.send("/menu")
    await author.press("💡")
    await author.press(h.t("My ideas", "tr"))
    assert f"{reference(h)} · {h.t('In review', 'tr')}" in author.last_text()
    withdraw = h.t("Withdraw {reference}", "tr").format(reference=reference(h))
    assert "↩️ " + withdraw in [b["text"] for b in author.buttons()]  # not decided yet
    [idea] = await stored_ideas(h)
    await mod.press_data(f"im:review:{idea.id}:", mod.card(reference(h)))  # a second, stale press
    assert alerts(h)[-1] == h.t("This idea is no longer in a state where this is possible.", "de")
    expected = h.t("🔎 Your idea {reference} is now being reviewed by the city team.", "tr")
    assert await notices(h, 816) == [expected.format(reference=reference(h))]


async def test_decline_with_reason_and_comment_in_german(ideas_harness: Harness) -> None:
    h = ideas_harness
    author = await resident(h, 812, "de")
    await hand_in(h, author, "de")
    mod = await moderator(h)
    await mod.press(reference(h), h.t("Decline", "de"))
    await mod.press(reference(h), h.t("Not a matter for the city", "de"))
    await mod.say("Kaffee jemand?", reply=False)  # chatter, not a reply: not a comment
    assert status_line(h, "Handed in") in mod.card(reference(h))["text"]
    await mod.say("Das ist Sache der Deutschen Bahn.")
    assert status_line(h, "Declined") in mod.card(reference(h))["text"]
    assert mod.messages()[-1]["text"] == h.t("Done. The author gets a message.", "de")
    [notice] = await notices(h, 812)
    reason = h.t("Not a matter for the city", "de").replace("'", "&#x27;")
    head = h.t("Your idea {reference} was not published. Reason: {reason}", "de")
    assert notice.startswith(head.format(reference=reference(h), reason=reason))
    assert notice.endswith(
        h.t("Comment from the city team: {comment}", "de").format(
            comment=isolate("Das ist Sache der Deutschen Bahn.")
        )
    )
    [idea] = await stored_ideas(h)
    last = (await events(h, idea.id))[-1]
    assert (last.reason, last.comment) == ("not_city", "Das ist Sache der Deutschen Bahn.")


async def test_not_pursued_in_turkish(ideas_harness: Harness) -> None:
    h = ideas_harness
    author = await resident(h, 813, "tr")
    await hand_in(h, author, "tr")
    mod = await moderator(h)
    await mod.press(reference(h), h.t("Publish", "de"))
    await mod.say("/cancel")  # the question is left: nothing changes
    assert mod.messages()[-1]["text"] == h.t("Okay, nothing was changed.", "de")
    [idea] = await stored_ideas(h)
    assert idea.status == "submitted" and await notices(h, 813) == []
    await mod.decide(reference(h), h.t("Publish", "de"))  # "-": no comment
    await mod.decide(reference(h), h.t("Not pursued", "de"), "Dafür fehlt 2027 leider das Geld.")
    published = h.t(
        "🎉 Your idea {reference} has been published. Everyone can now see and support it.", "tr"
    )
    not_pursued = h.t("Your idea {reference} will not be pursued further.", "tr")
    comment = h.t("Comment from the city team: {comment}", "tr")
    assert await notices(h, 813) == [
        published.format(reference=reference(h)),
        not_pursued.format(reference=reference(h))
        + "\n"
        + comment.format(comment=isolate("Dafür fehlt 2027 leider das Geld.")),
    ]


async def test_forged_and_unauthorised_presses_change_nothing(ideas_harness: Harness) -> None:
    h = ideas_harness
    author = await resident(h, 814, "de")
    await hand_in(h, author, "de")
    outsider = StaffMember(h, 960, "Tom")  # in the group, but no role
    await outsider.press(reference(h), h.t("Publish", "de"))
    await make_staff(h, 961, "editor")  # a role, but not moderator
    editor = StaffMember(h, 961, "Eda")
    await editor.press(reference(h), h.t("Publish", "de"))
    assert alerts(h) == [h.t("Only moderators can do this.", "de")] * 2
    [idea] = await stored_ideas(h)
    assert idea.status == "submitted"

    mod = await moderator(h)
    card = mod.card(reference(h))
    await mod.press_data(f"im:implement:{idea.id}:", card)  # not allowed before publishing
    await mod.press_data("im:publish:99999:", card)  # unknown idea
    assert alerts(h)[-2:] == [
        h.t("This idea is no longer in a state where this is possible.", "de"),
        h.t("This idea does not exist.", "de"),
    ]
    # The author's own chat: the button data replayed there is not staff chat, nothing happens.
    await author.press_data(f"im:publish:{idea.id}:")
    [idea] = await stored_ideas(h)
    assert idea.status == "submitted" and await notices(h, 814) == []


async def test_the_sender_delivers_the_notice_to_the_author(ideas_harness: Harness) -> None:
    h = ideas_harness
    author = await resident(h, 815, "tr")
    await hand_in(h, author, "tr")
    mod = await moderator(h)
    await mod.decide(reference(h), h.t("Publish", "de"))
    expected = h.t(
        "🎉 Your idea {reference} has been published. Everyone can now see and support it.", "tr"
    ).format(reference=reference(h))
    sender = Sender(h.runtime, h.bot, QUICK)
    deadline = time.monotonic() + 20

    async def delivered() -> bool:
        return author.last_text() == expected or time.monotonic() > deadline

    await sender.run_until(delivered)
    assert author.last_text() == expected
    assert "reply_markup" not in author.last()

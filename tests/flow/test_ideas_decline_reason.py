"""Declining an idea: the staff card names the reason; for "Other reason" the moderator's text
is the explanation the author gets, so it cannot be left out."""

from __future__ import annotations

from bot.services.bidi import isolate
from tests.flow.announce_support import make_staff, resident
from tests.flow.harness import Harness
from tests.flow.ideas_support import (
    StaffMember,
    events,
    moderator,
    notices,
    reference,
    stored_ideas,
)
from tests.flow.test_ideas_hand_in import hand_in


async def test_other_reason_needs_the_explanation_and_the_author_reads_it(
    ideas_harness: Harness,
) -> None:
    h = ideas_harness
    author = await resident(h, 821, "tr")
    await hand_in(h, author, "tr")
    mod = await moderator(h)
    await mod.press(reference(h), h.t("Decline", "de"))
    await mod.press(reference(h), h.t("Other reason", "de"))
    asked = h.t(
        "Reply with the reason for the author ({reference}). "
        "They get your text as the explanation.",
        "de",
    )
    assert asked.format(reference=reference(h)) in mod.messages()[-1]["text"]
    await mod.say("-")  # no explanation: refused, the question stays open
    refusal = h.t(
        "Please reply with the reason for {reference} in a few words: the author gets it.", "de"
    )
    assert mod.messages()[-1]["text"] == refusal.format(reference=reference(h))
    [idea] = await stored_ideas(h)
    assert idea.status == "submitted" and await notices(h, 821) == []

    explanation = "Das plant die Stadt schon im Projekt <Rhein-Ruhr 2027>."
    await mod.say(explanation)  # a reply to the bot's newest message: the refusal's question
    [notice] = await notices(h, 821)
    escaped = "Das plant die Stadt schon im Projekt &lt;Rhein-Ruhr 2027&gt;."
    head = h.t("Your idea {reference} was not published. The city team explains: {comment}", "tr")
    assert notice == head.format(reference=reference(h), comment=isolate(escaped))
    assert h.t("Other reason", "tr") not in notice  # the explanation, not the bare label

    card = mod.card(reference(h))["text"]
    reason = h.t("Reason: {reason}", "de").format(reason=h.t("Other reason", "de"))
    comment = h.t("Comment to the author: {comment}", "de").format(comment=isolate(explanation))
    assert reason in card and comment in card
    last = (await events(h, idea.id))[-1]
    assert (last.reason, last.comment) == ("other", explanation)


async def test_a_listed_reason_is_on_the_card(ideas_harness: Harness) -> None:
    h = ideas_harness
    author = await resident(h, 822, "ar")
    await hand_in(h, author, "ar")
    mod = await moderator(h)
    await mod.press(reference(h), h.t("Decline", "de"))
    await mod.decide(reference(h), h.t("Already suggested", "de"))  # "-": no comment
    card = mod.card(reference(h))["text"]
    reason = h.t("Reason: {reason}", "de").format(reason=h.t("Already suggested", "de"))
    assert reason in card
    assert h.t("Comment to the author: {comment}", "de").split("{")[0] not in card
    [notice] = await notices(h, 822)
    head = h.t("Your idea {reference} was not published. Reason: {reason}", "ar")
    assert notice == head.format(reference=reference(h), reason=h.t("Already suggested", "ar"))


async def test_an_arabic_moderator_name_does_not_swallow_the_date(ideas_harness: Harness) -> None:
    h = ideas_harness
    author = await resident(h, 823, "de")
    await hand_in(h, author, "de")
    await make_staff(h, 951, "moderator")
    mod = StaffMember(h, 951, "مريم")
    await mod.press(reference(h), h.t("Start review", "de"))
    card = mod.card(reference(h))["text"]
    assert f"{isolate('مريم')}, " in card  # the name is one isolated run before the date
    await mod.press(reference(h), h.t("Publish", "de"))
    assert mod.messages()[-1]["text"].startswith(f"{isolate('مريم')}: ")  # so is the question's

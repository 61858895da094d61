"""The "reason, please" re-ask after "-" belongs to one idea: once the moderator moves on to
another idea, a late reply to the old re-ask never decides the new idea or reaches its author."""

from __future__ import annotations

from bot.sandbox import updates
from tests.flow.announce_support import resident
from tests.flow.harness import Harness
from tests.flow.ideas_support import moderator, notices, reference, stored_ideas
from tests.flow.test_ideas_hand_in import hand_in


async def test_a_reply_to_an_old_reask_does_not_decide_the_next_idea(
    ideas_harness: Harness,
) -> None:
    h = ideas_harness
    first, second = reference(h, 1), reference(h, 2)
    await hand_in(h, await resident(h, 831, "de"), "de")
    await hand_in(h, await resident(h, 832, "tr"), "tr")
    mod = await moderator(h)
    await mod.press(first, h.t("Decline", "de"))
    await mod.press(first, h.t("Other reason", "de"))
    await mod.say("-")
    reask = mod.messages()[-1]
    again = h.t(
        "Please reply with the reason for {reference} in a few words: the author gets it.", "de"
    )
    assert reask["text"] == again.format(reference=first)  # says which idea it is about

    await mod.press(second, h.t("Publish", "de"))  # the moderator moves on
    late = updates.message(mod.user, mod.chat, text="Gibt es schon.", reply_to_message=reask)
    await h.feed(updates.update(0, message=late))

    first, second = await stored_ideas(h)
    assert (first.status, second.status) == ("submitted", "submitted")
    assert await notices(h, 832) == []  # the second author gets nobody else's comment
    assert await notices(h, 831) == []

    await mod.say("-")  # the open question (Publish for the second idea) still works
    first, second = await stored_ideas(h)
    assert (first.status, second.status) == ("submitted", "published")
    assert all("Gibt es schon." not in text for text in await notices(h, 832))

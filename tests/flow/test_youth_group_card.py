"""The staff chat's card for a new youth group names the group's language in the staff's
language ("Türkisch"), like every other staff view, not as a code ("tr")."""

from __future__ import annotations

from bot.sandbox import updates
from tests.flow.harness import TOKEN, Harness
from tests.flow.ideas_support import STAFF_CHAT
from tests.flow.test_groups_language import GROUP

WORKER = updates.user(992, "tr", "Ayşe")


async def test_the_new_group_card_names_the_language(ideas_harness: Harness) -> None:
    h = ideas_harness
    h.api.set_member(TOKEN, GROUP["id"], WORKER["id"], "administrator")
    await h.feed(updates.command_update(WORKER, "register", chat=GROUP))
    card = h.api.sent_messages(STAFF_CHAT, TOKEN)[-1]["text"]
    question = h.t(
        "New youth group: <b>{title}</b> ({language}). Allow it to receive city polls?", "de"
    )
    shown = question.format(title=GROUP["title"], language="Türkisch")
    assert card == shown.replace("<b>", "").replace("</b>", "")  # as the staff read it

"""An admin who stays anonymous writes as the group itself (Telegram sends such messages from
GroupAnonymousBot with sender_chat = the group): only admins can, so /register and /language
work for them; a channel posting into the group is no admin."""

from __future__ import annotations

from typing import Any

from bot.sandbox import updates
from tests.flow.harness import TOKEN, Harness
from tests.flow.test_groups_language import GROUP, group_texts, registered, stored_language

ANONYMOUS = {
    "id": 1087968824, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot",
}  # fmt: skip
CHANNEL = {"id": -1002220001, "type": "channel", "title": "Stadtteilnews"}


async def as_chat(h: Harness, sender_chat: dict[str, Any], command: str) -> None:
    update = updates.command_update(ANONYMOUS, command, chat=GROUP)
    update["message"]["sender_chat"] = sender_chat
    await h.feed(update)


async def test_an_anonymous_admin_can_register_the_group(ideas_harness: Harness) -> None:
    h = ideas_harness
    await as_chat(h, GROUP, "register")
    thanks = h.t("Thank you! City staff will check the registration soon.", "de")
    assert group_texts(h)[-1].startswith(thanks)
    staff_card = h.api.sent_messages(-1009876543210, TOKEN)[-1]["text"]
    assert GROUP["title"] in staff_card


async def test_an_anonymous_admin_can_open_the_language_choice(harness: Harness) -> None:
    h = harness
    await registered(h, "tr")
    await as_chat(h, GROUP, "language")
    assert group_texts(h)[-1] == h.t("Which language should I use in this group?", "tr")
    assert await stored_language(h) == "tr"


async def test_a_channel_posting_in_the_group_is_no_admin(harness: Harness) -> None:
    h = harness
    await registered(h, "tr")
    await as_chat(h, CHANNEL, "language")
    refusal = h.t("Only an admin of this group can change its language.", "tr")
    assert group_texts(h)[-1] == refusal

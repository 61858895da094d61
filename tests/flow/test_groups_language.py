"""A youth group hears the bot in its own language, briefly; only its admins change that."""

from __future__ import annotations

from typing import Any

from aiogram.types import BotCommandScopeChat

from bot.sandbox import updates
from bot.services import youth_groups
from bot.services.clock import SystemClock
from db.models import YouthGroup
from tests.flow.harness import TOKEN, Harness
from tests.flow.ideas_support import alerts

GROUP = updates.group_chat(-1005550101, "Jugendtreff Ruhrort")
ADMIN = updates.user(990, "tr", "Elif")
MEMBER = updates.user(991, "de", "Jonas")
APPROVED = (
    "This group is registered: city polls arrive here. "
    "Vote right in the poll; your vote is anonymous, only the totals count."
)
ADMINS_LINE = "Admins can change the language with /language."


def group_texts(h: Harness) -> list[str]:
    return [m.get("text", "") for m in h.api.sent_messages(GROUP["id"], TOKEN)]


async def say(h: Harness, who: dict[str, Any], command: str) -> None:
    await h.feed(updates.command_update(who, command, chat=GROUP))


async def press(h: Harness, who: dict[str, Any], label: str) -> None:
    """Press a button on the bot's newest message with buttons in the group."""
    message = [m for m in h.api.sent_messages(GROUP["id"], TOKEN) if m.get("reply_markup")][-1]
    rows = message["reply_markup"]["inline_keyboard"]
    (button,) = [b for row in rows for b in row if b["text"] == label]
    await h.feed(updates.callback_update(who, message, button["callback_data"]))


async def registered(h: Harness, language: str, *, approve: bool = True) -> None:
    """The group as staff left it: requested in `language`, approved unless told otherwise."""
    h.api.set_member(TOKEN, GROUP["id"], ADMIN["id"], "administrator")
    h.api.set_member(TOKEN, GROUP["id"], MEMBER["id"], "member")
    async with h.runtime.session_factory() as session:
        clock = SystemClock()
        await youth_groups.request(session, clock, GROUP["id"], GROUP["title"], language)
        if approve:
            await youth_groups.decide(session, clock, GROUP["id"], True, 1, "ok")


async def stored_language(h: Harness) -> str:
    async with h.runtime.session_factory() as session:
        group = await session.get(YouthGroup, GROUP["id"])
        assert group is not None
        return group.language


async def test_start_menu_help_answer_in_a_line_or_two_in_the_group_language(
    harness: Harness,
) -> None:
    await registered(harness, "tr")
    expected = harness.t(APPROVED, "tr") + "\n" + harness.t(ADMINS_LINE, "tr")
    for command in ("start", "menu", "help"):
        await say(harness, MEMBER, command)  # a German member: the group's Turkish still wins
        assert group_texts(harness)[-1] == expected, command
    assert len(group_texts(harness)) == 3
    assert all("/register" not in text for text in group_texts(harness))  # approved already
    assert all(not m.get("reply_markup") for m in harness.api.sent_messages(GROUP["id"], TOKEN))


async def test_a_pending_or_new_group_is_told_where_it_stands(harness: Harness) -> None:
    newcomer = updates.user(992, "en")
    await say(harness, newcomer, "start")
    assert "/register" in group_texts(harness)[-1]
    await registered(harness, "en", approve=False)
    await say(harness, newcomer, "menu")
    waiting = harness.t("This group's registration is already waiting for the city's answer.", "en")
    assert group_texts(harness)[-1] == waiting + "\n" + ADMINS_LINE


async def test_only_admins_change_the_group_language(harness: Harness) -> None:
    await registered(harness, "tr")
    await say(harness, MEMBER, "language")
    refused = harness.t("Only an admin of this group can change its language.", "tr")
    assert group_texts(harness)[-1] == refused
    await say(harness, ADMIN, "language")
    assert group_texts(harness)[-1] == harness.t("Which language should I use in this group?", "tr")
    # A member presses the admin's buttons: told no, nothing changes.
    await press(harness, MEMBER, "English")
    assert alerts(harness)[-1] == refused
    assert await stored_language(harness) == "tr"
    # Admin rights are asked of Telegram at the press: a demoted admin can no longer choose.
    harness.api.set_member(TOKEN, GROUP["id"], ADMIN["id"], "member")
    await press(harness, ADMIN, "English")
    assert await stored_language(harness) == "tr"
    harness.api.set_member(TOKEN, GROUP["id"], ADMIN["id"], "creator")
    await press(harness, ADMIN, "English")
    assert await stored_language(harness) == "en"
    assert group_texts(harness)[-1] == "Done! I'll write in this language in this group."
    await say(harness, MEMBER, "help")
    assert group_texts(harness)[-1] == APPROVED + "\n" + ADMINS_LINE


async def test_a_german_youth_group_gets_the_du_texts_and_menu(harness: Harness) -> None:
    await registered(harness, "tr")
    await say(harness, ADMIN, "language")
    await press(harness, ADMIN, "Deutsch")
    assert await stored_language(harness) == "de"  # German content (polls) for the group
    await say(harness, MEMBER, "help")
    du = harness.t(APPROVED, "de@du")
    assert group_texts(harness)[-1].split("\n")[0] == du
    assert du != harness.t(APPROVED, "de") and "deine Stimme" in du
    menu = await harness.bot.get_my_commands(scope=BotCommandScopeChat(chat_id=GROUP["id"]))
    assert [c.command for c in menu] == ["language", "help", "register"]
    assert menu[0].description == harness.t("Change the language", "de@du")


async def test_register_keeps_the_admins_language_for_the_group(ideas_harness: Harness) -> None:
    h = ideas_harness
    h.api.set_member(TOKEN, GROUP["id"], MEMBER["id"], "administrator")
    await say(h, MEMBER, "register")  # Telegram says German: the group gets German, with du
    assert await stored_language(h) == "de"
    chosen = h.t("I'll write in {language} here. Admins can change it with /language.", "de@du")
    assert group_texts(h)[-1].endswith(chosen.format(language="Deutsch"))

"""/help lists per role what the command menu offers and what the handlers accept."""

from __future__ import annotations

import re

import pytest
from aiogram.filters import Command
from aiogram.types import BotCommandScopeAllGroupChats, BotCommandScopeChat

from bot.filters import HasRole
from bot.sandbox import updates
from bot.staff_menus import publish_all_menus
from tests.flow.announce_support import make_staff
from tests.flow.harness import TOKEN, Harness
from tests.flow.ideas_support import STAFF_CHAT

PERSON = 880001
EVERYONE = {"/mydata", "/delete", "/stop", "/language", "/menu"}
EDITORS = {"/announce", "/campaigns", "/newpoll", "/results", "/newmeeting", "/meetings"}
REFUSALS = (
    "I don't know this command",
    "Announcements are sent by city staff only",
    "Only admins can manage staff",
)


async def as_role(h: Harness, role: str | None) -> None:
    if role == "admin":
        h.settings.admin_ids = [PERSON]
    elif role is not None:
        await make_staff(h, PERSON, role)


def listed(text: str) -> list[str]:
    """The commands a help text names at the start of a line."""
    return re.findall(r"^(/[a-z]+) – ", text, re.MULTILINE)


@pytest.mark.parametrize("role", [None, "moderator", "editor", "admin"])
async def test_help_lists_what_the_role_may_use_and_the_menu_matches(
    harness: Harness, role: str | None
) -> None:
    harness.settings.staff_chat_id = STAFF_CHAT
    await as_role(harness, role)
    chat = harness.chat(PERSON, "en")
    await chat.send("/help")
    commands = listed(chat.last_text())
    assert set(commands) >= EVERYONE
    staff = set(commands) & (EDITORS | {"/staff"})
    expected = {None: set(), "moderator": set(), "editor": EDITORS}.get(role, EDITORS | {"/staff"})
    assert staff == expected
    if role is not None:
        assert "For staff" in chat.last_text()
    # Telegram's menu for this person: their own chat's list for staff, else the default one.
    await publish_all_menus(harness.bot, harness.runtime)
    if role is None:
        menu = await harness.bot.get_my_commands(language_code="en")
        assert await harness.bot.get_my_commands(scope=BotCommandScopeChat(chat_id=PERSON)) == []
    else:
        menu = await harness.bot.get_my_commands(scope=BotCommandScopeChat(chat_id=PERSON))
    assert ["/" + c.command for c in menu] == commands
    # Every listed command is accepted for this role.
    for command in commands:
        before = len(chat.messages())
        await chat.send(command)
        answers = [m.get("text") or "" for m in chat.messages()[before:]]
        assert answers, command
        assert not any(r in a for r in REFUSALS for a in answers), (command, answers)
        await chat.send("/cancel")


async def test_staff_chat_menu_holds_only_what_works_there(harness: Harness) -> None:
    harness.settings.staff_chat_id = STAFF_CHAT
    await publish_all_menus(harness.bot, harness.runtime)
    menu = await harness.bot.get_my_commands(scope=BotCommandScopeChat(chat_id=STAFF_CHAT))
    assert [c.command for c in menu] == ["cancel"]
    assert menu[0].description == harness.t("Cancel the current step", "de")


def staff_handlers(router: object) -> list[tuple[str, str]]:
    """(command, role) for every message handler behind a staff role filter."""
    found = []
    for handler in router.message.handlers:  # type: ignore[attr-defined]
        callbacks = [f.callback for f in handler.filters or []]
        roles = [c.role for c in callbacks if isinstance(c, HasRole)]
        for command_filter in (c for c in callbacks if isinstance(c, Command)):
            found += [(str(cmd), role) for cmd in command_filter.commands for role in roles]
    for sub in router.sub_routers:  # type: ignore[attr-defined]
        found += staff_handlers(sub)
    return found


async def test_every_staff_command_handler_is_listed_for_its_role(harness: Harness) -> None:
    registered = staff_handlers(harness.dispatcher)
    assert {command for command, _ in registered} >= {c[1:] for c in EDITORS}
    for role in ("moderator", "editor", "admin"):
        harness.settings.admin_ids = []
        chat = harness.chat(PERSON + len(role), "en")
        if role == "admin":
            harness.settings.admin_ids = [chat.id]
        else:
            await make_staff(harness, chat.id, role)
        await chat.send("/help")
        commands = set(listed(chat.last_text()))
        for command, needed in registered:
            assert (f"/{command}" in commands) == (role in (needed, "admin")), (role, command)


async def test_staff_keep_their_commands_after_a_language_or_role_change(harness: Harness) -> None:
    await make_staff(harness, PERSON, "editor")
    chat = harness.chat(PERSON, "en")
    await chat.send("/language")
    await chat.press("Deutsch")
    menu = await harness.bot.get_my_commands(scope=BotCommandScopeChat(chat_id=PERSON))
    assert "announce" in [c.command for c in menu]
    assert menu[0].description == harness.t("Main menu", "de")
    harness.settings.admin_ids = [PERSON + 1]
    admin = harness.chat(PERSON + 1, "en")
    await admin.send("/staff")
    await admin.press(str(PERSON))
    await admin.press("Remove")
    await admin.press("Yes")
    menu = await harness.bot.get_my_commands(scope=BotCommandScopeChat(chat_id=PERSON))
    assert [c.command for c in menu] == ["menu", "language", "settings", "privacy", "mydata",
                                         "delete", "stop", "cancel", "help", "start"]  # fmt: skip


async def test_groups_get_a_menu_of_what_works_in_groups(harness: Harness) -> None:
    await publish_all_menus(harness.bot, harness.runtime)
    scope = BotCommandScopeAllGroupChats()
    menu = await harness.bot.get_my_commands(scope=scope, language_code="tr")
    assert [c.command for c in menu] == ["language", "help", "register"]
    assert menu[2].description == harness.t("Register this group for city polls", "tr")
    group = updates.group_chat(-1005550077, "Jugendtreff")
    someone = updates.user(PERSON, "tr")
    for command in menu:  # each is answered in the group (a member may not register it)
        before = len(harness.api.sent_messages(group["id"], TOKEN))
        await harness.feed(updates.command_update(someone, command.command, chat=group))
        assert len(harness.api.sent_messages(group["id"], TOKEN)) == before + 1, command

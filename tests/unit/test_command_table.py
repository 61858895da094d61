"""The command table Telegram's menus and /help come from: valid in every language and place."""

from __future__ import annotations

import re
from pathlib import Path

from aiogram.utils.i18n import I18n

from bot.command_table import COMMANDS, Place, commands_for
from bot.commands import command_list
from bot.config import LANGUAGES
from bot.services.staff import ROLES

LOCALES = Path(__file__).resolve().parents[2] / "locales"


def test_every_menu_is_valid_for_telegram_in_every_language() -> None:
    i18n = I18n(path=LOCALES, default_locale="de", domain="messages")
    assert len({entry.command for entry in COMMANDS}) == len(COMMANDS)
    for language in LANGUAGES:
        with i18n.context(), i18n.use_locale(language):
            for role in (None, *ROLES):
                for place in Place:
                    menu = command_list(role, place)
                    assert len(menu) <= 100
                    for command in menu:
                        assert re.fullmatch(r"[a-z0-9_]{1,32}", command.command)
                        assert 1 <= len(command.description) <= 256
    english = descriptions(i18n, "en")
    for language in LANGUAGES:
        if language != "en":  # translated, not the English msgid shown as it is
            translated = descriptions(i18n, language)
            assert not translated.items() & english.items(), language


def descriptions(i18n: I18n, language: str) -> dict[str, str]:
    """Every command's description (all places, an admin's view) in a language."""
    with i18n.context(), i18n.use_locale(language):
        menus = [command_list("admin", place) for place in Place]
    return {command.command: command.description for menu in menus for command in menu}


def test_roles_see_their_own_commands_and_admins_all() -> None:
    names = {role: {e.command for e in commands_for(role)} for role in (None, *ROLES)}
    assert names["admin"] == {e.command for e in COMMANDS if Place.PRIVATE in e.places}
    assert names[None] < names["editor"] < names["admin"]
    assert "staff" not in names["editor"] and "announce" not in names["moderator"]

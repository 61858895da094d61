"""The bot's command menus and descriptions, per scope and language.

Residents get the default menu; each staff member's private chat and the staff chat get their
own (BotCommandScopeChat), all built from bot.command_table like /help.
"""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeChat
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.command_table import Place, commands_for
from bot.config import LANGUAGES
from bot.services.locale import group_locale

log = logging.getLogger(__name__)


def command_list(role: str | None = None, place: Place = Place.PRIVATE) -> list[BotCommand]:
    """The commands someone with this role (None: a resident) can use there, current locale."""
    return [
        BotCommand(command=entry.command, description=str(entry.description))
        for entry in commands_for(role, place)
    ]


def description() -> str:
    """What the bot shows before the first message (up to 512 characters)."""
    return _(
        "Stadtstimme is the participation bot of the City of Duisburg. "
        "Get information, hand in ideas, answer quick polls and get reminders about "
        "public forums (Bürgerforen). In 10 languages."
    )


def short_description() -> str:
    """The bot's profile text (up to 120 characters)."""
    return _("Have your say in Duisburg: information, ideas, polls, public forums (Bürgerforen).")


async def publish_commands(
    bot: Bot, i18n: I18n, default_language: str, staff_chat_id: int | None = None
) -> None:
    """Commands (private chats, groups) and descriptions per language, and the default."""
    for language in (None, *LANGUAGES):
        with i18n.context(), i18n.use_locale(language or default_language):
            await bot.set_my_commands(command_list(), language_code=language)
            groups = command_list(place=Place.GROUP)
            scope = BotCommandScopeAllGroupChats()
            await bot.set_my_commands(groups, scope=scope, language_code=language)
            await bot.set_my_description(description(), language_code=language)
            await bot.set_my_short_description(short_description(), language_code=language)
    if staff_chat_id is not None:
        with i18n.context(), i18n.use_locale(default_language):
            commands = command_list(place=Place.STAFF_CHAT)
            await _set_chat_menu(bot, staff_chat_id, commands)
    log.info("published commands and descriptions for %d languages", len(LANGUAGES))


async def publish_personal_menu(
    bot: Bot, i18n: I18n, telegram_id: int, role: str | None, language: str
) -> None:
    """One person's private-chat menu: residents' commands plus those their role allows."""
    with i18n.context(), i18n.use_locale(language):
        await _set_chat_menu(bot, telegram_id, command_list(role))


async def publish_group_menu(bot: Bot, i18n: I18n, chat_id: int, language: str) -> None:
    """A youth group's menu in the language its admins chose (German groups: the "du" texts)."""
    with i18n.context(), i18n.use_locale(group_locale(language)):
        await _set_chat_menu(bot, chat_id, command_list(place=Place.GROUP))


async def _set_chat_menu(bot: Bot, chat_id: int, commands: list[BotCommand]) -> None:
    try:
        await bot.set_my_commands(commands, scope=BotCommandScopeChat(chat_id=chat_id))
    except TelegramAPIError as error:
        # Someone who never opened a chat with the bot: their menu follows with /language.
        log.warning("could not set the command menu of a chat: %s", error.message)

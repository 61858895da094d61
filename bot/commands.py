"""The bot's command menu and descriptions, per language."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.types import BotCommand
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.config import LANGUAGES

log = logging.getLogger(__name__)


def command_list() -> list[BotCommand]:
    """The commands in the current locale."""
    return [
        BotCommand(command="menu", description=_("Main menu")),
        BotCommand(command="language", description=_("Change the language")),
        BotCommand(command="settings", description=_("Language, profile, announcements, privacy")),
        BotCommand(command="privacy", description=_("What we store and how to delete it")),
        BotCommand(command="stop", description=_("No more announcements")),
        BotCommand(command="help", description=_("Help")),
        BotCommand(command="start", description=_("Start again")),
    ]


def description() -> str:
    """What the bot shows before the first message (up to 512 characters)."""
    return _(
        "Stadtstimme is the participation bot of the City of Duisburg. "
        "Get information, hand in ideas, answer quick polls and get reminders about "
        "citizen forums. In 10 languages."
    )


def short_description() -> str:
    """The bot's profile text (up to 120 characters)."""
    return _("Have your say in Duisburg: information, ideas, polls, citizen forums.")


async def publish_commands(bot: Bot, i18n: I18n, default_language: str) -> None:
    """Set commands and descriptions for every language, and the default for all others."""
    for language in (None, *LANGUAGES):
        with i18n.context(), i18n.use_locale(language or default_language):
            await bot.set_my_commands(command_list(), language_code=language)
            await bot.set_my_description(description(), language_code=language)
            await bot.set_my_short_description(short_description(), language_code=language)
    log.info("published commands and descriptions for %d languages", len(LANGUAGES))
